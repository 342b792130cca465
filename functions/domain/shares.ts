// Shares: which contacts of a case see which documents. Explicit saves of a whole set (per document
// or per contact), validated as a whole before anything is written; each share change rides with
// its grant's counter change in one transaction, so concurrent saves keep the counters exact.
import type { DomainEvent } from '../events/catalogue';
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { activity } from './activity';
import { type CaseStore, pageOfCase } from './cases';
import { requireOutOfTrash } from './document-trash';
import type { Document, DocumentSource, DocumentStore, Uploader } from './documents';
import { notFound, unprocessable } from './errors';
import type { Grant } from './grants';
import { displayName } from './names';
import type { Clock, Ids, Page, PageRequest } from './ports';
import { type Actor, type StaffPrincipal, staffActor } from './principal';

export interface Share {
  firmId: string;
  caseId: string;
  documentId: string;
  contactId: string;
  /** Copies of the document's and contact's fields: the portal list and search need no other read. */
  documentName: string;
  contentType: string;
  size: number;
  source: DocumentSource;
  uploadedBy: Uploader;
  version: number;
  documentCreatedAt: string;
  contactName: string;
  contactEmail: string;
  sharedAt: string;
  sharedBy: Actor;
  /** Hidden with its document in the trash (out of the portal's list, uncounted on its grant). */
  trashed?: boolean;
}

/** What staff see of a share (response schema; its type through z.output). */
export const ShareView = lazySchema(() =>
  z.object({
    documentId: z.string(),
    documentName: z.string(),
    contactId: z.string(),
    contactName: z.string(),
    contactEmail: z.string(),
    sharedAt: z.string(),
  }),
);
export type ShareView = z.output<typeof ShareView>;

export interface ShareSet {
  added: string[];
  removed: string[];
  unchanged: string[];
}

export interface ShareStore {
  /** One share and its document, read consistently in one request (a portal download). */
  sharedDocument(
    firmId: string,
    caseId: string,
    documentId: string,
    contactId: string,
  ): Promise<{ share?: Share; document?: Document }>;
  /** Every share of a document (consistent). */
  sharesOfDocument(firmId: string, caseId: string, documentId: string): Promise<Share[]>;
  /** Every share of a contact in a case (index: eventually consistent; write conditions keep counts exact). */
  sharesOfContact(firmId: string, caseId: string, contactId: string): Promise<Share[]>;
  /**
   * Writes the share and adds 1 to its grant's sharedCount in one transaction, with `event` when
   * given. Returns false, writing nothing, when the share already exists (a concurrent save made it).
   * A share added while a new version of its document was being recorded follows that version too.
   */
  addShare(share: Share, event?: DomainEvent): Promise<boolean>;
  /**
   * Brings the share's copies of the document's fields to `doc` (a newer version), only while the
   * share exists and holds an older version: false, writing nothing, otherwise (already there, or
   * unshared in the meantime). The grant's counter is untouched: no share comes or goes.
   */
  followVersion(share: Share, doc: Document): Promise<boolean>;
  /** The reverse of addShare: false when the share was already gone. */
  removeShare(share: Share, event?: DomainEvent): Promise<boolean>;
  /** Shares of a case; `q` (any case) must occur in the document name, contact name or email. */
  listShares(firmId: string, caseId: string, q: string | undefined, page: PageRequest): Promise<Page<Share>>;
  /** One page of the documents shared with a contact, newest document first. */
  listSharedWithContact(
    firmId: string,
    caseId: string,
    contactId: string,
    page: PageRequest,
  ): Promise<Page<Share>>;
  /** The grants of these contacts on a case that exist (consistent reads). */
  grantsOf(firmId: string, caseId: string, contactIds: string[]): Promise<Grant[]>;
  /** The documents of a case among these ids that exist (consistent reads). */
  documentsOf(firmId: string, caseId: string, documentIds: string[]): Promise<Document[]>;
}

export interface ShareDeps {
  cases: Pick<CaseStore, 'getCase'>;
  documents: Pick<DocumentStore, 'getDocument'>;
  shares: ShareStore;
  clock: Clock;
  ids: Ids;
}

export const shareView = (s: Share): ShareView => ({
  documentId: s.documentId,
  documentName: displayName(s.documentName),
  contactId: s.contactId,
  contactName: s.contactName,
  contactEmail: s.contactEmail,
  sharedAt: s.sharedAt,
});

/**
 * The share of `doc` with the contact of `grant`, as `sharedBy` makes it at `sharedAt`: the one place
 * a share copies the document's fields (staff saves and a contact's own uploads both come here).
 */
export function newShare(
  doc: Document,
  grant: Pick<Grant, 'contactId' | 'contactName' | 'contactEmail'>,
  sharedBy: Actor,
  sharedAt: string,
): Share {
  return {
    firmId: doc.firmId,
    caseId: doc.caseId,
    documentId: doc.documentId,
    contactId: grant.contactId,
    documentName: doc.name,
    contentType: doc.contentType,
    size: doc.size,
    source: doc.source,
    uploadedBy: doc.uploadedBy,
    version: doc.version,
    documentCreatedAt: doc.createdAt,
    contactName: grant.contactName,
    contactEmail: grant.contactEmail,
    sharedAt,
    sharedBy,
  };
}

