// Demo data for the local stack: one firm (an admin, two staff), two contacts, two cases, the
// contacts' portal access (bound to the demo identities of /local/tokens), a few documents shared
// with them, and on Carla's case a conversation with open tasks and a discussion. Everything goes through the domain services and the upload → ingest path, as
// the API would do it. Fixed ids, so the printed tokens and URLs stay the same across runs;
// idempotent, so a second `npm start` keeps (and does not duplicate) what is there.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { loadConfig } from '../functions/config';
import { acceptInvitation, type GrantRights, putGrant } from '../functions/domain/access';
import { createCase } from '../functions/domain/cases';
import { createContact } from '../functions/domain/contacts';
import { publishDiscussion } from '../functions/domain/discussions';
import { ingestObject } from '../functions/domain/ingest';
import { hashInvitationToken, makeInvitationToken } from '../functions/domain/invitations';
import { systemClock } from '../functions/domain/ports';
import type { StaffPrincipal } from '../functions/domain/principal';
import { putDocumentShares } from '../functions/domain/shares';
import { createThread } from '../functions/domain/threads';
import { createUpload } from '../functions/domain/uploads';
import { s3Files } from '../functions/files/s3-files';
import { accessStore } from '../functions/store/access';
import { caseStore } from '../functions/store/cases';
import { contactStore } from '../functions/store/contacts';
import { documentStore } from '../functions/store/documents';
import { firmAdminStore, firmStore } from '../functions/store/firm';
import { grantLookup } from '../functions/store/grants';
import { invitationMailStore } from '../functions/store/invitations';
import { shareStore } from '../functions/store/shares';
import type { Table } from '../functions/store/table';
import { uploadStore } from '../functions/store/uploads';
import { discussionDeps } from '../functions/wiring/discussion-deps';
import { ulidIds } from '../functions/wiring/ids';
import { threadDeps } from '../functions/wiring/thread-deps';

export const demo = {
  firmId: '01KDVDNA00AK9N0P8BNNN2KAG1',
  users: {
    admin: {
      userId: '01KDVDNA01C3SV52YSQ72A77Y1',
      name: 'Ada Admin',
      email: 'ada@demo-firm.test',
      role: 'admin',
    },
    staff1: {
      userId: '01KDVDNA02G6R1P5R02S3BWXA4',
      name: 'Sam Staff',
      email: 'sam@demo-firm.test',
      role: 'staff',
    },
    staff2: {
      userId: '01KDVDNA0389JMHT1EKWM9EM58',
      name: 'Tess Tax',
      email: 'tess@demo-firm.test',
      role: 'staff',
    },
  },
  contacts: {
    contact1: {
      contactId: '01KDVDNA04XEC4XK0HPBK12BA7',
      name: 'Carla Client',
      email: 'carla@client.test',
      locale: 'es',
    },
    contact2: {
      contactId: '01KDVDNA05YBZYQGGBHWDZ5CKJ',
      name: 'Paulo Cliente',
      email: 'paulo@client.test',
      locale: 'pt-BR',
    },
  },
  cases: {
    case1: {
      caseId: '01KDVDNA0664QTKAA93N13DD0V',
      title: '2026 tax return — Carla Client',
      reference: 'TAX-2026-001',
    },
    case2: {
      caseId: '01KDVDNA07MF2XQ95VW5AVRF47',
      title: 'Annual audit — Paulo Ltda',
      reference: 'AUD-2026-014',
    },
  },
} as const;

/** The portal identity a demo contact signs in with (the `sub` of its token at /local/tokens). */
/** The conversations of Carla's case: a thread with her (two open tasks) and a discussion shared with her. */
export const demoConversations = {
  thread: {
    threadId: '01KDVDNA0BWQ5H2D8M3K4N6P7R',
    subject: 'Documents for your 2026 return',
    message: 'Hello Carla, could you upload these two documents for your return? Thank you!',
    tasks: ['Upload your 2026 payslips', 'Upload your bank statements'],
  },
  discussion: {
    discussionId: '01KDVDNA0CY8T1V5X7Z9B2D4F6',
    subject: 'Your engagement letter',
    message: 'Welcome! The engagement letter for this year is in your documents; ask us anything here.',
  },
} as const;

export const demoIdentity = (contactId: string) => `identity-${contactId}`;

type DemoContact = keyof typeof demo.contacts;
type DemoCase = keyof typeof demo.cases;

