// The catalogue of domain events: one zod schema per detail-type, shared by producers (activity
// entries written in the same transaction as the change) and consumers (publisher, notify). Each
// type's schema is built on its first use: an invocation parses one or a few types, and building
// all of them at import was most of the notify and publisher functions' schema work at cold start.
import * as z from '../zod-mini';

export const EVENT_SOURCE = 'portico';

const actorSchema = () =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('staff'), id: z.string() }),
    z.object({ kind: z.literal('contact'), id: z.string() }),
    z.object({ kind: z.literal('system'), id: z.string() }),
  ]);

const grantRights = () => ({
  contactId: z.string(),
  role: z.enum(['viewer', 'collaborator']),
  canDownload: z.boolean(),
  canUpload: z.boolean(),
});

/** Builders of the detail schemas, keyed by detail-type (called once each, by `eventDetail`). */
const detailSchemas = {
  'case.created': () => z.object({ title: z.string(), ownerId: z.string() }),
  /** A case was renamed (no one is told: decision 0036). */
  'case.renamed': () => z.object({ title: z.string(), previousTitle: z.string() }),
  /** A case got another owner; a saved recipients list gains the new owner (in-app + email) when it lacked them. */
  'case.reassigned': () =>
    z.object({
      ownerId: z.string(),
      previousOwnerId: z.string(),
      /** Whether the new owner was added to the case's saved internal recipients. */
      ownerAddedToRecipients: z.boolean(),
    }),
  /** A case was closed: read-only in the portal until reopened; its contacts are told. */
  'case.closed': () => z.object({ title: z.string() }),
  /** A closed case was reopened. */
  'case.reopened': () => z.object({ title: z.string() }),
  'contact.created': () => z.object({ contactId: z.string(), name: z.string() }),
  /** A contact was given access to a case (an invitation follows as `invitation.sent`). */
  'access.granted': () => z.object(grantRights()),
  /** A contact's rights on a case changed (explicit save of the grant). */
  'access.updated': () => z.object(grantRights()),
  /** A contact lost access to a case. */
  'access.revoked': () => z.object({ contactId: z.string() }),
  /** A contact accepted an invitation: the portal identity is bound to the contact. */
  'access.accepted': () => z.object({ contactId: z.string() }),
  /**
   * An invitation is due to be mailed. The token is made and mailed by the notify function (only
   * its hash is stored), so no event, log or queue ever holds a usable token.
   */
  'invitation.sent': () =>
    z.object({
      contactId: z.string(),
      invitationId: z.string(),
      expiresAt: z.iso.datetime(),
    }),
  /** A document was recorded from an upload (firm or client). */
  'document.uploaded': () =>
    z.object({
      documentId: z.string(),
      name: z.string(),
      contentType: z.string(),
      size: z.number().check(z.int(), z.nonnegative()),
      source: z.enum(['firm', 'client']),
      version: z.number().check(z.int(), z.positive()),
      /** The contact who uploaded it (client uploads). */
      contactId: z.optional(z.string()),
    }),
  /** The set of contacts a document is shared with changed. */
  'document.shared': () =>
    z.object({
      documentId: z.string(),
      name: z.string(),
      added: z.array(z.string()),
      removed: z.array(z.string()),
      /** The document version the contacts now see (absent in events written before it was recorded). */
      version: z.optional(z.number().check(z.int(), z.positive())),
    }),
  /**
   * The process path (ONVIO): an integration published a document for a completed process task of
   * a recurring task; the document is now shared with `contactIds`.
   */
  'document.published': () =>
    z.object({
      documentId: z.string(),
      name: z.string(),
      version: z.number().check(z.int(), z.positive()),
      recurringTaskId: z.string(),
      contactIds: z.array(z.string()),
    }),
  /** Staff renamed a document (its display name; the stored object keeps its key). */
  'document.renamed': () => z.object({ documentId: z.string(), name: z.string(), previousName: z.string() }),
  /** Staff moved a document into the trash: hidden from the portal, purged at `purgeAt` unless restored. */
  'document.trashed': () => z.object({ documentId: z.string(), name: z.string(), purgeAt: z.iso.datetime() }),
  /** Staff restored a document from the trash, shares included. */
  'document.restored': () => z.object({ documentId: z.string(), name: z.string() }),
  /** The purge run removed a document that stayed in the trash: its bytes, versions and shares. */
  'document.purged': () => z.object({ documentId: z.string(), name: z.string() }),
  /** An uploaded object was refused by ingest and deleted. */
  'upload.rejected': () =>
    z.object({ uploadId: z.optional(z.string()), key: z.string(), reason: z.string() }),
  /** A case's internal notification recipients were saved. */
  'recipients.updated': () =>
    z.object({
      recipients: z.array(z.object({ userId: z.string(), inApp: z.boolean(), email: z.boolean() })),
    }),
  // ── discussions, file requests, firm settings (issue 5) ──
  /** A discussion was published and shared with contacts of the case (they may see it and comment). */
  'discussion.published': () =>
    z.object({
      discussionId: z.string(),
      subject: z.string(),
      contactIds: z.array(z.string()),
      attachmentDocumentId: z.optional(z.string()),
    }),
  /** A comment was added to a discussion (by staff or by a contact it is shared with). */
  'comment.added': () => z.object({ discussionId: z.string(), commentId: z.string() }),
  /** Staff asked contacts for a file (`new`) or for a new version of an existing document (`update`). */
  'filerequest.created': () =>
    z.object({
      requestId: z.string(),
      subject: z.string(),
      contactIds: z.array(z.string()),
      kind: z.enum(['new', 'update']),
      documentId: z.optional(z.string()),
      dueDate: z.optional(z.iso.date()),
      /** Request lists: how many items it asks for (absent: one upload fulfils it). */
      items: z.optional(z.number().check(z.int(), z.positive())),
    }),
  /**
   * A recipient's upload fulfilled a file request (open → fulfilled), recorded in the same
   * transaction as the document or its new version; it stands in for `document.uploaded`.
   */
  'filerequest.fulfilled': () =>
    z.object({
      requestId: z.string(),
      kind: z.enum(['new', 'update']),
      documentId: z.string(),
      name: z.string(),
      version: z.number().check(z.int(), z.positive()),
      contactId: z.string(),
    }),
  /** Staff cancelled an open file request (open → cancelled). */
  'filerequest.cancelled': () => z.object({ requestId: z.string() }),
  /** An admin saved the firm settings (explicit save of the whole object). */
  'settings.updated': () =>
    z.object({
      detailedNotifications: z.boolean(),
      uploadMaxBytes: z.number().check(z.int(), z.positive()),
      /** The firm's default language (absent on entries saved before it was a setting). */
      locale: z.optional(z.string()),
    }),
  // ── chat threads and client tasks (issue 6) ──
  /** Staff started a chat thread with contacts; its first message and tasks came with it. */
  'thread.created': () =>
    z.object({
      threadId: z.string(),
      subject: z.string(),
      contactIds: z.array(z.string()),
      messageId: z.optional(z.string()),
      taskIds: z.array(z.string()),
    }),
  /** A message was posted in a thread: text, or the task list re-sent (`tasks`). Task updates are `task.changed`. */
  'message.posted': () =>
    z.object({
      threadId: z.string(),
      messageId: z.string(),
      kind: z.enum(['text', 'tasks']),
    }),
  /** Client tasks of a thread were added, edited, deleted, ticked or unticked (one change, one or more tasks). */
  'task.changed': () =>
    z.object({
      threadId: z.string(),
      change: z.enum(['added', 'edited', 'deleted', 'completed', 'reopened']),
      tasks: z.array(z.object({ taskId: z.string(), text: z.string(), done: z.boolean() })),
      completed: z.number().check(z.int(), z.nonnegative()),
      total: z.number().check(z.int(), z.nonnegative()),
    }),
  /** Every task of a thread is done (again): one event per completion; an untick and re-tick is a new one. */
  'tasks.completed': () =>
    z.object({
      threadId: z.string(),
      total: z.number().check(z.int(), z.positive()),
      completion: z.number().check(z.int(), z.positive()),
    }),
  /** An automatic reminder of a thread's open tasks fell due (one per due slot). */
  'reminder.due': () =>
    z.object({
      threadId: z.string(),
      slot: z.iso.datetime(),
      sequence: z.number().check(z.int(), z.positive()),
      openTasks: z.number().check(z.int(), z.positive()),
    }),
  // ── closing conversations, deleting recurring tasks (issue 18) ──
  /** Staff closed a chat thread: no messages or task changes until it is reopened; its reminders stop. */
  'thread.closed': () => z.object({ threadId: z.string() }),
  /** Staff reopened a closed chat thread; its reminders start afresh while tasks are open. */
  'thread.reopened': () => z.object({ threadId: z.string() }),
  /** Staff closed a discussion: no new comments until it is reopened. */
  'discussion.closed': () => z.object({ discussionId: z.string() }),
  /** Staff reopened a closed discussion. */
  'discussion.reopened': () => z.object({ discussionId: z.string() }),
  /** An admin deleted a recurring task (firm-level): nothing can be published for it any more. */
  'recurringtask.deleted': () => z.object({ recurringTaskId: z.string(), name: z.string() }),
  // ── file-request reminders (issue 18) ──
  /**
   * An automatic reminder of an open file request fell due (one per due slot); `overdue` once its
   * due date has passed (decision 0044).
   */
  'filerequest.reminded': () =>
    z.object({
      requestId: z.string(),
      subject: z.string(),
      slot: z.iso.datetime(),
      sequence: z.number().check(z.int(), z.positive()),
      overdue: z.boolean(),
      dueDate: z.optional(z.iso.date()),
    }),
  // ── request lists (issue 18, decision 0043) ──
  /**
   * A recipient's upload answered an item of a request list (open or returned → submitted), recorded
   * in the same transaction as the document or its next version; it stands in for `document.uploaded`.
   */
  'filerequest.item_submitted': () =>
    z.object({
      requestId: z.string(),
      itemId: z.string(),
      subject: z.string(),
      documentId: z.string(),
      name: z.string(),
      version: z.number().check(z.int(), z.positive()),
      contactId: z.string(),
    }),
  /** Staff accepted an item's submission (for good); `completed`: it was the last one, the request is fulfilled. */
  'filerequest.item_accepted': () =>
    z.object({
      requestId: z.string(),
      itemId: z.string(),
      subject: z.string(),
      /** Who submitted it. */
      contactId: z.string(),
      completed: z.boolean(),
    }),
  /** Staff returned an item's submission with a reason the submitting contact reads; it may submit again. */
  'filerequest.item_returned': () =>
    z.object({
      requestId: z.string(),
      itemId: z.string(),
      subject: z.string(),
      /** Who submitted it (the one told). */
      contactId: z.string(),
      reason: z.string(),
    }),
  /** Staff saved (created or replaced) one of the firm's request-list templates. */
  'filerequesttemplate.saved': () =>
    z.object({
      templateId: z.string(),
      name: z.string(),
      items: z.number().check(z.int(), z.positive()),
    }),
  /** An admin deleted one of the firm's request-list templates. */
  'filerequesttemplate.deleted': () => z.object({ templateId: z.string(), name: z.string() }),
  /**
   * Staff changed a contact's name, email or language (firm-level; the fields' names, never their
   * values). An email change withdraws the pending invitations to the old address (decision 0042).
   */
  'contact.updated': () =>
    z.object({
      contactId: z.string(),
      changed: z.array(z.enum(['name', 'email', 'locale'])),
      invitationsWithdrawn: z.number().check(z.int(), z.nonnegative()),
    }),
  /** An admin removed a contact from the firm: every grant revoked, invitations dead, portal login signed out. */
  'contact.removed': () => z.object({ contactId: z.string() }),
  /** An admin erased a removed contact's personal data; their uploads stay, by "former contact". */
  'contact.erased': () => z.object({ contactId: z.string() }),
} as const;

