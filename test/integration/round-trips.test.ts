// Pins what the routes of the cases, access and documents groups cost in DynamoDB (decision 0033):
// each route's work is run through its domain service with the real store adapters, on a client
// instrumented by the bench's counter (bench/requests.ts), and its sequential round trips (requests
// that waited on each other) and requests are asserted. Behaviour is the other suites' business.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  acceptInvitation,
  getPortalLink,
  listGrants,
  putGrant,
  resendInvitation,
  revokeGrant,
} from '../../functions/domain/access';
import { createContact, updateContact } from '../../functions/domain/contacts';
import type { Document } from '../../functions/domain/documents';
import { downloadPortalDocument, listDocuments, listPortalDocuments } from '../../functions/domain/documents';
import { systemClock } from '../../functions/domain/ports';
import type { ContactPrincipal, StaffPrincipal } from '../../functions/domain/principal';
import { listShares, newShare, putContactShares, putDocumentShares } from '../../functions/domain/shares';
import { createPortalUpload } from '../../functions/domain/uploads';
import { accessStore } from '../../functions/store/access';
import { caseStore } from '../../functions/store/cases';
import { contactStore } from '../../functions/store/contacts';
import { documentItem, documentStore } from '../../functions/store/documents';
import { firmStore } from '../../functions/store/firm';
import { grantLookup } from '../../functions/store/grants';
import { mailAddressStore } from '../../functions/store/mail-addresses';
import { shareStore } from '../../functions/store/shares';
import { uploadStore } from '../../functions/store/uploads';
import { ulidIds } from '../../functions/wiring/ids';
import { apiAs } from './support/client';
import { invitationToken } from './support/mail';
import { costInOrder as cost, counted } from './support/round-trips';
import { newFirm, newId, type TestFirm, table } from './support/stack';

const access = {
  access: accessStore(counted),
  clock: systemClock,
  ids: ulidIds,
  portalUrl: 'http://portal.test',
};

const contacts = {
  contacts: contactStore(counted),
  mailAddresses: mailAddressStore(counted),
  clock: systemClock,
  ids: ulidIds,
};

let firm: TestFirm;
let staff: StaffPrincipal;
let caseId: string;

const VIEWER = { role: 'viewer', canDownload: true, canUpload: false } as const;

/** A contact with a (not yet accepted) viewer grant on the case. */
async function grantedContact(label: string) {
  const c = await newContact(label);
  await putGrant(access, staff, caseId, c.contactId, VIEWER);
  return c;
}

async function newContact(label: string) {
  const email = `${label}.${newId().toLowerCase()}@client.test`;
  const res = await apiAs(firm.staff.token).POST('/contacts', { body: { name: label, email } });
  expect(res.response.status).toBe(201);
  return { contactId: res.data!.contactId, email };
}

/** A document of the case, written straight into the table (uploads are not what is counted here). */
async function newDocument(version = 1): Promise<string> {
  const doc: Document = {
    firmId: firm.firmId,
    caseId,
    documentId: newId(),
    name: 'a.pdf',
    contentType: 'application/pdf',
    size: 10,
    source: 'firm',
    uploadedBy: { kind: 'staff', id: firm.staff.userId, name: 'Staff' },
    status: 'available',
    version,
    createdAt: new Date().toISOString(),
    s3Key: `firms/${firm.firmId}/cases/${caseId}/x/a.pdf`,
  };
  await table.client.send(new PutCommand({ TableName: table.name, Item: documentItem(doc) }));
  return doc.documentId;
}

beforeAll(async () => {
  firm = await newFirm('Round trips');
  staff = { kind: 'staff', userId: firm.staff.userId, firmId: firm.firmId, role: 'staff' };
  const created = await apiAs(firm.staff.token).POST('/cases', { body: { title: 'Counted' } });
  expect(created.response.status).toBe(201);
  caseId = created.data!.caseId;
});

