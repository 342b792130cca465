// Task changes under a race, deterministically (issue 13, part 5): the thread's counts and its
// tasks are two reads, and a sibling's tick committed between them must make the change re-read,
// not crash (500) on counts that look out of range; a race that never ends is a 409.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/domain/errors';
import {
  concurrentTaskChange,
  setStaffTaskDone,
  type TaskChangeWrite,
  type TaskDeps,
} from '../../functions/domain/tasks';
import type { Task, Thread } from '../../functions/domain/threads';
import { ALICE, counterIds, FIRM_A, fixedClock, NOW, staffOf, ulidOf } from './fakes';

const CASE = ulidOf(7);
const THREAD = ulidOf(8);
const author = { kind: 'staff' as const, id: ALICE, name: 'Alice' };

/**
 * One thread of one task, ticked by a sibling request: its counts are 1 of 1 done. The first
 * `staleReads` thread reads return it as it was before that tick (0 of 1), as a read that came
 * just before the sibling's commit would; the tasks are always read as they are now.
 */
function racedStore(staleReads: number) {
  const task: Task = {
    firmId: FIRM_A,
    caseId: CASE,
    threadId: THREAD,
    taskId: ulidOf(9),
    text: 'Send the W-2',
    position: 'a0',
    done: true,
    doneAt: NOW,
    doneBy: author,
    createdAt: NOW,
    createdBy: author,
  };
  const thread: Thread = {
    firmId: FIRM_A,
    caseId: CASE,
    threadId: THREAD,
    subject: 'Documents',
    contactIds: [],
    createdAt: NOW,
    createdBy: author,
    lastMessageAt: NOW,
    taskTotal: 1,
    taskCompleted: 1,
    completions: 1,
    reminders: { everyDays: 3, maxCount: 0 },
  };
  const state = { thread, task, threadReads: 0, writes: [] as TaskChangeWrite[] };
  const conflict = concurrentTaskChange;
  const deps = {
    clock: fixedClock(),
    ids: counterIds(100),
    grantLocator: {} as TaskDeps['grantLocator'],
    threads: {
      staffThreadParts: async () => {
        state.threadReads++;
        return {
          case: { firmId: FIRM_A, caseId: CASE },
          user: { name: 'Alice' },
          thread:
            state.threadReads <= staleReads ? { ...state.thread, taskCompleted: 0 } : { ...state.thread },
        };
      },
    } as unknown as TaskDeps['threads'],
    tasks: {
      tasksOf: async () => [{ ...state.task }],
      postMessage: async () => undefined,
      moveTask: async () => undefined,
      // The adapter's conditions: the counts and each task's done state as they were read.
      async writeTaskChange(w: TaskChangeWrite) {
        const t = state.thread;
        if (w.thread.taskTotal !== t.taskTotal || w.thread.taskCompleted !== t.taskCompleted)
          throw conflict();
        for (const u of w.updated) if (u.wasDone !== state.task.done) throw conflict();
        state.writes.push(w);
        state.thread = {
          ...t,
          taskTotal: t.taskTotal + w.delta.total,
          taskCompleted: t.taskCompleted + w.delta.completed,
        };
        for (const u of w.updated) state.task = u.task;
      },
    },
  } as TaskDeps;
  return { deps, state };
}

const untick = (deps: TaskDeps, taskId: string) =>
  setStaffTaskDone(deps, staffOf(FIRM_A, ALICE), { caseId: CASE, threadId: THREAD, taskId }, false);

describe('Function: task changes under a race', () => {
  it('re-reads when the thread was read before a tick the tasks already show, and counts stay exact', async () => {
    // Prepare
    const { deps, state } = racedStore(1);

    // Act
    const task = await untick(deps, state.task.taskId);

    // Assess
    expect(task.done).toBe(false);
    expect(state.threadReads).toBe(2);
    expect(state.writes).toHaveLength(1);
    expect(state.writes[0]!.delta).toEqual({ completed: -1, total: 0 });
    expect({ completed: state.thread.taskCompleted, total: state.thread.taskTotal }).toEqual({
      completed: 0,
      total: 1,
    });
  });

  it('answers 409 concurrent_task_change when the reads never agree, and writes nothing', async () => {
    // Prepare
    const { deps, state } = racedStore(Number.POSITIVE_INFINITY);

    // Act
    const err = await untick(deps, state.task.taskId).catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ kind: 'conflict', code: 'concurrent_task_change' });
    expect(state.threadReads).toBe(8);
    expect(state.writes).toEqual([]);
  });
});