export type EventType = keyof typeof detailSchemas;
export const eventTypes = Object.keys(detailSchemas) as EventType[];
/** The detail schema of one event type. */
export type EventDetailSchema<K extends EventType> = ReturnType<(typeof detailSchemas)[K]>;

/** Memoises a builder per event type. */
function perType<T>(build: (type: EventType) => T): (type: EventType) => T {
  const built = new Map<EventType, T>();
  return (type) => {
    let schema = built.get(type);
    if (schema === undefined) {
      schema = build(type);
      built.set(type, schema);
    }
    return schema;
  };
}

/** Memoises a builder with no argument. */
function once<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
}

const detailOf = perType((type) => detailSchemas[type]() as z.ZodMiniType);

/** The schema of an event type's `detail`, built on its first use. */
export const eventDetail = <K extends EventType>(type: K): EventDetailSchema<K> =>
  detailOf(type) as EventDetailSchema<K>;

/** The fields every event carries besides `type` and `detail`: one set of schemas, shared by every type. */
const envelopeFields = once(() => ({
  eventId: z.string(),
  firmId: z.string(),
  /** Absent for firm-level events (a contact is created outside any case). */
  caseId: z.optional(z.string()),
  actor: actorSchema(),
  occurredAt: z.iso.datetime(),
  /** The request or event that caused it (API request id…), carried on to notify and the delivery records. */
  correlationId: z.optional(z.string()),
}));

