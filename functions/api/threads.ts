// Route implementations of the `threads` group: chat threads, their messages and client tasks
// (staff and portal).
import {
  addTasks,
  deleteTask,
  editTask,
  listPortalTasks,
  listStaffTasks,
  moveTask,
  resendTasks,
  setPortalTaskDone,
  setStaffTaskDone,
  type TaskDeps,
} from '../domain/tasks';
import {
  createThread,
  getPortalThread,
  getThread,
  listPortalMessages,
  listPortalThreads,
  listStaffMessages,
  listThreads,
  postPortalMessage,
  postStaffMessage,
  setThreadReminders,
  setThreadStatus,
} from '../domain/threads';
import type { Gate } from '../http/auth';
import { threadsChecks } from '../http/checks/threads';
import { groupHandler } from '../http/handler';
import { threadsRoutes } from '../http/routes/threads';

export function threadsApi(deps: TaskDeps, gate: Gate) {
  return groupHandler(
    'threads',
    threadsRoutes,
    {
      createThread: ({ principal, params, body }) => createThread(deps, principal, params.caseId, body),
      listThreads: ({ principal, params, query }) => listThreads(deps, principal, params.caseId, query),
      getThread: ({ principal, params }) => getThread(deps, principal, params.caseId, params.threadId),
      listThreadMessages: ({ principal, params, query }) =>
        listStaffMessages(deps, principal, params.caseId, params.threadId, query),
      postThreadMessage: ({ principal, params, body }) =>
        postStaffMessage(deps, principal, params.caseId, params.threadId, body.text),
      listThreadTasks: ({ principal, params }) =>
        listStaffTasks(deps, principal, params.caseId, params.threadId),
      addThreadTasks: ({ principal, params, body }) =>
        addTasks(deps, principal, params.caseId, params.threadId, body.tasks),
      editThreadTask: ({ principal, params, body }) => editTask(deps, principal, params, body.text),
      deleteThreadTask: ({ principal, params }) => deleteTask(deps, principal, params),
      moveThreadTask: ({ principal, params, body }) => moveTask(deps, principal, params, body),
      completeThreadTask: ({ principal, params }) => setStaffTaskDone(deps, principal, params, true),
      reopenThreadTask: ({ principal, params }) => setStaffTaskDone(deps, principal, params, false),
      resendThreadTasks: ({ principal, params }) =>
        resendTasks(deps, principal, params.caseId, params.threadId),
      putThreadReminders: ({ principal, params, body }) =>
        setThreadReminders(deps, principal, params.caseId, params.threadId, body),
      closeThread: ({ principal, params }) =>
        setThreadStatus(deps, principal, params.caseId, params.threadId, 'closed'),
      reopenThread: ({ principal, params }) =>
        setThreadStatus(deps, principal, params.caseId, params.threadId, 'open'),
      listPortalThreads: ({ principal, params, query }) =>
        listPortalThreads(deps, principal, params.caseId, query),
      getPortalThread: ({ principal, params }) =>
        getPortalThread(deps, principal, params.caseId, params.threadId),
      listPortalThreadMessages: ({ principal, params, query }) =>
        listPortalMessages(deps, principal, params.caseId, params.threadId, query),
      postPortalThreadMessage: ({ principal, params, body }) =>
        postPortalMessage(deps, principal, params.caseId, params.threadId, body.text),
      listPortalThreadTasks: ({ principal, params }) =>
        listPortalTasks(deps, principal, params.caseId, params.threadId),
      completePortalThreadTask: ({ principal, params }) => setPortalTaskDone(deps, principal, params, true),
      reopenPortalThreadTask: ({ principal, params }) => setPortalTaskDone(deps, principal, params, false),
    },
    gate,
    threadsChecks,
  );
}
