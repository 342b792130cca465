// The "notify client" flags of the process path (ONVIO): a recurring task (the integration's
// process, e.g. "monthly payroll") and a case each carry one; a document published for a task of
// that process tells the case's contacts only when both are on (and the firm's document path is
// `process`). Admins save them; staff read them.
import * as z from '../zod-mini';
import type { Case } from './cases';
import { notFound } from './errors';
import type { Clock, Page, PageRequest } from './ports';
import type { StaffPrincipal } from './principal';

/** The integration's own id of a recurring task: a safe slug (it names items and URLs). */
export const RECURRING_TASK_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** What staff and the integration see of a recurring task. */
export const RecurringTaskView = z.object({
  recurringTaskId: z.string(),
  name: z.string(),
  notifyClient: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
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
}

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
