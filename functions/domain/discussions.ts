// Discussions of a case (CaseWare's "Publish and share"): an admin publishes a subject, a message
// and an optional attachment to contacts of the case; those contacts and the firm's staff comment.
// A contact sees only the discussions shared with it, and only while its grant is active.
import type { DomainEvent } from '../events/catalogue';
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { activity } from './activity';
import {
  attachmentAndContacts,
  type CaseContacts,
  type CaseParts,
  caseAndGrants,
  caseExists,
  mapPage,
  pageOf,
} from './case-contacts';
import { checkedAlongside, pageUnderCase } from './checks';
import {
  type Closable,
  ConversationStatus,
  changesStatus,
  requireDiscussionOpen,
  type StatusChange,
  statusView,
} from './conversation-status';
import { conflict, notFound } from './errors';
import type { StaffUser } from './firm';
import type { GrantLocation } from './grants';
import { type Grant, type GrantLocator, withContactParts } from './grants';
import { displayName } from './names';
import type { Clock, Ids, Page, PageRequest } from './ports';
import { type Actor, type ContactPrincipal, Person, type StaffPrincipal, staffActor } from './principal';
import { type ShareStore, shareAttachment } from './shares';

export interface Discussion extends Closable {
  firmId: string;
  caseId: string;
  discussionId: string;
  subject: string;
  message: string;
  attachment?: { documentId: string; name: string };
  /** The contacts it is shared with (at most 100: a case's contact group). */
  sharedWith: string[];
  createdBy: Person;
  createdAt: string;
  /** Atomic counter, changed in the same transaction as the comment it counts. */
  commentCount: number;
  lastCommentAt?: string;
}

export interface Comment {
  firmId: string;
  caseId: string;
  discussionId: string;
  commentId: string;
  body: string;
  author: Person;
  createdAt: string;
}

export interface DiscussionStore {
  /** The discussion and (when given) the caller's staff record, in one consistent BatchGetItem. */
  discussionParts(
    firmId: string,
    caseId: string,
    discussionId: string,
    userId: string | undefined,
  ): Promise<{ discussion?: Discussion; user?: StaffUser }>;
  /** The contact's grant at `at` and (when given) the discussion, in one consistent BatchGetItem. */
  portalDiscussionParts(
    at: GrantLocation,
    discussionId: string | undefined,
  ): Promise<{ grant?: Grant; discussion?: Discussion }>;
  /** The discussion and its event, in one transaction that holds only while the case exists. */
  createDiscussion(d: Discussion, event: DomainEvent): Promise<void>;
  /** One discussion, read consistently. */
  getDiscussion(firmId: string, caseId: string, discussionId: string): Promise<Discussion | undefined>;
  /** Discussions of a case, newest first; only those shared with `contactId` when given. */
  listDiscussions(
    firmId: string,
    caseId: string,
    contactId: string | undefined,
    page: PageRequest,
  ): Promise<Page<Discussion>>;
  /**
   * The comment, the discussion's counter and the event in one transaction; a contact's comment
   * holds only while the discussion is still shared with it (404 otherwise).
   */
  addComment(c: Comment, event: DomainEvent, sharedWithContact?: string): Promise<void>;
  /** Comments of a discussion, oldest first. */
  listComments(
    firmId: string,
    caseId: string,
    discussionId: string,
    page: PageRequest,
  ): Promise<Page<Comment>>;
  /**
   * Closes or reopens the discussion with its event, in one transaction that holds only while its
   * status is still the one read. False when it is not (nothing written).
   */
  setDiscussionStatus(d: Discussion, change: StatusChange, event: DomainEvent): Promise<boolean>;
}

export interface DiscussionDeps {
  caseParts: CaseParts;
  grantLocator: GrantLocator;
  caseContacts: CaseContacts;
  discussions: DiscussionStore;
  /** The attachment is shared with the contacts the discussion is. */
  shares: Pick<ShareStore, 'sharesOfDocument' | 'addShare'>;
  clock: Clock;
  ids: Ids;
}

export interface NewDiscussion {
  subject: string;
  message: string;
  attachmentDocumentId?: string;
  shareWith: 'all' | string[];
}

export const DiscussionView = lazySchema(() =>
  z.object({
    discussionId: z.string(),
    caseId: z.string(),
    subject: z.string(),
    message: z.string(),
    attachment: z.optional(z.object({ documentId: z.string(), name: z.string() })),
    /** The contacts it is shared with (staff views only). */
    sharedWith: z.optional(z.array(z.string())),
    createdBy: Person,
    createdAt: z.string(),
    commentCount: z.number().check(z.int(), z.nonnegative()),
    lastCommentAt: z.optional(z.string()),
    /** `closed`: no new comments until staff reopen it. */
    status: ConversationStatus,
    closedAt: z.optional(z.string()),
  }),
);
export type DiscussionView = z.output<typeof DiscussionView>;

