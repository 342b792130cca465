// Shares that follow their document: every share moves to a new version (never back, never
// recreated), ingest moves them after an update request's version and again on a replayed event,
// and attachments of discussions and update requests are shared with their contacts without a
// `document.shared` event of their own.
import { describe, expect, it } from 'vitest';
import type { Discussion, DiscussionDeps } from '../../functions/domain/discussions';
import { publishDiscussion } from '../../functions/domain/discussions';
import type { Document } from '../../functions/domain/documents';
import {
  createFileRequest,
  type FileRequest,
  type FileRequestDeps,
} from '../../functions/domain/file-requests';
import type { Grant } from '../../functions/domain/grants';
import { type IngestDeps, ingestObject } from '../../functions/domain/ingest';
import { followCurrentVersion, newShare, type Share, shareAttachment } from '../../functions/domain/shares';
import type { UploadIntent } from '../../functions/domain/uploads';
import type { DomainEvent } from '../../functions/events/catalogue';
import { ALICE, counterIds, FIRM_A, fixedClock, NOW, staffOf, ulidOf } from './fakes';

const CASE = ulidOf(900);
const DOC = ulidOf(800);
const [CARLA, PAULO, NORA] = [ulidOf(71), ulidOf(72), ulidOf(73)];

const docAt = (version: number, over: Partial<Document> = {}): Document => ({
  firmId: FIRM_A,
  caseId: CASE,
  documentId: DOC,
  name: 'Engagement letter.pdf',
  contentType: 'application/pdf',
  size: 100 * version,
  source: 'firm',
  uploadedBy: { kind: 'staff', id: ALICE, name: 'Alice' },
  status: 'available',
  version,
  s3Key: `firms/${FIRM_A}/cases/${CASE}/${DOC}/v${version}.pdf`,
  createdAt: NOW,
  ...over,
});

const grantOf = (contactId: string, over: Partial<Grant> = {}): Grant => ({
  firmId: FIRM_A,
  caseId: CASE,
  contactId,
  contactName: `Contact ${contactId.slice(-2)}`,
  contactEmail: `${contactId.slice(-2)}@client.test`,
  caseTitle: 'Tax return',
  firmName: 'Firm',
  role: 'collaborator',
  canDownload: true,
  canUpload: true,
  status: 'active',
  invitedAt: NOW,
  sharedCount: 0,
  ...over,
});

/** Shares and counters in memory, with the store's conditions (exists, older version). */
class Shares {
  readonly items = new Map<string, Share>();
  readonly counts = new Map<string, number>();
  readonly log: string[] = [];
  readonly events: (DomainEvent | undefined)[] = [];

  async sharesOfDocument(_f: string, _c: string, documentId: string) {
    return [...this.items.values()].filter((s) => s.documentId === documentId).map((s) => ({ ...s }));
  }
  async addShare(share: Share, event?: DomainEvent) {
    const key = `${share.documentId}/${share.contactId}`;
    this.events.push(event);
    if (this.items.has(key)) return false;
    this.items.set(key, { ...share });
    this.counts.set(share.contactId, (this.counts.get(share.contactId) ?? 0) + 1);
    this.log.push(`add ${share.contactId}`);
    return true;
  }
  async followVersion(share: Share, doc: Document) {
    const key = `${share.documentId}/${share.contactId}`;
    const current = this.items.get(key);
    if (!current || current.version >= doc.version) return false;
    this.items.set(key, {
      ...current,
      version: doc.version,
      size: doc.size,
      contentType: doc.contentType,
      uploadedBy: doc.uploadedBy,
      documentName: doc.name,
    });
    this.log.push(`follow ${share.contactId} v${doc.version}`);
    return true;
  }
  versionOf = (contactId: string) => this.items.get(`${DOC}/${contactId}`)?.version;
}

const staffActor = { kind: 'staff' as const, id: ALICE };

