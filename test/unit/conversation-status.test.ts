// Rules of closing (issue 18): what a closed thread or discussion refuses, what a close or reopen
// does to a thread's reminders, the idempotent close (no second event) and its re-read after a
// concurrent change, and the idempotent delete of a recurring task.
import { describe, expect, it } from 'vitest';
import {
  changesStatus,
  requireDiscussionOpen,
  requireThreadOpen,
  statusOf,
  statusView,
} from '../../functions/domain/conversation-status';
import { DomainError } from '../../functions/domain/errors';
import { deleteRecurringTask, type RecurringTask } from '../../functions/domain/recurring-tasks';
import {
  reminderOnStatus,
  setThreadStatus,
  type Thread,
  type ThreadDeps,
} from '../../functions/domain/threads';
import { ALICE, counterIds, FIRM_A, fixedClock, NOW, staffOf, ulidOf } from './fakes';

const author = { kind: 'staff' as const, id: ALICE, name: 'Alice' };
const thread = (over: Partial<Thread> = {}): Thread => ({
  firmId: FIRM_A,
  caseId: ulidOf(7),
  threadId: ulidOf(8),
  subject: 'Documents',
  contactIds: [],
  createdAt: NOW,
  createdBy: author,
  lastMessageAt: NOW,
  taskTotal: 2,
  taskCompleted: 1,
  completions: 0,
  reminders: { everyDays: 3, maxCount: 2 },
  ...over,
});

const codeOf = (f: () => void): string | undefined => {
  try {
    f();
  } catch (err) {
    return err instanceof DomainError ? `${err.kind}:${err.code}` : 'other';
  }
  return undefined;
};

describe('Function: statusOf / statusView', () => {
  it('an item without a status (written before it existed) is open', () => {
    expect(statusOf({})).toBe('open');
    expect(statusView({})).toEqual({ status: 'open' });
  });
  it('shows when it was closed only while it is closed', () => {
    expect(statusView({ status: 'closed', closedAt: NOW })).toEqual({ status: 'closed', closedAt: NOW });
    expect(statusView({ status: 'open', closedAt: NOW })).toEqual({ status: 'open' });
  });
});

describe('Function: requireThreadOpen / requireDiscussionOpen', () => {
  it('refuses a closed one with 403 and its own code; lets an open or status-less one through', () => {
    expect(codeOf(() => requireThreadOpen({ status: 'closed' }))).toBe('forbidden:thread_closed');
    expect(codeOf(() => requireDiscussionOpen({ status: 'closed' }))).toBe('forbidden:discussion_closed');
    expect(codeOf(() => requireThreadOpen({ status: 'open' }))).toBeUndefined();
    expect(codeOf(() => requireDiscussionOpen({}))).toBeUndefined();
  });
});

describe('Function: changesStatus', () => {
  it('a close of a closed one, or a reopen of an open one, changes nothing', () => {
    expect(changesStatus({ status: 'closed' }, 'closed')).toBe(false);
    expect(changesStatus({}, 'open')).toBe(false);
    expect(changesStatus({}, 'closed')).toBe(true);
    expect(changesStatus({ status: 'closed' }, 'open')).toBe(true);
  });
});

describe('Function: reminderOnStatus', () => {
  const now = new Date(NOW);
  it('a close stops the reminders', () => {
    expect(reminderOnStatus(thread(), 'closed', now)).toBe('stop');
  });
  it('a reopen with open tasks starts them afresh, everyDays from now', () => {
    expect(reminderOnStatus(thread(), 'open', now)).toEqual({ start: '2024-05-09T07:08:09.000Z' });
  });
  it('a reopen with nothing open, or with reminders off, starts none', () => {
    expect(reminderOnStatus(thread({ taskCompleted: 2 }), 'open', now)).toBeUndefined();
    expect(reminderOnStatus(thread({ taskTotal: 0, taskCompleted: 0 }), 'open', now)).toBeUndefined();
    expect(
      reminderOnStatus(thread({ reminders: { everyDays: 3, maxCount: 0 } }), 'open', now),
    ).toBeUndefined();
  });
});