/** Desired vs current, in the order the caller gave (duplicates ignored). */
export function diffSets(desired: string[], current: string[]): ShareSet {
  const want = [...new Set(desired)];
  const have = new Set(current);
  const wanted = new Set(want);
  return {
    added: want.filter((id) => !have.has(id)),
    removed: current.filter((id) => !wanted.has(id)),
    unchanged: want.filter((id) => have.has(id)),
  };
}

const hasAccess = (g: Grant | undefined): g is Grant => g !== undefined && g.status !== 'revoked';

/** How many share changes run at once once the save's event is written. */
const PARALLEL_CHANGES = 8;

/** Explicit save of the contacts a document is shared with. */
export async function putDocumentShares(
  deps: ShareDeps,
  by: StaffPrincipal,
  caseId: string,
  documentId: string,
  contactIds: string[],
): Promise<ShareSet> {
  const desired = [...new Set(contactIds)];
  // Every read at once (the current shares are used only once the document and grants checked out).
  const [doc, grants, current] = await Promise.all([
    deps.documents.getDocument(by.firmId, caseId, documentId),
    deps.shares.grantsOf(by.firmId, caseId, desired),
    deps.shares.sharesOfDocument(by.firmId, caseId, documentId),
  ]);
  if (!doc) throw notFound('document');
  requireOutOfTrash(doc);
  const grantOf = new Map(grants.filter(hasAccess).map((g) => [g.contactId, g]));
  const without = desired.filter((id) => !grantOf.has(id));
  if (without.length > 0) {
    throw unprocessable(
      'contact_without_access',
      `${without.length} contact(s) have no access to this case; grant access first. Nothing was changed.`,
      { contactIds: without },
    );
  }

  const diff = diffSets(
    desired,
    current.map((s) => s.contactId),
  );
  if (diff.added.length === 0 && diff.removed.length === 0) return diff;

  const now = deps.clock.now().toISOString();
  const actor = staffActor(by);
  const currentOf = new Map(current.map((s) => [s.contactId, s]));
  const changes: ((event?: DomainEvent) => Promise<boolean>)[] = [
    ...diff.added.map(
      (id) => (event?: DomainEvent) =>
        deps.shares.addShare(newShare(doc, grantOf.get(id)!, actor, now), event),
    ),
    ...diff.removed.map((id) => (event?: DomainEvent) => deps.shares.removeShare(currentOf.get(id)!, event)),
  ];
  const event = activity(deps, 'document.shared', { firmId: by.firmId, caseId }, actor, {
    documentId,
    name: doc.name,
    added: diff.added,
    removed: diff.removed,
    // The version the contacts now see: the notify policy tells each of them of a version once.
    version: doc.version,
  });
  await applyWithEvent(changes, event);
  return diff;
}

/** Explicit save of the documents shared with one contact. */
export async function putContactShares(
  deps: ShareDeps,
  by: StaffPrincipal,
  caseId: string,
  contactId: string,
  documentIds: string[],
): Promise<ShareSet> {
  const desired = [...new Set(documentIds)];
  const [found, grants, docs, current] = await Promise.all([
    deps.cases.getCase(by.firmId, caseId),
    deps.shares.grantsOf(by.firmId, caseId, [contactId]),
    deps.shares.documentsOf(by.firmId, caseId, desired),
    deps.shares.sharesOfContact(by.firmId, caseId, contactId),
  ]);
  // The case first: another firm's (or an unknown) case is a 404, not "the contact has no access"
  // (a 422 that would tell a caller of another firm a case id is worth trying).
  if (!found) throw notFound('case');
  const grant = grants.find(hasAccess);
  if (!grant) {
    throw unprocessable(
      'contact_without_access',
      'This contact has no access to this case; grant access first.',
      {
        contactIds: [contactId],
      },
    );
  }
  const docOf = new Map(docs.map((d) => [d.documentId, d]));
  const missing = desired.filter((id) => !docOf.has(id));
  if (missing.length > 0) {
    throw unprocessable(
      'document_not_found',
      `${missing.length} document(s) do not exist in this case. Nothing was changed.`,
      { documentIds: missing },
    );
  }
  for (const doc of docs) requireOutOfTrash(doc);

  const diff = diffSets(
    desired,
    current.map((s) => s.documentId),
  );
  const now = deps.clock.now().toISOString();
  const actor = staffActor(by);
  const currentOf = new Map(current.map((s) => [s.documentId, s]));
  // Each change concerns one document, so each carries its own `document.shared` event.
  const shared = (documentId: string, name: string, version: number, change: 'added' | 'removed') =>
    activity(deps, 'document.shared', { firmId: by.firmId, caseId }, actor, {
      documentId,
      name,
      added: change === 'added' ? [contactId] : [],
      removed: change === 'removed' ? [contactId] : [],
      version,
    });
  const changes: (() => Promise<boolean>)[] = [
    ...diff.added.map((id) => () => {
      const doc = docOf.get(id)!;
      return deps.shares.addShare(
        newShare(doc, grant, actor, now),
        shared(id, doc.name, doc.version, 'added'),
      );
    }),
    ...diff.removed.map((id) => () => {
      const share = currentOf.get(id)!;
      return deps.shares.removeShare(share, shared(id, share.documentName, share.version, 'removed'));
    }),
  ];
  await inBatches(changes, PARALLEL_CHANGES);
  return diff;
}

