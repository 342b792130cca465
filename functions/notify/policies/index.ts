// The policy table: which policy decides who hears of each event type. An event type absent here
// notifies nobody.
import type { PolicyTable } from '../policy';
import { caseClosedPolicy } from './case-closed';
import { documentPublishedPolicy, documentSharedPolicy } from './client-documents';
import { commentAddedPolicy } from './comment-added';
import { discussionPublishedPolicy } from './discussion-published';
import { documentUploadedPolicy } from './document-uploaded';
import { fileRequestCreatedPolicy } from './filerequest-created';
import { fileRequestFulfilledPolicy, fileRequestItemSubmittedPolicy } from './filerequest-fulfilled';
import { fileRequestItemReturnedPolicy } from './filerequest-item-returned';
import { fileRequestRemindedPolicy } from './filerequest-reminded';
import { invitationSentPolicy } from './invitation';
import { messagePostedPolicy, threadCreatedPolicy } from './message-posted';
import { reminderDuePolicy } from './reminder-due';
import { taskChangedPolicy } from './task-changed';
import { tasksCompletedPolicy } from './tasks-completed';

export const policies: PolicyTable = {
  'document.uploaded': documentUploadedPolicy,
  'invitation.sent': invitationSentPolicy,
  'discussion.published': discussionPublishedPolicy,
  'comment.added': commentAddedPolicy,
  'filerequest.created': fileRequestCreatedPolicy,
  'filerequest.fulfilled': fileRequestFulfilledPolicy,
  // chat threads and client tasks (issue 6)
  'thread.created': threadCreatedPolicy,
  'message.posted': messagePostedPolicy,
  'task.changed': taskChangedPolicy,
  'tasks.completed': tasksCompletedPolicy,
  'reminder.due': reminderDuePolicy,
  // the two document paths (issue 7)
  'document.shared': documentSharedPolicy,
  'document.published': documentPublishedPolicy,
  // the case's lifecycle (issue 18)
  'case.closed': caseClosedPolicy,
  // file-request reminders (issue 18, decision 0044)
  'filerequest.reminded': fileRequestRemindedPolicy,
  // request lists (issue 18)
  'filerequest.item_submitted': fileRequestItemSubmittedPolicy,
  'filerequest.item_returned': fileRequestItemReturnedPolicy,
};