/** The attachment's name as the display-name rule shows it (names stored before the rule included). */
const shownAttachment = <T extends Pick<Discussion, 'attachment'>>(d: T): T =>
  d.attachment ? { ...d, attachment: { ...d.attachment, name: displayName(d.attachment.name) } } : d;

/** The stored status fields as the view shows them (open when the item has none). */
const shown = <T extends Omit<Discussion, 'firmId' | 'sharedWith'>>(d: T) => {
  const { status: _, closedAt: __, ...rest } = d;
  return { ...shownAttachment(rest), ...statusView(d) };
};

export const staffDiscussionView = ({ firmId: _, ...d }: Discussion): DiscussionView => shown(d);
/** Contacts do not see who else a discussion is shared with. */
export const portalDiscussionView = ({ firmId: _, sharedWith: __, ...d }: Discussion): DiscussionView =>
  shown(d);
export const commentView = ({ firmId: _, caseId: __, ...c }: Comment) => c;

const staffPerson = (by: StaffPrincipal, user: StaffUser | undefined): Person => ({
  kind: 'staff',
  id: by.userId,
  name: user?.name ?? by.userId,
});

/** "Publish and share": admins only (the route says so). */
export async function publishDiscussion(
  deps: DiscussionDeps,
  by: StaffPrincipal,
  caseId: string,
  input: NewDiscussion,
): Promise<DiscussionView> {
  const [parts, caseGrants] = await caseAndGrants(deps, by.firmId, caseId, {
    userId: by.userId,
    documentId: input.attachmentDocumentId,
  });
  const { attachment, contacts } = attachmentAndContacts(
    parts,
    caseGrants,
    input.attachmentDocumentId,
    input.shareWith,
    { without: 'contact_without_access', none: 'no_contacts_with_access' },
  );
  const createdBy = staffPerson(by, parts.user);
  const d: Discussion = {
    firmId: by.firmId,
    caseId,
    discussionId: deps.ids.next(),
    subject: input.subject,
    message: input.message,
    ...(attachment ? { attachment: { documentId: attachment.documentId, name: attachment.name } } : {}),
    sharedWith: contacts.map((g) => g.contactId),
    createdBy,
    createdAt: deps.clock.now().toISOString(),
    commentCount: 0,
  };
  const event = activity(deps, 'discussion.published', d, staffActor(by), {
    discussionId: d.discussionId,
    subject: d.subject,
    contactIds: d.sharedWith,
    ...(attachment ? { attachmentDocumentId: attachment.documentId } : {}),
  });
  // The contacts must be able to open the attachment the notice points them to: it is shared with
  // them first (no `document.shared` event: the discussion's notice is the one they get), the
  // discussion last, so a publish that fails halfway is retried whole and the notice never
  // announces an attachment a contact cannot open.
  if (attachment) await shareAttachment(deps, attachment, contacts, staffActor(by), d.createdAt);
  await deps.discussions.createDiscussion(d, event);
  return staffDiscussionView(d);
}

export async function listDiscussions(
  deps: Pick<DiscussionDeps, 'caseParts' | 'discussions'>,
  by: StaffPrincipal,
  caseId: string,
  query: PageRequest,
): Promise<Page<DiscussionView>> {
  const page = await pageUnderCase(
    () => caseExists(deps, by.firmId, caseId),
    (p) => deps.discussions.listDiscussions(by.firmId, caseId, undefined, p),
    query,
  );
  return mapPage(page, staffDiscussionView);
}

export async function getDiscussion(
  deps: Pick<DiscussionDeps, 'discussions'>,
  by: StaffPrincipal,
  caseId: string,
  discussionId: string,
): Promise<DiscussionView> {
  return staffDiscussionView(await staffDiscussionOf(deps, by, caseId, discussionId));
}

export async function addComment(
  deps: DiscussionDeps,
  by: StaffPrincipal,
  caseId: string,
  discussionId: string,
  body: string,
) {
  const { discussion: d, user } = await deps.discussions.discussionParts(
    by.firmId,
    caseId,
    discussionId,
    by.userId,
  );
  if (!d) throw notFound('discussion');
  requireDiscussionOpen(d);
  const c = newComment(deps, d, staffPerson(by, user), body);
  await deps.discussions.addComment(c, commentEvent(deps, c, staffActor(by)));
  return commentView(c);
}

export async function listComments(
  deps: Pick<DiscussionDeps, 'discussions'>,
  by: StaffPrincipal,
  caseId: string,
  discussionId: string,
  query: PageRequest,
) {
  const [, page] = await checkedAlongside(
    staffDiscussionOf(deps, by, caseId, discussionId),
    deps.discussions.listComments(by.firmId, caseId, discussionId, pageOf(query)),
  );
  return mapPage(page, commentView);
}

/**
 * Closes (`closed`) or reopens (`open`) a discussion. Idempotent: one already so is returned as it
 * is, with no event. A concurrent change of its status makes it read the discussion once more.
 */