describe('reads: one round trip', () => {
  it('listDocuments reads only the page when it is not empty, and checks the case on an empty one', async () => {
    await newDocument();
    const deps = { cases: caseStore(counted), documents: documentStore(counted) };

    expect(await cost(() => listDocuments(deps, staff, caseId, { limit: 20 }))).toEqual({
      requests: 1,
      roundTrips: 1,
      commands: ['Query'],
    });
    // An empty list (firm documents only: none) still tells an unknown case from an empty one.
    expect(await cost(() => listDocuments(deps, staff, caseId, { limit: 20, source: 'client' }))).toEqual({
      requests: 2,
      roundTrips: 2,
      commands: ['Query', 'GetItem'],
    });
    await expect(listDocuments(deps, staff, newId(), { limit: 20 })).rejects.toMatchObject({
      code: 'case_not_found',
    });
  });

  it('listGrants and listShares read only the page when it is not empty', async () => {
    await grantedContact('listed');
    expect(await cost(() => listGrants(access, staff, caseId, { limit: 20 }))).toEqual({
      requests: 1,
      roundTrips: 1,
      commands: ['Query'],
    });
    const shares = { cases: caseStore(counted), shares: shareStore(counted) };
    // No share yet: the empty page checks the case.
    expect((await cost(() => listShares(shares, staff, caseId, { limit: 20 }))).roundTrips).toBe(2);
  });

  it('getPortalLink reads the case and the firm at once', async () => {
    expect(await cost(() => getPortalLink(access, staff, caseId))).toMatchObject({
      requests: 2,
      roundTrips: 1,
    });
  });
});

describe('writes: at most two round trips', () => {
  it('putGrant reads case, contact, grant and firm at once, then writes one transaction', async () => {
    const contact = await newContact('granted');
    const c = await cost(() => putGrant(access, staff, caseId, contact.contactId, VIEWER));
    expect(c.roundTrips).toBe(2);
    expect(c.commands.at(-1)).toBe('TransactWriteItems');
  });

  it('resendInvitation reads grant and contact at once', async () => {
    const contact = await grantedContact('resent');
    expect((await cost(() => resendInvitation(access, staff, caseId, contact.contactId))).roundTrips).toBe(2);
  });

  it('acceptInvitation reads the invitation, grant, contact and the other grants at once', async () => {
    const contact = await grantedContact('accepting');
    const token = await invitationToken(contact.email);
    const c = await cost(() =>
      acceptInvitation(
        access,
        { kind: 'contact', identityId: `identity-${newId()}`, email: contact.email, emailVerified: true },
        token,
      ),
    );
    expect(c).toMatchObject({ requests: 5, roundTrips: 2 });
  });

  it('revokeGrant reads the grant and the pending uploads at once, then writes one transaction', async () => {
    const contact = await grantedContact('revoked');
    const c = await cost(() => revokeGrant(access, staff, caseId, contact.contactId));
    expect(c).toMatchObject({ requests: 3, roundTrips: 2 });
    expect(c.commands.at(-1)).toBe('TransactWriteItems');
    // Revoking again writes nothing: one round trip.
    expect(await cost(() => revokeGrant(access, staff, caseId, contact.contactId))).toMatchObject({
      roundTrips: 1,
    });
  });

  it("createContact reads the address's mail mark alongside its transaction", async () => {
    const c = await cost(() =>
      createContact(contacts, staff, {
        name: 'Counted',
        email: `counted.${newId().toLowerCase()}@client.test`,
      }),
    );
    expect(c).toMatchObject({ requests: 2, roundTrips: 1 });
  });

  it('updateContact reads the contact and its grants at once, then writes one transaction', async () => {
    const contact = await grantedContact('renamed');
    const c = await cost(() => updateContact(contacts, staff, contact.contactId, { name: 'Renamed' }));
    expect(c).toEqual({ requests: 3, roundTrips: 2, commands: expect.arrayContaining(['GetItem', 'Query']) });
    expect(c.commands.at(-1)).toBe('TransactWriteItems');
  });
});

describe('share saves: reads at once, then the share transactions', () => {
  const deps = {
    cases: caseStore(counted),
    documents: documentStore(counted),
    shares: shareStore(counted),
    clock: systemClock,
    ids: ulidIds,
  };

  it('putDocumentShares: document, grants and current shares together, then one transaction', async () => {
    const documentId = await newDocument();
    const contactId = (await grantedContact('doc-share')).contactId;
    const c = await cost(() => putDocumentShares(deps, staff, caseId, documentId, [contactId]));
    expect(c).toEqual({
      requests: 4,
      roundTrips: 2,
      commands: expect.arrayContaining(['GetItem', 'BatchGetItem', 'Query', 'TransactWriteItems']),
    });
  });

  it('putContactShares: case, grant, documents and current shares together, then the transactions at once', async () => {
    const documentIds = [await newDocument(), await newDocument()];
    const contactId = (await grantedContact('contact-share')).contactId;
    const c = await cost(() => putContactShares(deps, staff, caseId, contactId, documentIds));
    expect(c).toMatchObject({ requests: 6, roundTrips: 2 });
  });

  it('a share made from an older read of its document follows the newer version, checked in its transaction', async () => {
    const documentId = await newDocument(2);
    const contactId = (await grantedContact('catch-up')).contactId;
    const [grant] = await shareStore(table).grantsOf(firm.firmId, caseId, [contactId]);
    const stale = await documentStore(table).getDocument(firm.firmId, caseId, documentId);
    const share = newShare(
      { ...stale!, version: 1, name: 'old.pdf' },
      grant!,
      { kind: 'staff', id: staff.userId },
      new Date().toISOString(),
    );
    // The add fails on the document's version, reads it again, and adds the share at version 2.
    const c = await cost(() => deps.shares.addShare(share));
    expect(c.commands).toEqual(['TransactWriteItems', 'GetItem', 'TransactWriteItems']);
    expect(await shareStore(table).sharedDocument(firm.firmId, caseId, documentId, contactId)).toMatchObject({
      share: { version: 2, documentName: 'a.pdf' },
    });
    // Made from the current version: one transaction, nothing read after it.
    const contactId2 = (await grantedContact('current')).contactId;
    const [grant2] = await shareStore(table).grantsOf(firm.firmId, caseId, [contactId2]);
    expect(
      (
        await cost(() =>
          deps.shares.addShare(
            newShare(stale!, grant2!, { kind: 'staff', id: staff.userId }, new Date().toISOString()),
          ),
        )
      ).commands,
    ).toEqual(['TransactWriteItems']);
  });
});

