// A document's lifecycle after upload: rename, the trash (hidden from the portal at once, restorable
// for TRASH_DAYS), restore, and the scheduled purge of what stayed in the trash (decision 0038).
import type { DomainEvent } from '../events/catalogue';
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { activity } from './activity';
import { type CaseStore, pageOfCase } from './cases';
import { type Document, type DocumentStore, DocumentView, documentView, type Files } from './documents';
import { conflict, notFound } from './errors';
import { displayName } from './names';
import type { Clock, Ids, Page, PageRequest } from './ports';
import { type StaffPrincipal, staffActor } from './principal';
import type { Share } from './shares';

/** How long a trashed document can be restored before the purge run removes it for good. */
export const TRASH_DAYS = 30;

/** A trashed document as staff see it in the trash: the document, when it went, when it goes. */
export const TrashedDocumentView = lazySchema(() =>
  z.extend(DocumentView, {
    deletedAt: z.string(),
    purgeAt: z.string().register(z.globalRegistry, {
      description:
        'When the purge run removes the document, its versions, its shares and its bytes for good.',
    }),
  }),
);
export type TrashedDocumentView = z.output<typeof TrashedDocumentView>;

/** When a document trashed at `deletedAt` is purged. */
export const purgeTimeOf = (deletedAt: string) =>
  new Date(new Date(deletedAt).getTime() + TRASH_DAYS * 24 * 3600 * 1000).toISOString();

/** 409 `document_in_trash`: a trashed document is not shared, published, attached or renamed. */
export const documentInTrash = () =>
  conflict('document_in_trash', 'This document is in the trash; restore it first. Nothing was changed.');

/** The rule every path that hands a document out or shares it applies: not while it is in the trash. */
export function requireOutOfTrash<D extends Pick<Document, 'deletedAt'>>(doc: D): D {
  if (doc.deletedAt !== undefined) throw documentInTrash();
  return doc;
}

export const trashedView = (doc: Document): TrashedDocumentView => ({
  ...documentView(doc),
  deletedAt: doc.deletedAt!,
  purgeAt: doc.purgeAt!,
});

export interface DocumentTrashStore {
  /** Renames the document and its shares' copies of the name, with `event`; 409 `document_in_trash` once trashed. */
  renameDocument(doc: Document, name: string, shares: Share[], event: DomainEvent): Promise<void>;
  /**
   * Moves the document into the trash (out of the case's lists, into the purge index) and hides
   * `shares` from the portal (their grants count them no more), with `event` when given. Without an
   * event it only hides shares a first, interrupted call left visible. 409 `document_in_trash` when
   * another request trashed it first.
   */
  trashDocument(doc: Document, trashed: Document, shares: Share[], event?: DomainEvent): Promise<void>;
  /** The reverse of trashDocument; 409 `document_purged` once the purge run claimed it. */
  restoreDocument(doc: Document, shares: Share[], event?: DomainEvent): Promise<void>;
  /** One page of a case's trash, newest deletion first. */
  listTrash(firmId: string, caseId: string, page: PageRequest): Promise<Page<Document>>;
  /** The shares of a document, hidden or not (consistent). */
  sharesOfDocument(firmId: string, caseId: string, documentId: string): Promise<Share[]>;
  /** Trashed documents whose purge time is at or before `dueBy`, oldest due first. */
  duePurges(dueBy: string, page: { limit: number; nextToken?: string }): Promise<Page<Document>>;
  /** Marks the document as being purged (restore refuses it from then on); false when it is no longer in the trash. */
  claimPurge(doc: Document, at: string): Promise<boolean>;
  /** The object keys of every version of the document (the bytes to remove). */
  objectKeysOf(doc: Document): Promise<string[]>;
  /**
   * Deletes the document's items (versions, shares, publications) and then, with `event`, the
   * document itself: false when an earlier run already did (the event is written once).
   */
  finishPurge(doc: Document, event: DomainEvent): Promise<boolean>;
}

export interface DocumentTrashDeps {
  cases: Pick<CaseStore, 'getCase'>;
  documents: Pick<DocumentStore, 'getDocument'>;
  trash: DocumentTrashStore;
  clock: Clock;
  ids: Ids;
}

/** The document (or 404) and all its shares, hidden or not, read at once. */
async function documentWithShares(
  deps: Pick<DocumentTrashDeps, 'documents' | 'trash'>,
  by: StaffPrincipal,
  caseId: string,
  documentId: string,
) {
  const [doc, shares] = await Promise.all([
    deps.documents.getDocument(by.firmId, caseId, documentId),
    deps.trash.sharesOfDocument(by.firmId, caseId, documentId),
  ]);
  if (!doc) throw notFound('document');
  return { doc, shares };
}

/** Renames a document (the display-name rule applies); its object key stays. The same name twice: no event. */
export async function renameDocument(
  deps: DocumentTrashDeps,
  by: StaffPrincipal,
  caseId: string,
  documentId: string,
  name: string,
): Promise<DocumentView> {
  const { doc, shares } = await documentWithShares(deps, by, caseId, documentId);
  requireOutOfTrash(doc);
  const next = displayName(name);
  if (next === doc.name) return documentView(doc);
  const event = activity(deps, 'document.renamed', doc, staffActor(by), {
    documentId,
    name: next,
    previousName: doc.name,
  });
  await deps.trash.renameDocument(doc, next, shares, event);
  return documentView({ ...doc, name: next });
}