/** A thread store whose thread reads follow `reads` (the last one repeats) and whose writes answer `writes`. */
function statusStore(reads: Thread[], writes: boolean[]) {
  const calls: { change: unknown; reminder: unknown; type: string }[] = [];
  let r = 0;
  let w = 0;
  const deps = {
    clock: fixedClock(),
    ids: counterIds(100),
    grantLocator: {} as ThreadDeps['grantLocator'],
    threads: {
      staffThreadParts: async () => ({ case: {}, thread: reads[Math.min(r++, reads.length - 1)] }),
      setThreadStatus: async (_t: Thread, change: unknown, reminder: unknown, event: { type: string }) => {
        calls.push({ change, reminder, type: event.type });
        return writes[w++] ?? true;
      },
    },
  } as unknown as ThreadDeps;
  return { deps, calls };
}

describe('Function: setThreadStatus', () => {
  const by = staffOf(FIRM_A, ALICE);
  it('closes with its event and a reminder stop in one write', async () => {
    const { deps, calls } = statusStore([thread()], [true]);
    const view = await setThreadStatus(deps, by, ulidOf(7), ulidOf(8), 'closed');
    expect(view).toMatchObject({ status: 'closed', closedAt: NOW });
    expect(calls).toEqual([
      { change: { status: 'closed', at: NOW, by: ALICE }, reminder: 'stop', type: 'thread.closed' },
    ]);
  });
  it('a close of a closed thread writes nothing (idempotent: no second event)', async () => {
    const { deps, calls } = statusStore([thread({ status: 'closed', closedAt: NOW })], []);
    const view = await setThreadStatus(deps, by, ulidOf(7), ulidOf(8), 'closed');
    expect(view.status).toBe('closed');
    expect(calls).toEqual([]);
  });
  it('a concurrent close that won: the re-read finds it closed and answers it, writing nothing more', async () => {
    const { deps, calls } = statusStore([thread(), thread({ status: 'closed', closedAt: NOW })], [false]);
    const view = await setThreadStatus(deps, by, ulidOf(7), ulidOf(8), 'closed');
    expect(view.status).toBe('closed');
    expect(calls).toHaveLength(1);
  });
  it('a status that keeps moving is a 409', async () => {
    const { deps } = statusStore([thread()], [false, false]);
    await expect(setThreadStatus(deps, by, ulidOf(7), ulidOf(8), 'closed')).rejects.toMatchObject({
      kind: 'conflict',
      code: 'concurrent_status_change',
    });
  });
});

describe('Function: deleteRecurringTask', () => {
  const by = staffOf(FIRM_A, ALICE, 'admin');
  const task: RecurringTask = {
    firmId: FIRM_A,
    recurringTaskId: 'payroll',
    name: 'Payroll',
    notifyClient: true,
    createdAt: NOW,
    updatedAt: NOW,
    updatedBy: ALICE,
  };
  const deps = (found: RecurringTask | undefined, deleted: boolean) => {
    const events: { type: string; caseId?: string; detail: unknown }[] = [];
    return {
      events,
      deps: {
        clock: fixedClock(),
        ids: counterIds(1),
        recurringTasks: {
          getRecurringTask: async () => found,
          deleteRecurringTask: async (_t: RecurringTask, e: { type: string; detail: unknown }) => {
            events.push(e);
            return deleted;
          },
        },
      } as unknown as Parameters<typeof deleteRecurringTask>[0],
    };
  };
  it('deletes with a firm-level event naming the task', async () => {
    const d = deps(task, true);
    expect(await deleteRecurringTask(d.deps, by, 'payroll')).toEqual({
      recurringTaskId: 'payroll',
      deleted: true,
    });
    expect(d.events).toEqual([
      expect.objectContaining({
        type: 'recurringtask.deleted',
        detail: { recurringTaskId: 'payroll', name: 'Payroll' },
      }),
    ]);
    expect(d.events[0]).not.toHaveProperty('caseId');
  });
  it('one already gone answers deleted: false and writes nothing', async () => {
    const d = deps(undefined, true);
    expect(await deleteRecurringTask(d.deps, by, 'payroll')).toEqual({
      recurringTaskId: 'payroll',
      deleted: false,
    });
    expect(d.events).toEqual([]);
  });
  it('a concurrent delete that won: deleted: false', async () => {
    const d = deps(task, false);
    expect((await deleteRecurringTask(d.deps, by, 'payroll')).deleted).toBe(false);
  });
});