describe('portal: the grant read alongside the data once the container knows where it is', () => {
  // One lookup per container, as the documents Lambda has: where each grant is, it remembers.
  const grants = grantLookup(counted);
  const deps = {
    cases: caseStore(counted),
    firm: firmStore(counted),
    grants,
    documents: documentStore(counted),
    shares: shareStore(counted),
    uploads: uploadStore(counted),
    files: {
      presignDownload: async () => 'http://s3.test/download',
      presignUpload: async () => ({ url: 'http://s3.test/upload', fields: {} }),
    },
    clock: systemClock,
    ids: ulidIds,
    uploadMaxBytes: 1_000_000,
  };
  let contact: ContactPrincipal;
  let documentId: string;

  beforeAll(async () => {
    const c = await newContact('portal');
    await putGrant(access, staff, caseId, c.contactId, {
      role: 'collaborator',
      canDownload: true,
      canUpload: true,
    });
    contact = { kind: 'contact', identityId: `identity-${newId()}`, email: c.email, emailVerified: true };
    await acceptInvitation(access, contact, await invitationToken(c.email));
    documentId = await newDocument();
    const shared = await apiAs(firm.staff.token).PUT('/cases/{caseId}/documents/{documentId}/shares', {
      params: { path: { caseId, documentId } },
      body: { contactIds: [c.contactId] },
    });
    expect(shared.response.status).toBe(200);
  });

  it('listPortalDocuments: the index once, then grant and page together', async () => {
    expect(await cost(() => listPortalDocuments(deps, contact, caseId, { limit: 20 }))).toMatchObject({
      requests: 3,
      roundTrips: 2,
    });
    expect(await cost(() => listPortalDocuments(deps, contact, caseId, { limit: 20 }))).toEqual({
      requests: 2,
      roundTrips: 1,
      commands: expect.arrayContaining(['GetItem', 'Query']),
    });
  });

  it('downloadPortalDocument: the grant, and the share with its document in one BatchGetItem', async () => {
    await listPortalDocuments(deps, contact, caseId, { limit: 20 });
    expect(await cost(() => downloadPortalDocument(deps, contact, caseId, documentId))).toEqual({
      requests: 2,
      roundTrips: 1,
      commands: expect.arrayContaining(['GetItem', 'BatchGetItem']),
    });
  });

  it("createPortalUpload: the grant, the firm's limit and the case (is it closed?) together, then the intent", async () => {
    await listPortalDocuments(deps, contact, caseId, { limit: 20 });
    const c = await cost(() =>
      createPortalUpload(deps, contact, caseId, {
        fileName: 'a.pdf',
        contentType: 'application/pdf',
        size: 10,
      }),
    );
    expect(c).toMatchObject({ requests: 4, roundTrips: 2 });
    expect(c.commands.at(-1)).toBe('PutItem');
  });

  it('a revoked grant is refused at once, whatever the container remembers', async () => {
    await listPortalDocuments(deps, contact, caseId, { limit: 20 });
    // Revoke this contact's grant: the remembered place no longer checks out.
    const revoked = await apiAs(firm.admin.token).DELETE('/cases/{caseId}/grants/{contactId}', {
      params: {
        path: { caseId, contactId: (await grants.locateGrant(contact.identityId, caseId, true))!.contactId },
      },
    });
    expect(revoked.response.status).toBe(200);
    await expect(listPortalDocuments(deps, contact, caseId, { limit: 20 })).rejects.toMatchObject({
      code: 'case_not_found',
    });
  });
});
