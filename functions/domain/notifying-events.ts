// The event types that notify anyone, each with its notification category: what the matrix
// switches, the notify core looks up and each notification text (template) belongs to. Apart from
// the matrix (notification-matrix.ts) so the texts' Lambda does not carry the matrix (decision 0050).

export const NOTIFICATION_CATEGORIES = [
  'documents',
  'fileRequests',
  'discussions',
  'tasks',
  'access',
] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/**
 * Every event type a policy notifies about, with its category. The notify core looks up this list
 * for every event; an event type absent here notifies nobody (there is no policy for it).
 */
export const NOTIFYING_EVENT_CATEGORY = {
  'document.uploaded': 'documents',
  'document.shared': 'documents',
  'document.published': 'documents',
  'filerequest.created': 'fileRequests',
  'filerequest.fulfilled': 'fileRequests',
  'filerequest.reminded': 'fileRequests',
  'discussion.published': 'discussions',
  'comment.added': 'discussions',
  'thread.created': 'tasks',
  'message.posted': 'tasks',
  'task.changed': 'tasks',
  'tasks.completed': 'tasks',
  'reminder.due': 'tasks',
  'invitation.sent': 'access',
  // What a client may do in the portal changed (read-only now): an access notice (decision 0036).
  'case.closed': 'access',
  // Request lists (decision 0043): a client answers an item; staff return one with a reason.
  'filerequest.item_submitted': 'fileRequests',
  'filerequest.item_returned': 'fileRequests',
} as const satisfies Record<string, NotificationCategory>;

export type NotifyingEvent = keyof typeof NOTIFYING_EVENT_CATEGORY;
export const NOTIFYING_EVENT_TYPES = Object.keys(NOTIFYING_EVENT_CATEGORY) as NotifyingEvent[];
