// The "notify client" flags of the process path (ONVIO): a recurring task (the integration's
// process, e.g. "monthly payroll") and a case each carry one; a document published for a task of
// that process tells the case's contacts only when both are on (and the firm's document path is
// `process`). Admins save and delete them; staff read them. A recurring task schedules nothing by
// itself: once deleted, nothing can be published for it and no notice names it any more.
import type { DomainEvent } from '../events/catalogue';
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { activity } from './activity';
import type { Case } from './cases';
import { notFound } from './errors';
import type { Clock, Ids, Page, PageRequest } from './ports';
import { type StaffPrincipal, staffActor } from './principal';

/** The integration's own id of a recurring task: a safe slug (it names items and URLs). */
export const RECURRING_TASK_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** What staff and the integration see of a recurring task. */
export const RecurringTaskView = lazySchema(() =>
  z.object({
    recurringTaskId: z.string(),
    name: z.string(),
    notifyClient: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  }),
);
export type RecurringTaskView = z.output<typeof RecurringTaskView>;

/** The stored recurring task: its view, in its firm. */
export interface RecurringTask extends RecurringTaskView {
  firmId: string;
}

export interface RecurringTaskStore {
  /** Creates or replaces the task (createdAt kept from the first save); returns it as stored. */
  putRecurringTask(t: Omit<RecurringTask, 'createdAt'> & { createdAt: string }): Promise<RecurringTask>;
  getRecurringTask(firmId: string, recurringTaskId: string): Promise<RecurringTask | undefined>;
  /** The firm's recurring tasks by id. */
  listRecurringTasks(firmId: string, page: PageRequest): Promise<Page<RecurringTask>>;
  /**
   * Deletes the task with its event (firm-level) in one transaction, while it is still there.
   * False, nothing written, when it was not (already deleted, or never saved).
   */
  deleteRecurringTask(t: RecurringTask, event: DomainEvent): Promise<boolean>;
}

export interface CaseFlagStore {
  /** Sets the case's notify-client flag; undefined when the case does not exist (nothing written). */
  setNotifyClient(
    firmId: string,
    caseId: string,
    change: { notifyClient: boolean; at: string; by: string },
  ): Promise<Case | undefined>;
}

export interface RecurringTaskDeps {
  recurringTasks: RecurringTaskStore;
  caseFlags: CaseFlagStore;
  clock: Clock;
  ids: Ids;
}

/** What a delete answers: `deleted` false when there was nothing to delete (still a success). */
export const RecurringTaskDeletedView = lazySchema(() =>
  z.object({ recurringTaskId: z.string(), deleted: z.boolean() }),
);
export type RecurringTaskDeletedView = z.output<typeof RecurringTaskDeletedView>;

export const recurringTaskView = ({ firmId: _, ...view }: RecurringTask): RecurringTaskView => view;

/** Explicit save (create or replace) of one recurring task, under the integration's id. */
export async function putRecurringTask(
  deps: Pick<RecurringTaskDeps, 'recurringTasks' | 'clock'>,
  by: StaffPrincipal,
  recurringTaskId: string,
  input: { name: string; notifyClient: boolean },
): Promise<RecurringTaskView> {
  const now = deps.clock.now().toISOString();
  const saved = await deps.recurringTasks.putRecurringTask({
    firmId: by.firmId,
    recurringTaskId,
    name: input.name,
    notifyClient: input.notifyClient,
    createdAt: now,
    updatedAt: now,
    updatedBy: by.userId,
  });
  return recurringTaskView(saved);
}

export async function getRecurringTask(
  deps: Pick<RecurringTaskDeps, 'recurringTasks'>,
  by: StaffPrincipal,
  recurringTaskId: string,
): Promise<RecurringTaskView> {
  const t = await deps.recurringTasks.getRecurringTask(by.firmId, recurringTaskId);
  if (!t) throw notFound('recurring task', 'recurring_task_not_found');
  return recurringTaskView(t);
}

export async function listRecurringTasks(
  deps: Pick<RecurringTaskDeps, 'recurringTasks'>,
  by: StaffPrincipal,
  page: PageRequest,
): Promise<Page<RecurringTaskView>> {
  const found = await deps.recurringTasks.listRecurringTasks(by.firmId, page);
  return { ...found, items: found.items.map(recurringTaskView) };
}

/**
 * Deletes a recurring task (idempotent, as the house's other deletes: a repeat answers 200 with
 * `deleted: false` and writes no second event). Publications made for it stay; a publish naming it
 * afterwards is refused (422 recurring_task_unknown), as for one never saved.
 */
export async function deleteRecurringTask(
  deps: Pick<RecurringTaskDeps, 'recurringTasks' | 'clock' | 'ids'>,
  by: StaffPrincipal,
  recurringTaskId: string,
): Promise<RecurringTaskDeletedView> {
  const t = await deps.recurringTasks.getRecurringTask(by.firmId, recurringTaskId);
  if (!t) return { recurringTaskId, deleted: false };
  const event = activity(deps, 'recurringtask.deleted', { firmId: by.firmId }, staffActor(by), {
    recurringTaskId,
    name: t.name,
  });
  return { recurringTaskId, deleted: await deps.recurringTasks.deleteRecurringTask(t, event) };
}

/** Sets a case's notify-client flag (the process path tells its contacts only while it is on). */
export async function setCaseNotifyClient(
  deps: Pick<RecurringTaskDeps, 'caseFlags' | 'clock'>,
  by: StaffPrincipal,
  caseId: string,
  notifyClient: boolean,
): Promise<Case> {
  const c = await deps.caseFlags.setNotifyClient(by.firmId, caseId, {
    notifyClient,
    at: deps.clock.now().toISOString(),
    by: by.userId,
  });
  if (!c) throw notFound('case');
  return c;
}
