// Moves dead letters back to the function they failed in, in batches, until the queue is empty: a
// letter is deleted only once its event was handed back (an asynchronous invoke Lambda accepted),
// so a crash or an error midway leaves it in the queue for the next run. The targets are idempotent
// (deliveries are claimed before sending, ingest replays a closed intent), so a letter handed back
// twice is still delivered once.

export interface DeadLetter {
  /** What deletes it from the queue (SQS receipt handle). */
  receipt: string;
  /** The event, exactly as the failed invocation received it. */
  body: string;
}

export interface RedrivePorts {
  receive(): Promise<DeadLetter[]>;
  resend(body: string): Promise<void>;
  remove(receipt: string): Promise<void>;
  progress?(moved: number): void;
}

export interface RedriveResult {
  moved: number;
  /** The first letter that could not be handed back (it stays in the queue), if any. */
  failed?: { error: string };
}

/** Stops at the first failure: the cause is usually the same for every letter (not fixed yet). */
export async function moveDeadLetters(ports: RedrivePorts, maxBatches = 10_000): Promise<RedriveResult> {
  let moved = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const letters = await ports.receive();
    if (letters.length === 0) return { moved };
    for (const letter of letters) {
      try {
        await ports.resend(letter.body);
      } catch (err) {
        return { moved, failed: { error: (err as Error).message } };
      }
      await ports.remove(letter.receipt);
      moved++;
    }
    ports.progress?.(moved);
  }
  return { moved };
}
