// The catalogue of live messages: what an open WebSocket of the live channel receives (decision 0045).
// Hints, not records: ids and counts only, never content; `id` names the change so a portal can
// drop a message it already had (a retried stream batch sends the same id again).
import * as z from '../zod-mini';

/** data schemas, keyed by message type. */
export const liveMessageData = {
  /** A new item in the person's inbox (read it with GET /inbox or /portal/inbox). */
  'inbox.item': z.object({ itemId: z.string(), caseId: z.optional(z.string()) }),
  /** The person's unread count changed (a new item, a read, a read-all or an archive): the new count. */
  'inbox.unread': z.object({ count: z.number().check(z.int(), z.nonnegative()) }),
  /** A message was posted in a chat thread the person may read. */
  'thread.message': z.object({ caseId: z.string(), threadId: z.string(), messageId: z.string() }),
  /** A chat thread's task counts changed (added, ticked, unticked, deleted tasks). */
  'thread.tasks': z.object({
    caseId: z.string(),
    threadId: z.string(),
    completed: z.number().check(z.int(), z.nonnegative()),
    total: z.number().check(z.int(), z.nonnegative()),
  }),
  /** The contact's grant on this case was revoked: a portal closes what it shows of the case. */
  'access.revoked': z.object({ caseId: z.string() }),
} as const;

export type LiveMessageType = keyof typeof liveMessageData;
export const liveMessageTypes = Object.keys(liveMessageData) as LiveMessageType[];

const envelope = <T extends LiveMessageType>(type: T) =>
  z.object({
    type: z.literal(type),
    /** The change this reports (the table stream record's id): the same change, the same id. */
    id: z.string(),
    /** When the change was committed (the stream's approximate creation time). */
    at: z.iso.datetime(),
    data: liveMessageData[type],
  });

export const LiveMessageSchema = z.discriminatedUnion('type', [
  envelope('inbox.item'),
  envelope('inbox.unread'),
  envelope('thread.message'),
  envelope('thread.tasks'),
  envelope('access.revoked'),
]);
export type LiveMessage = z.output<typeof LiveMessageSchema>;
export type LiveMessageOf<T extends LiveMessageType> = Extract<LiveMessage, { type: T }>;