export type DomainEvent = {
  [K in EventType]: {
    type: K;
    eventId: string;
    firmId: string;
    caseId?: string;
    actor: z.infer<ReturnType<typeof actorSchema>>;
    occurredAt: string;
    correlationId?: string;
    detail: z.infer<EventDetailSchema<K>>;
  };
}[EventType];

/** One event type's whole schema (envelope, `type` and `detail`): an option of the union below. */
const eventSchema = perType(
  (type): z.ZodMiniObject =>
    z.object({
      type: z.literal(type),
      ...envelopeFields(),
      detail: detailOf(type),
    }) as unknown as z.ZodMiniObject,
);

/**
 * Every event type's schema in one discriminated union on `type`, built only when asked for (the
 * events document) or when an input names no known type (the union's own answer for it).
 */
export const domainEventUnion = once(
  () =>
    z.discriminatedUnion(
      'type',
      eventTypes.map(eventSchema) as [z.ZodMiniObject, ...z.ZodMiniObject[]],
    ) as unknown as z.ZodMiniType<DomainEvent>,
);

const isEventType = (type: unknown): type is EventType =>
  typeof type === 'string' && Object.hasOwn(detailSchemas, type);

/**
 * What the union does with an input, from its type's schema alone: for an object whose `type` is a
 * known one the union runs exactly that option; anything else goes to the union itself, so the
 * answers (data, issues, messages) are the union's in every case.
 */
function schemaFor(input: unknown): z.ZodMiniType<DomainEvent> {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const type = (input as { type?: unknown }).type;
    if (isEventType(type)) return eventSchema(type) as unknown as z.ZodMiniType<DomainEvent>;
  }
  return domainEventUnion();
}

type Parser = Pick<z.ZodMiniType<DomainEvent>, 'parse' | 'safeParse'>;

/** Parses a domain event as the union of every type's schema does, building only its type's. */
export const DomainEventSchema: Parser = {
  parse: (input, params) => schemaFor(input).parse(input, params),
  safeParse: (input, params) => schemaFor(input).safeParse(input, params),
};
