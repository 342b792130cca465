// Document lists on the local stack (issue 13.4): with parallel uploads the one started first may
// arrive last. Every document list (the case's, by source, the portal's) is ordered by the
// `createdAt` it shows (when the document was recorded), newest first, not by the upload's start;
// items kept from before (id-ordered index keys) are upgraded by rekeyDocumentLists.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentKey, shareKey } from '../../functions/store/keys';
import { rekeyDocumentLists } from '../../functions/store/rekey-documents';
import { apiAs } from './support/client';
import { PDF, pdfBytes, postToS3 } from './support/files';
import { portalContact } from './support/portal';
import { newFirm, settle, table } from './support/stack';

/** Two uploads started in turn whose bytes arrive in the other order, both shared with a contact. */
async function parallelUploads(firmName: string) {
  const firm = await newFirm(firmName);
  const staff = apiAs(firm.staff.token);
  const caseId = (await staff.POST('/cases', { body: { title: 'Year-end' } })).data!.caseId;
  const carla = await portalContact(firm, caseId, 'Carla Client');
  const start = async (fileName: string) => {
    const ticket = await staff.POST('/cases/{caseId}/uploads', {
      params: { path: { caseId } },
      body: { fileName, contentType: PDF, size: pdfBytes(fileName).length },
    });
    expect(ticket.response.status).toBe(201);
    return ticket.data!;
  };
  const first = await start('started-first.pdf');
  const second = await start('started-second.pdf');
  await postToS3(second, pdfBytes('started-second.pdf'), PDF);
  await settle();
  await postToS3(first, pdfBytes('started-first.pdf'), PDF);
  await settle();
  const shared = await staff.PUT('/cases/{caseId}/contacts/{contactId}/shares', {
    params: { path: { caseId, contactId: carla.contactId } },
    body: { documentIds: [first.uploadId, second.uploadId] },
  });
  expect(shared.response.status).toBe(200);
  /** The three document lists: the case's, the firm's source, the contact's portal. */
  const lists = async () => [
    await staff.GET('/cases/{caseId}/documents', { params: { path: { caseId } } }),
    await staff.GET('/cases/{caseId}/documents', { params: { path: { caseId }, query: { source: 'firm' } } }),
    await apiAs(carla.token).GET('/portal/cases/{caseId}/documents', { params: { path: { caseId } } }),
  ];
  return { firm, caseId, carla, first, second, lists };
}

const names = (list: { data?: { items: { name: string }[] } }) => list.data!.items.map((d) => d.name);

describe('Routes: document lists follow the createdAt they show', () => {
  it('lists the upload started first but recorded last at the top, on the case, by source and in the portal', async () => {
    // Prepare / Act
    const { lists } = await parallelUploads('Parallel Uploads');

    // Assess: the one recorded last first, and the createdAt shown goes down the list
    for (const list of await lists()) {
      const items = list.data!.items;
      expect(items.map((d) => d.name)).toEqual(['started-first.pdf', 'started-second.pdf']);
      expect(items[0]!.createdAt > items[1]!.createdAt).toBe(true);
    }
  });

  it('re-keys documents and shares stored with id-ordered index keys (data kept from before), once', async () => {
    // Prepare: the items as the previous release wrote them (no GSI1 on documents, ids in the sort keys)
    const { firm, caseId, carla, first, second, lists } = await parallelUploads('Kept Data');
    for (const documentId of [first.uploadId, second.uploadId]) {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: documentKey(firm.firmId, caseId, documentId),
          UpdateExpression: 'REMOVE GSI1PK, GSI1SK SET GSI2SK = :sk',
          ExpressionAttributeValues: { ':sk': `DOC#${documentId}` },
        }),
      );
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: shareKey(firm.firmId, caseId, documentId, carla.contactId),
          UpdateExpression: 'SET GSI1SK = :sk',
          ExpressionAttributeValues: { ':sk': `DOC#${documentId}` },
        }),
      );
    }
    const before = await lists();

    // Act
    const changed = await rekeyDocumentLists(table);
    const again = await rekeyDocumentLists(table);
    const after = await lists();

    // Assess: missing or in upload order before; in createdAt order after; a second run changes nothing
    expect(before.map(names)).toEqual([
      [],
      ['started-second.pdf', 'started-first.pdf'],
      ['started-second.pdf', 'started-first.pdf'],
    ]);
    expect(changed.changed).toBeGreaterThanOrEqual(4);
    expect(again.changed).toBe(0);
    expect(after.map(names)).toEqual([
      ['started-first.pdf', 'started-second.pdf'],
      ['started-first.pdf', 'started-second.pdf'],
      ['started-first.pdf', 'started-second.pdf'],
    ]);
  });
});