/** Moves a document into the trash. Trashing it again answers as the first time did. */
export async function trashDocument(
  deps: DocumentTrashDeps,
  by: StaffPrincipal,
  caseId: string,
  documentId: string,
): Promise<TrashedDocumentView> {
  const { doc, shares } = await documentWithShares(deps, by, caseId, documentId);
  const visible = shares.filter((s) => !s.trashed);
  if (doc.deletedAt !== undefined) {
    // A retry: finish hiding what an interrupted first call may have left, write no second event.
    if (visible.length > 0) await deps.trash.trashDocument(doc, doc, visible);
    return trashedView(doc);
  }
  const deletedAt = deps.clock.now().toISOString();
  const trashed: Document = { ...doc, deletedAt, purgeAt: purgeTimeOf(deletedAt), deletedBy: by.userId };
  const event = activity(deps, 'document.trashed', doc, staffActor(by), {
    documentId,
    name: doc.name,
    purgeAt: trashed.purgeAt!,
  });
  await deps.trash.trashDocument(doc, trashed, visible, event);
  return trashedView(trashed);
}

/** Brings a trashed document back as it was, shares included. Restoring it again answers the same. */
export async function restoreDocument(
  deps: DocumentTrashDeps,
  by: StaffPrincipal,
  caseId: string,
  documentId: string,
): Promise<DocumentView> {
  const { doc, shares } = await documentWithShares(deps, by, caseId, documentId);
  const hidden = shares.filter((s) => s.trashed);
  const restored = restoredDocument(doc);
  if (doc.deletedAt === undefined) {
    if (hidden.length > 0) await deps.trash.restoreDocument(doc, hidden);
    return documentView(doc);
  }
  if (doc.purgingAt !== undefined) throw documentPurged();
  const event = activity(deps, 'document.restored', doc, staffActor(by), { documentId, name: doc.name });
  await deps.trash.restoreDocument(doc, hidden, event);
  return documentView(restored);
}

/** 409 `document_purged`: the purge run already began removing it. */
export const documentPurged = () =>
  conflict('document_purged', 'This document is being purged from the trash and can no longer be restored.');

/** The document as it was before it went into the trash. */
export function restoredDocument({ deletedAt: _, purgeAt: __, deletedBy: ___, ...doc }: Document): Document {
  return doc;
}

export async function listTrash(
  deps: Pick<DocumentTrashDeps, 'cases' | 'trash'>,
  by: StaffPrincipal,
  caseId: string,
  page: PageRequest,
): Promise<Page<TrashedDocumentView>> {
  const found = await pageOfCase(
    deps.cases,
    by,
    caseId,
    (p) => deps.trash.listTrash(by.firmId, caseId, p),
    page,
  );
  return { ...found, items: found.items.map(trashedView) };
}

export interface PurgeRun {
  purged: number;
  failures: { documentId: string; error: string }[];
}

export interface PurgeDeps {
  trash: Pick<DocumentTrashStore, 'duePurges' | 'claimPurge' | 'objectKeysOf' | 'finishPurge'>;
  files: Pick<Files, 'discard'>;
  clock: Clock;
  ids: Ids;
}

/** The purge run, as the actor of what it removes. */
const PURGE_RUN = { kind: 'system', id: 'purge' } as const;

/** Due documents looked at per page of the purge index. */
const PURGE_PAGE = 25;

/**
 * Purges every trashed document whose time has come: claims it (restore refuses it from then on),
 * removes its bytes, then its items and itself with one `document.purged` event. Each step is safe to
 * repeat: a run that dies half-way leaves the document claimed and due, and the next run finishes it.
 */
export function purgeRunner(deps: PurgeDeps): () => Promise<PurgeRun> {
  return async () => {
    const now = deps.clock.now().toISOString();
    const run: PurgeRun = { purged: 0, failures: [] };
    let nextToken: string | undefined;
    do {
      const page = await deps.trash.duePurges(now, {
        limit: PURGE_PAGE,
        ...(nextToken ? { nextToken } : {}),
      });
      for (const doc of page.items) {
        try {
          if (await purgeOne(deps, doc, now)) run.purged++;
        } catch (err) {
          // The document stays due: the next run tries it again.
          run.failures.push({ documentId: doc.documentId, error: (err as Error).message });
        }
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return run;
  };
}

async function purgeOne(deps: PurgeDeps, doc: Document, now: string): Promise<boolean> {
  if (doc.purgingAt === undefined && !(await deps.trash.claimPurge(doc, now))) return false;
  for (const key of await deps.trash.objectKeysOf(doc)) await deps.files.discard(key);
  const event = activity(deps, 'document.purged', doc, PURGE_RUN, {
    documentId: doc.documentId,
    name: doc.name,
  });
  return deps.trash.finishPurge(doc, event);
}