/** Portal access of the demo contacts: Carla may download and upload on her case, Paulo only views his. */
const demoGrants: { contact: DemoContact; case: DemoCase; rights: GrantRights }[] = [
  {
    contact: 'contact1',
    case: 'case1',
    rights: { role: 'collaborator', canDownload: true, canUpload: true },
  },
  { contact: 'contact2', case: 'case2', rights: { role: 'viewer', canDownload: false, canUpload: false } },
];

/** Firm documents of the demo cases (fixed upload ids, so the document ids are fixed too), each shared with the case's contact. */
const demoDocuments: {
  uploadId: string;
  case: DemoCase;
  shareWith: DemoContact;
  fileName: string;
  contentType: 'application/pdf' | 'text/plain';
  text: string;
}[] = [
  {
    uploadId: '01KDVDNA08QZ3W3J0Z6M0C4D1A',
    case: 'case1',
    shareWith: 'contact1',
    fileName: 'Engagement letter 2026.pdf',
    contentType: 'application/pdf',
    text: 'Engagement letter for the 2026 tax return of Carla Client.',
  },
  {
    uploadId: '01KDVDNA09B7C0R4XNYH1S8T2B',
    case: 'case1',
    shareWith: 'contact1',
    fileName: 'Documents checklist.txt',
    contentType: 'text/plain',
    text: 'Please upload: payslips, bank statements, receipts for deductible expenses.\n',
  },
  {
    uploadId: '01KDVDNA0AF5K9V6QW2E3R7T3C',
    case: 'case2',
    shareWith: 'contact2',
    fileName: 'Audit plan.pdf',
    contentType: 'application/pdf',
    text: 'Audit plan for the annual audit of Paulo Ltda.',
  },
];

export async function seedDemo(table: Table, portalUrl: string): Promise<{ created: number }> {
  const admin = firmAdminStore(table);
  const now = new Date().toISOString();
  let created = 0;
  const count = (b: boolean) => {
    if (b) created++;
  };
  count(
    await admin.putFirm({
      firmId: demo.firmId,
      name: 'Demo Accounting LLP',
      locale: 'en',
      portalUrl,
      createdAt: now,
      // One admin below (Ada): the last-admin rule's counter starts at what is seeded.
      activeAdmins: Object.values(demo.users).filter((u) => u.role === 'admin').length,
    }),
  );
  for (const u of Object.values(demo.users)) {
    count(await admin.putStaffUser({ firmId: demo.firmId, ...u, createdAt: now }));
  }
  const by: StaffPrincipal = {
    kind: 'staff',
    firmId: demo.firmId,
    userId: demo.users.admin.userId,
    role: 'admin',
  };
  const cases = caseStore(table);
  const contacts = contactStore(table);
  for (const c of Object.values(demo.contacts)) {
    if (await contacts.getContact(demo.firmId, c.contactId)) continue;
    const ids = { next: seq(c.contactId) };
    await createContact({ contacts, clock: systemClock, ids }, by, c);
    created++;
  }
  for (const c of Object.values(demo.cases)) {
    if (await cases.getCase(demo.firmId, c.caseId)) continue;
    const ids = { next: seq(c.caseId) };
    await createCase({ cases, firm: firmStore(table), clock: systemClock, ids }, by, {
      title: c.title,
      reference: c.reference,
      ownerId: demo.users.staff1.userId,
    });
    created++;
  }
  created += await seedAccess(table, by, portalUrl);
  created += await seedDocuments(table, by);
  created += await seedConversations(table);
  return { created };
}

/**
 * Grants the demo contacts access and binds each to its demo identity, the way a contact who opens
 * the invitation mail would: the token the notify policy would mail is made and its hash stored
 * through the same port, then the invitation is accepted with it.
 */
async function seedAccess(table: Table, by: StaffPrincipal, portalUrl: string): Promise<number> {
  const access = accessStore(table);
  const deps = { access, clock: systemClock, ids: ulidIds, portalUrl };
  let created = 0;
  for (const g of demoGrants) {
    const { contactId, email } = demo.contacts[g.contact];
    const { caseId } = demo.cases[g.case];
    let grant = await access.getGrant(demo.firmId, caseId, contactId);
    // A revoked grant stays revoked: whoever revoked it in the demo meant it.
    if (!grant) {
      await putGrant(deps, by, caseId, contactId, g.rights);
      grant = await access.getGrant(demo.firmId, caseId, contactId);
      created++;
    }
    if (grant?.status !== 'invited') continue;
    const invitation = await access.getInvitation(demo.firmId, caseId, contactId);
    if (!invitation) continue;
    const claims = { firmId: demo.firmId, caseId, contactId, invitationId: invitation.invitationId };
    const token = makeInvitationToken(claims);
    await invitationMailStore(table, portalUrl).storeTokenHash(claims, hashInvitationToken(token));
    // As the demo contact's own login would: accepting binds only the invited, verified address.
    const login = {
      kind: 'contact',
      identityId: demoIdentity(contactId),
      email,
      emailVerified: true,
    } as const;
    await acceptInvitation(deps, login, token);
  }
  return created;
}

