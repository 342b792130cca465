// Pure rules of client tasks: task state and transitions from counts, filters, fractional
// positions for drag and drop (property-tested against a plain array move), reminder timing, and
// the client-facing email with and without message context.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendPositions,
  applyDelta,
  filterState,
  inListOrder,
  movePosition,
  nextDueAt,
  remindersLeft,
  shardOf,
  taskState,
  transition,
} from '../../functions/domain/task-rules';
import { clientMessage } from '../../functions/notify/policies/thread-notices';
import type { Recipient } from '../../functions/notify/policy';
import { shippedTexts } from '../../functions/notify/texts';

describe('Rule: task state and transitions', () => {
  it.each([
    [0, 0, 'none'],
    [0, 3, 'open'],
    [2, 3, 'open'],
    [3, 3, 'done'],
  ] as const)('%i of %i done → %s', (completed, total, state) => {
    expect(taskState({ completed, total })).toBe(state);
  });

  it.each([
    [
      'the last tick completes',
      { completed: 2, total: 3 },
      { completed: 1, total: 0 },
      'done',
      true,
      false,
      true,
    ],
    [
      'a tick short of the end does not',
      { completed: 1, total: 3 },
      { completed: 1, total: 0 },
      'open',
      false,
      false,
      false,
    ],
    [
      'an untick reopens',
      { completed: 3, total: 3 },
      { completed: -1, total: 0 },
      'open',
      false,
      true,
      false,
    ],
    [
      'first tasks open a thread',
      { completed: 0, total: 0 },
      { completed: 0, total: 2 },
      'open',
      false,
      true,
      false,
    ],
    [
      'a new task reopens a done thread',
      { completed: 2, total: 2 },
      { completed: 0, total: 1 },
      'open',
      false,
      true,
      false,
    ],
    [
      'deleting the last open task completes',
      { completed: 2, total: 3 },
      { completed: 0, total: -1 },
      'done',
      true,
      false,
      true,
    ],
    [
      'deleting the only task leaves none',
      { completed: 0, total: 1 },
      { completed: 0, total: -1 },
      'none',
      false,
      false,
      true,
    ],
  ] as const)('%s', (_name, counts, delta, after, completes, opens, closes) => {
    // Act
    const t = transition(counts, delta);
    // Assess
    expect(t.after).toBe(after);
    expect(t.completes).toBe(completes);
    expect(t.opens).toBe(opens);
    expect(t.closes).toBe(closes);
  });

  it('refuses counts that would leave the range (more done than tasks, below zero)', () => {
    expect(() => applyDelta({ completed: 3, total: 3 }, { completed: 1, total: 0 })).toThrow(/out of range/);
    expect(() => applyDelta({ completed: 0, total: 0 }, { completed: 0, total: -1 })).toThrow(/out of range/);
  });

  it('maps the filters to the index partitions: incomplete → open, completed → done, all → every thread', () => {
    expect(filterState('incomplete')).toBe('open');
    expect(filterState('completed')).toBe('done');
    expect(filterState('all')).toBeUndefined();
  });
});

