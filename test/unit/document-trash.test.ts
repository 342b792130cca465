// Rules of the document trash: the purge time, the guard every sharing path applies, what a restore
// takes off, retries that write no second event, and a purge run that skips a restored document,
// keeps a failed one due and finishes a claimed one.
import { describe, expect, it } from 'vitest';
import {
  type DocumentTrashDeps,
  type DocumentTrashStore,
  type PurgeDeps,
  purgeRunner,
  purgeTimeOf,
  requireOutOfTrash,
  restoredDocument,
  TRASH_DAYS,
  trashDocument,
} from '../../functions/domain/document-trash';
import type { Document } from '../../functions/domain/documents';
import type { DomainError } from '../../functions/domain/errors';
import type { StaffPrincipal } from '../../functions/domain/principal';

const at = new Date('2026-12-06T10:00:00.000Z');
const clock = { now: () => at };
let n = 0;
const ids = { next: () => `01J${String(++n).padStart(23, '0')}` };
const staff: StaffPrincipal = {
  kind: 'staff',
  sub: 'u1',
  userId: 'u1',
  firmId: 'f1',
  role: 'staff',
} as StaffPrincipal;

const document = (over: Partial<Document> = {}): Document => ({
  firmId: 'f1',
  caseId: 'c1',
  documentId: 'd1',
  name: 'Letter.pdf',
  contentType: 'application/pdf',
  size: 10,
  source: 'firm',
  uploadedBy: { kind: 'staff', id: 'u1', name: 'Sam' },
  status: 'available',
  version: 1,
  createdAt: '2026-12-01T10:00:00.000Z',
  s3Key: 'firms/f1/cases/c1/d1/Letter.pdf',
  ...over,
});

describe('Rules: document trash', () => {
  it('purges TRASH_DAYS (30) after the deletion', () => {
    expect(TRASH_DAYS).toBe(30);
    expect(purgeTimeOf('2026-12-06T10:00:00.000Z')).toBe('2027-01-05T10:00:00.000Z');
  });

  it('refuses a trashed document with 409 document_in_trash, lets any other through', () => {
    expect(requireOutOfTrash(document())).toEqual(document());
    let err: DomainError | undefined;
    try {
      requireOutOfTrash(document({ deletedAt: at.toISOString() }));
    } catch (e) {
      err = e as DomainError;
    }
    expect(err?.kind).toBe('conflict');
    expect(err?.code).toBe('document_in_trash');
  });

  it('a restored document is the document as it was before the trash', () => {
    const trashed = document({ deletedAt: 'a', purgeAt: 'b', deletedBy: 'u1' });
    expect(restoredDocument(trashed)).toEqual(document());
  });
});

function fakeTrash(doc: Document) {
  const calls: { event?: string; shares: number }[] = [];
  const store = {
    sharesOfDocument: async () => [],
    trashDocument: async (_d, _t, shares, event) => {
      calls.push({ ...(event ? { event: event.type } : {}), shares: shares.length });
    },
  } as Partial<DocumentTrashStore> as DocumentTrashStore;
  const deps: DocumentTrashDeps = {
    cases: { getCase: async () => undefined },
    documents: { getDocument: async () => doc },
    trash: store,
    clock,
    ids,
  };
  return { deps, calls };
}

describe('Function: trashDocument', () => {
  it('writes the trash with its event once; a retry on a trashed document answers the same and writes no event', async () => {
    // Prepare
    const first = fakeTrash(document());
    // Act
    const view = await trashDocument(first.deps, staff, 'c1', 'd1');
    const trashed = document({ deletedAt: view.deletedAt, purgeAt: view.purgeAt, deletedBy: 'u1' });
    const retry = fakeTrash(trashed);
    const again = await trashDocument(retry.deps, staff, 'c1', 'd1');
    // Assess
    expect(view.purgeAt).toBe(purgeTimeOf(at.toISOString()));
    expect(first.calls).toEqual([{ event: 'document.trashed', shares: 0 }]);
    expect(again).toEqual(view);
    expect(retry.calls).toEqual([]);
  });
});

describe('Function: purgeRunner', () => {
  it('skips a document restored since it was listed, keeps a failed one for the next run, finishes a claimed one', async () => {
    // Prepare
    const due = [
      document({ documentId: 'restored', deletedAt: 'x' }),
      document({ documentId: 'failing', deletedAt: 'x' }),
      document({ documentId: 'claimed', deletedAt: 'x', purgingAt: 'y' }),
    ];
    const discarded: string[] = [];
    const finished: string[] = [];
    const deps: PurgeDeps = {
      trash: {
        duePurges: async () => ({ items: due }),
        claimPurge: async (d) => d.documentId !== 'restored',
        objectKeysOf: async (d) => [`${d.documentId}/v1`, `${d.documentId}/v2`],
        finishPurge: async (d, event) => {
          expect(event.type).toBe('document.purged');
          finished.push(d.documentId);
          return true;
        },
      },
      files: {
        discard: async (key) => {
          if (key.startsWith('failing')) throw new Error('S3 said no');
          discarded.push(key);
        },
      },
      clock,
      ids,
    };
    // Act
    const run = await purgeRunner(deps)();
    // Assess
    expect(run.purged).toBe(1);
    expect(run.failures).toEqual([{ documentId: 'failing', error: 'S3 said no' }]);
    expect(discarded).toEqual(['claimed/v1', 'claimed/v2']);
    expect(finished).toEqual(['claimed']);
  });
});
