import { describe, expect, it } from 'vitest';
import { type DeadLetter, moveDeadLetters } from '../../scripts/redrive/move';

/** A queue of letters that hands out batches of `size` and hides what it handed out, like SQS. */
function fakeQueue(count: number, size = 3) {
  const letters: DeadLetter[] = Array.from({ length: count }, (_, i) => ({
    receipt: `r${i}`,
    body: `{"n":${i}}`,
  }));
  const inFlight = new Set<string>();
  return {
    letters,
    receive: async () => {
      const batch = letters.filter((l) => !inFlight.has(l.receipt)).slice(0, size);
      for (const l of batch) inFlight.add(l.receipt);
      return batch;
    },
    remove: async (receipt: string) => {
      letters.splice(
        letters.findIndex((l) => l.receipt === receipt),
        1,
      );
    },
  };
}

describe('Function: moveDeadLetters', () => {
  it('hands every letter back once, in order, and deletes each after its resend', async () => {
    // Prepare
    const queue = fakeQueue(7);
    const resent: string[] = [];
    const progress: number[] = [];

    // Act
    const result = await moveDeadLetters({
      receive: queue.receive,
      remove: queue.remove,
      resend: async (body) => {
        resent.push(body);
      },
      progress: (n) => progress.push(n),
    });

    // Assess
    expect(result).toEqual({ moved: 7 });
    expect(resent).toEqual(Array.from({ length: 7 }, (_, i) => `{"n":${i}}`));
    expect(queue.letters).toEqual([]);
    expect(progress).toEqual([3, 6, 7]);
  });

  it('stops at the first letter it cannot hand back and leaves it (and the rest) in the queue', async () => {
    // Prepare
    const queue = fakeQueue(5);
    let calls = 0;

    // Act
    const result = await moveDeadLetters({
      receive: queue.receive,
      remove: queue.remove,
      resend: async () => {
        if (++calls === 3) throw new Error('AccessDeniedException');
      },
    });

    // Assess
    expect(result).toEqual({ moved: 2, failed: { error: 'AccessDeniedException' } });
    expect(queue.letters.map((l) => l.receipt)).toEqual(['r2', 'r3', 'r4']);
  });
});