describe('Function: followCurrentVersion', () => {
  it('moves every share behind the current version to it, and leaves the others', async () => {
    // Prepare: shares at versions 1 and 2, and one already at 3
    const shares = new Shares();
    await shares.addShare(newShare(docAt(1), grantOf(CARLA), staffActor, NOW));
    await shares.addShare(newShare(docAt(2), grantOf(PAULO), staffActor, NOW));
    await shares.addShare(newShare(docAt(3), grantOf(NORA), staffActor, NOW));
    const documents = { getDocument: async () => docAt(3) };

    // Act
    const moved = await followCurrentVersion({ documents, shares }, FIRM_A, CASE, DOC);
    const again = await followCurrentVersion({ documents, shares }, FIRM_A, CASE, DOC);

    // Assess: two moved, the repeat moves none; size follows; counters untouched
    expect(moved).toBe(2);
    expect(again).toBe(0);
    expect([CARLA, PAULO, NORA].map(shares.versionOf)).toEqual([3, 3, 3]);
    expect(shares.items.get(`${DOC}/${CARLA}`)?.size).toBe(300);
    expect([...shares.counts.values()]).toEqual([1, 1, 1]);
  });

  it('never moves a share back when the document it reads is older than the share', async () => {
    const shares = new Shares();
    await shares.addShare(newShare(docAt(4), grantOf(CARLA), staffActor, NOW));
    const moved = await followCurrentVersion(
      { documents: { getDocument: async () => docAt(3) }, shares },
      FIRM_A,
      CASE,
      DOC,
    );
    expect(moved).toBe(0);
    expect(shares.versionOf(CARLA)).toBe(4);
  });

  it('does nothing for a document that no longer exists', async () => {
    const shares = new Shares();
    await shares.addShare(newShare(docAt(1), grantOf(CARLA), staffActor, NOW));
    const moved = await followCurrentVersion(
      { documents: { getDocument: async () => undefined }, shares },
      FIRM_A,
      CASE,
      DOC,
    );
    expect(moved).toBe(0);
    expect(shares.versionOf(CARLA)).toBe(1);
  });
});

describe('Function: shareAttachment', () => {
  it('shares with the contacts who lack it, without an event, and skips those who have it', async () => {
    const shares = new Shares();
    await shares.addShare(newShare(docAt(1), grantOf(PAULO), staffActor, NOW));
    shares.events.length = 0;

    const added = await shareAttachment(
      { shares },
      docAt(1),
      [grantOf(CARLA), grantOf(PAULO), grantOf(NORA)],
      staffActor,
      NOW,
    );
    const repeat = await shareAttachment(
      { shares },
      docAt(1),
      [grantOf(CARLA), grantOf(NORA)],
      staffActor,
      NOW,
    );

    expect(added).toEqual([CARLA, NORA]);
    expect(repeat).toEqual([]);
    expect(shares.events).toEqual([undefined, undefined]);
    expect(Object.fromEntries(shares.counts)).toEqual({ [CARLA]: 1, [PAULO]: 1, [NORA]: 1 });
  });

  it('does not count a share a concurrent save made in the meantime', async () => {
    const shares = new Shares();
    // The first read sees no share; a concurrent save adds Carla's before this one does
    const racing = {
      sharesOfDocument: async () => [],
      addShare: async (s: Share, e?: DomainEvent) => {
        if (s.contactId === CARLA) await shares.addShare({ ...s });
        return shares.addShare(s, e);
      },
    };
    const added = await shareAttachment(
      { shares: racing },
      docAt(1),
      [grantOf(CARLA), grantOf(NORA)],
      staffActor,
      NOW,
    );
    expect(added).toEqual([NORA]);
    expect(Object.fromEntries(shares.counts)).toEqual({ [CARLA]: 1, [NORA]: 1 });
  });
});