/**
 * Firm documents through the real upload path: an upload intent, the object put in the local S3,
 * ingest (which the bus also runs on the S3 event; whichever comes second is a replay), then the
 * share with the case's contact. A document nobody shares with yet is shared again on the next
 * start, so an interrupted seed completes; a share removed by hand with others left stays removed.
 */
async function seedDocuments(table: Table, by: StaffPrincipal): Promise<number> {
  const { BUCKET_NAME } = loadConfig(['BUCKET_NAME']);
  // Created here, not at import: the local stack sets the S3 endpoint before it seeds.
  const s3 = new S3Client({ forcePathStyle: true });
  const files = s3Files(s3, BUCKET_NAME);
  const documents = documentStore(table);
  const shares = shareStore(table);
  const uploads = uploadStore(table);
  const cases = caseStore(table);
  let created = 0;
  for (const d of demoDocuments) {
    const { caseId } = demo.cases[d.case];
    const body = d.contentType === 'application/pdf' ? minimalPdf(d.text) : Buffer.from(d.text, 'utf8');
    if (!(await documents.getDocument(demo.firmId, caseId, d.uploadId))) {
      const ticket = await createUpload(
        {
          cases,
          firm: firmStore(table),
          grants: grantLookup(table),
          uploads,
          files,
          clock: systemClock,
          ids: { next: () => d.uploadId },
          uploadMaxBytes: 1024 * 1024,
        },
        by,
        caseId,
        { fileName: d.fileName, contentType: d.contentType, size: body.length },
      );
      await s3.send(
        new PutObjectCommand({
          Bucket: BUCKET_NAME,
          Key: ticket.key,
          Body: body,
          ContentType: d.contentType,
        }),
      );
      const result = await ingestObject(
        { uploads, files, clock: systemClock, ids: ulidIds },
        { key: ticket.key, size: body.length },
      );
      if (result.outcome === 'rejected') throw new Error(`seed: ${d.fileName} rejected: ${result.reason}`);
      created++;
    }
    if ((await shares.sharesOfDocument(demo.firmId, caseId, d.uploadId)).length > 0) continue;
    const { contactId } = demo.contacts[d.shareWith];
    await putDocumentShares(
      { cases, documents, shares, clock: systemClock, ids: ulidIds },
      by,
      caseId,
      d.uploadId,
      [contactId],
    );
    created++;
  }
  return created;
}

/** A one-page PDF showing `text` (ASCII), with a correct cross-reference table. */
function minimalPdf(text: string): Buffer {
  const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 14 Tf 72 720 Td (${escaped}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * The conversations of Carla's case, through the domain services as the threads and discussions
 * routes run them (their events mail and notify as any other); skipped when already there.
 */
async function seedConversations(table: Table): Promise<number> {
  const { caseId } = demo.cases.case1;
  const contactId = demo.contacts.contact1.contactId;
  const owner: StaffPrincipal = {
    kind: 'staff',
    firmId: demo.firmId,
    userId: demo.users.staff1.userId,
    role: 'staff',
  };
  const admin: StaffPrincipal = {
    kind: 'staff',
    firmId: demo.firmId,
    userId: demo.users.admin.userId,
    role: 'admin',
  };
  let created = 0;
  const { thread, discussion } = demoConversations;
  const threadWiring = { ...threadDeps(table), ids: { next: seq(thread.threadId) } };
  if (!(await threadWiring.threads.getThread(demo.firmId, caseId, thread.threadId))) {
    await createThread(threadWiring, owner, caseId, {
      subject: thread.subject,
      contactIds: [contactId],
      message: thread.message,
      tasks: [...thread.tasks],
    });
    created++;
  }
  const deps = { ...discussionDeps(table), ids: { next: seq(discussion.discussionId) } };
  if (!(await deps.discussions.getDiscussion(demo.firmId, caseId, discussion.discussionId))) {
    await publishDiscussion(deps, admin, caseId, {
      subject: discussion.subject,
      message: discussion.message,
      shareWith: [contactId],
    });
    created++;
  }
  return created;
}

/** Ids for one seeded entity: its fixed id first, then fresh ULIDs (for its activity entries). */
function seq(first: string): () => string {
  let used = false;
  return () => {
    if (!used) {
      used = true;
      return first;
    }
    return ulidIds.next();
  };
}