describe('Rule: fractional positions', () => {
  const list = (n: number) => appendPositions([], n).map((position, i) => ({ taskId: `T${i}`, position }));

  it('appends in order after the last task', () => {
    // Prepare
    const tasks = list(3);
    // Act
    const more = appendPositions(tasks, 2);
    // Assess
    expect([...tasks.map((t) => t.position), ...more]).toEqual(
      [...tasks.map((t) => t.position), ...more].sort(),
    );
    expect(new Set(more).size).toBe(2);
  });

  it('moves between two neighbours, to the start and to the end, changing only the moved task', () => {
    const tasks = list(4);
    const between = movePosition(tasks, 'T3', { afterId: 'T0', beforeId: 'T1' });
    expect(between > tasks[0]!.position && between < tasks[1]!.position).toBe(true);
    const start = movePosition(tasks, 'T2', { beforeId: 'T0' });
    expect(start < tasks[0]!.position).toBe(true);
    const end = movePosition(tasks, 'T0', { afterId: 'T3' });
    expect(end > tasks[3]!.position).toBe(true);
    const onlyAfter = movePosition(tasks, 'T3', { afterId: 'T1' });
    expect(onlyAfter > tasks[1]!.position && onlyAfter < tasks[2]!.position).toBe(true);
  });

  it.each([
    [{ afterId: 'T0', beforeId: 'T2' }, 'move_neighbours_not_adjacent'],
    [{ afterId: 'T1', beforeId: 'T0' }, 'move_neighbours_not_adjacent'],
    [{ afterId: 'T3' }, 'move_relative_to_itself'],
    [{ afterId: 'nope' }, 'neighbour_task_not_found'],
    [{}, 'move_target_required'],
  ])('refuses %o with %s', (target, code) => {
    expect(() => movePosition(list(4), 'T3', target)).toThrow(expect.objectContaining({ code }));
  });

  it('property: any sequence of moves orders the list exactly as the same moves on an array', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 }),
        (n, moves) => {
          let tasks = list(n);
          let expected = tasks.map((t) => t.taskId);
          for (const [from, to] of moves) {
            const moving = expected[from % n]!;
            const rest = expected.filter((id) => id !== moving);
            const at = to % n; // the index it lands at among the others (0…n-1)
            const target = { afterId: rest[at - 1], beforeId: rest[at] };
            const position = movePosition(inListOrder(tasks), moving, target);
            tasks = tasks.map((t) => (t.taskId === moving ? { ...t, position } : t));
            expected = [...rest.slice(0, at), moving, ...rest.slice(at)];
          }
          expect(inListOrder(tasks).map((t) => t.taskId)).toEqual(expected);
        },
      ),
    );
  });
});

describe('Rule: reminders', () => {
  it('falls due every `everyDays` days and stops after `maxCount`', () => {
    const from = new Date('2026-11-23T10:00:00.000Z');
    expect(nextDueAt(from, { everyDays: 3, maxCount: 2 })).toBe('2026-11-26T10:00:00.000Z');
    expect(remindersLeft({ everyDays: 3, maxCount: 2 }, 1)).toBe(true);
    expect(remindersLeft({ everyDays: 3, maxCount: 2 }, 2)).toBe(false);
    expect(remindersLeft({ everyDays: 3, maxCount: 0 }, 0)).toBe(false);
  });

  it('spreads threads over the shards, always the same shard for one thread', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `01J${String(i).padStart(23, '0')}`);
    const shards = ids.map((id) => shardOf(id, 4));
    expect(new Set(shards)).toEqual(new Set([0, 1, 2, 3]));
    expect(ids.map((id) => shardOf(id, 4))).toEqual(shards);
  });
});

describe('Rule: client-facing email and message context', () => {
  const reader: Recipient = { kind: 'contact', firmId: 'F', id: 'C', name: 'Carla', locale: 'en' };
  const news = {
    firmName: 'Acme CPA',
    kind: 'message' as const,
    subject: 'Your 2026 return',
    author: 'Ann',
    text: 'Balance due: 12,345',
    tasks: [
      { taskId: 'a', text: 'Upload W-2', done: false },
      { taskId: 'b', text: 'Sign', done: true },
    ],
    link: 'https://portal.example/cases/c/threads/t',
  };

  it('without context says only that there is something new, how many tasks are open, and links to the portal', async () => {
    const m = await clientMessage(shippedTexts(), reader, { ...news, showContext: false });
    for (const part of [m.subject, m.text, m.html, m.body]) {
      expect(part).not.toContain('12,345');
      expect(part).not.toContain('Upload W-2');
      expect(part).not.toContain('Your 2026 return');
    }
    expect(m.text).toContain('You have 1 open task.');
    expect(m.text).toContain(news.link);
  });

  it('with context shows the subject as typed (escaped in HTML), the message flattened and each open task', async () => {
    const m = await clientMessage(shippedTexts(), reader, {
      ...news,
      subject: 'Your <2026> return',
      text: '**Balance** <b>due</b>:\n[pay here](https://pay.example/x)',
      showContext: true,
    });
    expect(m.subject).toBe('New message from Acme CPA: Your <2026> return');
    expect(m.html).toContain('Your &lt;2026&gt; return');
    // A message is a long text: flattened in mail like discussions and file requests.
    expect(m.text).toContain('Ann: Balance due : pay here');
    expect(m.html).toContain('Ann: Balance due : pay here');
    expect(m.text).not.toMatch(/\*\*|<b>|\]\(/);
    expect(m.text).toContain('• Upload W-2');
    expect(m.text).not.toContain('• Sign');
  });
});