describe('Function: ingestObject (update requests move the shares)', () => {
  const REQUEST = ulidOf(600);
  const UPLOAD = ulidOf(601);
  const key = `firms/${FIRM_A}/cases/${CASE}/${UPLOAD}/signed.pdf`;
  const intentOf = (over: Partial<UploadIntent> = {}): UploadIntent => ({
    uploadId: UPLOAD,
    firmId: FIRM_A,
    caseId: CASE,
    key,
    fileName: 'signed.pdf',
    contentType: 'application/pdf',
    declaredSize: 500,
    maxBytes: 500,
    source: 'client',
    uploadedBy: { kind: 'contact', id: CARLA, name: 'Carla' },
    contactId: CARLA,
    contactName: 'Carla',
    contactEmail: 'carla@client.test',
    fileRequestId: REQUEST,
    status: 'pending',
    createdAt: NOW,
    expiresAt: Date.parse(NOW) / 1000 + 3600,
    ...over,
  });
  const request = {
    firmId: FIRM_A,
    caseId: CASE,
    requestId: REQUEST,
    kind: 'update',
    document: { documentId: DOC, name: 'Engagement letter.pdf' },
    recipientIds: [CARLA],
    status: 'open',
  } as FileRequest;

  /** A table of one document that completeUpload moves to the recorded version. */
  function world(intent: UploadIntent, completes = true) {
    let doc = docAt(1);
    const shares = new Shares();
    const d: IngestDeps = {
      uploads: {
        getIntent: async () => intent,
        // The recipient may still upload to the case.
        uploaderStanding: async () => ({
          caseExists: true,
          grant: { status: 'active', role: 'collaborator', canUpload: true },
        }),
        completeUpload: async (u) => {
          if (!completes) return false;
          shares.log.push(`complete v${u.document.version}`);
          doc = u.document;
          return true;
        },
        rejectUpload: async () => true,
      },
      files: {
        readStart: async () => new TextEncoder().encode('%PDF-1.7'),
        markRecorded: async () => true,
        remove: async () => {},
      },
      clock: fixedClock(),
      ids: counterIds(500),
      fulfilment: {
        fileRequests: { getFileRequest: async () => request },
        documents: { getDocument: async () => doc },
        shares,
      },
    };
    return { d, shares, doc: () => doc };
  }

  it('after recording version 2: the uploader keeps its share and every share shows version 2', async () => {
    // Prepare: the document is shared with Paulo and Nora at version 1, not with Carla (the uploader)
    const w = world(intentOf());
    await w.shares.addShare(newShare(docAt(1), grantOf(PAULO), staffActor, NOW));
    await w.shares.addShare(newShare(docAt(1), grantOf(NORA), staffActor, NOW));
    w.shares.log.length = 0;

    // Act
    const out = await ingestObject(w.d, { key, size: 420 });

    // Assess: recorded first, then the uploader's share, then the others follow
    expect(out).toEqual({ outcome: 'recorded', documentId: DOC });
    expect(w.shares.log).toEqual(['complete v2', `add ${CARLA}`, `follow ${PAULO} v2`, `follow ${NORA} v2`]);
    expect([CARLA, PAULO, NORA].map(w.shares.versionOf)).toEqual([2, 2, 2]);
    expect(w.shares.items.get(`${DOC}/${PAULO}`)).toMatchObject({ size: 420, uploadedBy: { id: CARLA } });
    expect(Object.fromEntries(w.shares.counts)).toEqual({ [CARLA]: 1, [PAULO]: 1, [NORA]: 1 });
  });

  it('a replayed event of the completed upload finishes the shares a failed run left behind', async () => {
    // Prepare: the version was recorded (document at 2) but the run died before the shares moved
    const w = world(intentOf({ status: 'completed', documentId: DOC }));
    await w.d.uploads.completeUpload({ document: docAt(2) } as never);
    await w.shares.addShare(newShare(docAt(1), grantOf(PAULO), staffActor, NOW));
    w.shares.log.length = 0;

    // Act
    const first = await ingestObject(w.d, { key, size: 420 });
    const second = await ingestObject(w.d, { key, size: 420 });

    // Assess: the first replay moves Paulo's share and adds Carla's; the second changes nothing
    expect([first, second]).toEqual([{ outcome: 'replay' }, { outcome: 'replay' }]);
    expect(w.shares.log).toEqual([`add ${CARLA}`, `follow ${PAULO} v2`]);
    expect(Object.fromEntries(w.shares.counts)).toEqual({ [PAULO]: 1, [CARLA]: 1 });
  });

  it('a delivery that did not record the version (another one did, or rejected it) moves nothing', async () => {
    const w = world(intentOf(), false);
    await w.shares.addShare(newShare(docAt(1), grantOf(PAULO), staffActor, NOW));
    w.shares.log.length = 0;
    await expect(ingestObject(w.d, { key, size: 420 })).resolves.toEqual({ outcome: 'replay' });
    expect(w.shares.log).toEqual([]);
  });
});