/**
 * Every share of a document follows its current version: the portal lists share items only, so
 * their copies (type, size, uploader, version) must not keep showing an older one.
 *
 * Why after the version's transaction rather than inside it: a document's shares are bounded only
 * by the contacts of its case, and nothing keeps those under DynamoDB's 100 items per transaction
 * (recording a version already takes five). So the version is recorded first, then each share is
 * updated on its own, conditionally (share still there, its version older). That is idempotent and
 * order-proof: a retried ingest, or two new versions racing, end in the same state, no share moves
 * back to an older version, and a share removed meanwhile is not recreated. A crash in between is
 * healed by the retried S3 event (ingest runs this again on a replay); a share added at the same
 * time from an older read of the document catches up in the store's `addShare`.
 * Returns how many shares moved.
 */
export async function followCurrentVersion(
  deps: {
    documents: Pick<DocumentStore, 'getDocument'>;
    shares: Pick<ShareStore, 'sharesOfDocument' | 'followVersion'>;
  },
  firmId: string,
  caseId: string,
  documentId: string,
): Promise<number> {
  const [doc, shares] = await Promise.all([
    deps.documents.getDocument(firmId, caseId, documentId),
    deps.shares.sharesOfDocument(firmId, caseId, documentId),
  ]);
  if (!doc) return 0;
  const behind = shares.filter((s) => s.version < doc.version);
  let moved = 0;
  await inBatches(
    behind.map((s) => async () => {
      if (await deps.shares.followVersion(s, doc)) moved++;
    }),
    PARALLEL_CHANGES,
  );
  return moved;
}

/**
 * Shares an attachment (a discussion's, an update request's) with the contacts it is sent to, each
 * through `addShare` so the grants' counters stay exact; contacts who have it already are skipped,
 * so a retry adds nothing twice. Returns the contacts it was newly shared with.
 *
 * No `document.shared` event rides with these shares, on purpose: the discussion's or the file
 * request's own notice already tells the contacts (and its event records the attachment and the
 * contacts), while a `document.shared` event would make the client-documents policy send a second,
 * "new document" notice, and spend the version's dedupe key so that a later real publication of
 * that version (the process path) would be suppressed as a duplicate.
 */
export async function shareAttachment(
  deps: { shares: Pick<ShareStore, 'sharesOfDocument' | 'addShare'> },
  doc: Document,
  grants: Grant[],
  by: Actor,
  at: string,
): Promise<string[]> {
  const have = new Set(
    (await deps.shares.sharesOfDocument(doc.firmId, doc.caseId, doc.documentId)).map((s) => s.contactId),
  );
  const missing = grants.filter((g) => !have.has(g.contactId));
  const added = new Set<string>();
  await inBatches(
    missing.map((g) => async () => {
      if (await deps.shares.addShare(newShare(doc, g, by, at))) added.add(g.contactId);
    }),
    PARALLEL_CHANGES,
  );
  return missing.map((g) => g.contactId).filter((id) => added.has(id));
}

export async function listShares(
  deps: Pick<ShareDeps, 'cases' | 'shares'>,
  by: StaffPrincipal,
  caseId: string,
  query: PageRequest & { q?: string },
): Promise<Page<ShareView>> {
  const page = await pageOfCase(
    deps.cases,
    by,
    caseId,
    (p) => deps.shares.listShares(by.firmId, caseId, query.q, p),
    query,
  );
  return { ...page, items: page.items.map(shareView) };
}

/**
 * Applies share changes; the save's one event rides in the transaction of the first change that
 * actually happens (a change a concurrent save already made is skipped and cannot carry it), so
 * the event is never written without a change, nor a change made without its event.
 */
async function applyWithEvent(changes: ((event?: DomainEvent) => Promise<boolean>)[], event: DomainEvent) {
  let next = 0;
  while (next < changes.length) {
    const applied = await changes[next++]!(event);
    if (applied) break;
  }
  await inBatches(
    changes.slice(next).map((change) => () => change()),
    PARALLEL_CHANGES,
  );
}

async function inBatches(tasks: (() => Promise<unknown>)[], size: number) {
  for (let i = 0; i < tasks.length; i += size) await Promise.all(tasks.slice(i, i + size).map((t) => t()));
}