export async function setDiscussionStatus(
  deps: Pick<DiscussionDeps, 'discussions' | 'clock' | 'ids'>,
  by: StaffPrincipal,
  caseId: string,
  discussionId: string,
  wanted: ConversationStatus,
): Promise<DiscussionView> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const d = await staffDiscussionOf(deps, by, caseId, discussionId);
    if (!changesStatus(d, wanted)) return staffDiscussionView(d);
    const change: StatusChange = { status: wanted, at: deps.clock.now().toISOString(), by: by.userId };
    const type = wanted === 'closed' ? 'discussion.closed' : 'discussion.reopened';
    const event = activity(deps, type, d, staffActor(by), { discussionId });
    if (await deps.discussions.setDiscussionStatus(d, change, event)) {
      const { closedAt: _, ...rest } = d;
      return staffDiscussionView({
        ...rest,
        status: wanted,
        ...(wanted === 'closed' ? { closedAt: change.at } : {}),
      });
    }
  }
  throw conflict(
    'concurrent_status_change',
    'The discussion was closed and reopened at the same time; try again.',
  );
}

// ── the portal ───────────────────────────────────────────────────────────────────────────────────

export async function listPortalDiscussions(
  deps: Pick<DiscussionDeps, 'grantLocator' | 'discussions'>,
  by: ContactPrincipal,
  caseId: string,
  query: PageRequest,
): Promise<Page<DiscussionView>> {
  const { data: page } = await withContactParts(
    deps,
    by,
    caseId,
    'view',
    (at) => deps.discussions.portalDiscussionParts(at, undefined),
    (at) => deps.discussions.listDiscussions(at.firmId, caseId, at.contactId, pageOf(query)),
  );
  return mapPage(page, portalDiscussionView);
}

export async function getPortalDiscussion(
  deps: Pick<DiscussionDeps, 'grantLocator' | 'discussions'>,
  by: ContactPrincipal,
  caseId: string,
  discussionId: string,
): Promise<DiscussionView> {
  const { discussion } = await sharedDiscussionOf(deps, by, caseId, discussionId);
  return portalDiscussionView(discussion);
}

/** Viewers and collaborators alike may comment on what is shared with them. */
export async function addPortalComment(
  deps: DiscussionDeps,
  by: ContactPrincipal,
  caseId: string,
  discussionId: string,
  body: string,
) {
  const { discussion, grant } = await sharedDiscussionOf(deps, by, caseId, discussionId);
  requireDiscussionOpen(discussion);
  const author: Person = { kind: 'contact', id: grant.contactId, name: grant.contactName };
  const c = newComment(deps, discussion, author, body);
  await deps.discussions.addComment(
    c,
    commentEvent(deps, c, { kind: 'contact', id: grant.contactId }),
    grant.contactId,
  );
  return commentView(c);
}

export async function listPortalComments(
  deps: Pick<DiscussionDeps, 'grantLocator' | 'discussions'>,
  by: ContactPrincipal,
  caseId: string,
  discussionId: string,
  query: PageRequest,
) {
  const { data: page } = await sharedDiscussionOf(deps, by, caseId, discussionId, (at) =>
    deps.discussions.listComments(at.firmId, caseId, discussionId, pageOf(query)),
  );
  return mapPage(page, commentView);
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────

async function staffDiscussionOf(
  deps: Pick<DiscussionDeps, 'discussions'>,
  by: StaffPrincipal,
  caseId: string,
  discussionId: string,
): Promise<Discussion> {
  const d = await deps.discussions.getDiscussion(by.firmId, caseId, discussionId);
  if (!d) throw notFound('discussion');
  return d;
}

/**
 * A discussion not shared with the caller answers 404, as one that does not exist. The grant and
 * the discussion are one read; `data` (what the route reads of it) goes out alongside.
 */
async function sharedDiscussionOf<D = undefined>(
  deps: Pick<DiscussionDeps, 'grantLocator' | 'discussions'>,
  by: ContactPrincipal,
  caseId: string,
  discussionId: string,
  data?: (at: GrantLocation) => Promise<D>,
) {
  const { parts, data: d } = await withContactParts(
    deps,
    by,
    caseId,
    'view',
    (at) => deps.discussions.portalDiscussionParts(at, discussionId),
    data,
  );
  const { grant, discussion } = parts;
  if (!discussion?.sharedWith.includes(grant.contactId)) throw notFound('discussion');
  return { discussion, grant, data: d };
}

function newComment(
  deps: Pick<DiscussionDeps, 'clock' | 'ids'>,
  d: Discussion,
  author: Person,
  body: string,
): Comment {
  return {
    firmId: d.firmId,
    caseId: d.caseId,
    discussionId: d.discussionId,
    commentId: deps.ids.next(),
    body,
    author,
    createdAt: deps.clock.now().toISOString(),
  };
}

const commentEvent = (deps: Pick<DiscussionDeps, 'clock' | 'ids'>, c: Comment, actor: Actor) =>
  activity(deps, 'comment.added', c, actor, { discussionId: c.discussionId, commentId: c.commentId });