describe('Attachments are shared with the contacts they are sent to', () => {
  function deps() {
    const shares = new Shares();
    const order: string[] = [];
    const created: { discussion?: Discussion; request?: FileRequest; event?: DomainEvent } = {};
    const grants = [grantOf(CARLA), grantOf(PAULO, { role: 'viewer', canDownload: false, canUpload: false })];
    const common = {
      caseParts: {
        caseParts: async (_f: string, _c: string, wanted: { documentId?: string | undefined }) => ({
          case: { caseId: CASE } as never,
          user: { name: 'Alice' } as never,
          ...(wanted.documentId === DOC ? { document: docAt(1) } : {}),
        }),
      },
      grantLocator: { locateGrant: async () => undefined },
      caseContacts: { grantsOfCase: async () => grants, grantAt: async () => ({}) },
      shares: {
        sharesOfDocument: shares.sharesOfDocument.bind(shares),
        addShare: async (s: Share, e?: DomainEvent) => {
          order.push(`share ${s.contactId}`);
          return shares.addShare(s, e);
        },
      },
      clock: fixedClock(),
      ids: counterIds(1),
    };
    const discussionDeps: DiscussionDeps = {
      ...common,
      discussions: {
        createDiscussion: async (d, e) => {
          order.push('discussion');
          Object.assign(created, { discussion: d, event: e });
        },
      } as DiscussionDeps['discussions'],
    };
    const fileRequestDeps: FileRequestDeps = {
      ...common,
      settings: { getSettings: async () => ({}) },
      fileRequests: {
        createFileRequest: async (r, e) => {
          order.push('request');
          Object.assign(created, { request: r, event: e });
        },
      } as FileRequestDeps['fileRequests'],
    };
    return { discussionDeps, fileRequestDeps, shares, order, created };
  }
  const admin = staffOf(FIRM_A, ALICE, 'admin');

  it('a discussion: its attachment is shared with each contact first, with no event; the notice is the discussion', async () => {
    const w = deps();
    await publishDiscussion(w.discussionDeps, admin, CASE, {
      subject: 'Year end',
      message: 'See the letter.',
      attachmentDocumentId: DOC,
      shareWith: 'all',
    });
    expect(w.order).toEqual([`share ${CARLA}`, `share ${PAULO}`, 'discussion']);
    expect(w.shares.events).toEqual([undefined, undefined]);
    expect(Object.fromEntries(w.shares.counts)).toEqual({ [CARLA]: 1, [PAULO]: 1 });
    expect(w.created.event).toMatchObject({
      type: 'discussion.published',
      detail: { attachmentDocumentId: DOC, contactIds: [CARLA, PAULO] },
    });
  });

  it('a discussion without an attachment shares nothing', async () => {
    const w = deps();
    await publishDiscussion(w.discussionDeps, admin, CASE, {
      subject: 'S',
      message: 'M',
      shareWith: [CARLA],
    });
    expect(w.order).toEqual(['discussion']);
  });

  it('an update request: its document is shared with the recipients first, with no event', async () => {
    const w = deps();
    await createFileRequest(w.fileRequestDeps, admin, CASE, {
      recipients: [CARLA],
      subject: 'Sign it',
      description: 'Please sign.',
      attachmentDocumentId: DOC,
    });
    expect(w.order).toEqual([`share ${CARLA}`, 'request']);
    expect(w.shares.events).toEqual([undefined]);
    expect(w.created.event).toMatchObject({ type: 'filerequest.created', detail: { kind: 'update' } });
  });

  it('a new-file request (no attachment) and a refused one share nothing', async () => {
    const w = deps();
    await createFileRequest(w.fileRequestDeps, admin, CASE, {
      recipients: [CARLA],
      subject: 'ID',
      description: 'A copy of your ID.',
    });
    await expect(
      createFileRequest(w.fileRequestDeps, admin, CASE, {
        recipients: [CARLA, NORA],
        subject: 'Sign it',
        description: 'Please sign.',
        attachmentDocumentId: DOC,
      }),
    ).rejects.toMatchObject({ code: 'recipient_without_access' });
    expect(w.order).toEqual(['request']);
    expect(w.shares.counts.size).toBe(0);
  });
});
