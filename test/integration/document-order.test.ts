// Document lists on the local stack (issue 13.4): with parallel uploads the one started first may
// arrive last. Every document list (the case's, by source, the portal's) is ordered by the
// `createdAt` it shows (when the document was recorded), newest first, not by the upload's start.
import { describe, expect, it } from 'vitest';
import { apiAs } from './support/client';
import { PDF, pdfBytes, postToS3 } from './support/files';
import { portalContact } from './support/portal';
import { newFirm, settle } from './support/stack';

describe('Routes: document lists follow the createdAt they show', () => {
  it('lists the upload started first but recorded last at the top, on the case, by source and in the portal', async () => {
    // Prepare: two uploads started in turn, the second one's bytes arrive first
    const firm = await newFirm('Parallel Uploads');
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

    // Act
    await postToS3(second, pdfBytes('started-second.pdf'), PDF);
    await settle();
    await postToS3(first, pdfBytes('started-first.pdf'), PDF);
    await settle();
    const shared = await staff.PUT('/cases/{caseId}/contacts/{contactId}/shares', {
      params: { path: { caseId, contactId: carla.contactId } },
      body: { documentIds: [first.uploadId, second.uploadId] },
    });
    const all = await staff.GET('/cases/{caseId}/documents', { params: { path: { caseId } } });
    const firmSource = await staff.GET('/cases/{caseId}/documents', {
      params: { path: { caseId }, query: { source: 'firm' } },
    });
    const portal = await apiAs(carla.token).GET('/portal/cases/{caseId}/documents', {
      params: { path: { caseId } },
    });

    // Assess: the one recorded last first, and the createdAt shown never goes up down the list
    expect(shared.response.status).toBe(200);
    for (const list of [all, firmSource, portal]) {
      const items = list.data!.items;
      expect(items.map((d) => d.name)).toEqual(['started-first.pdf', 'started-second.pdf']);
      expect(items[0]!.createdAt > items[1]!.createdAt).toBe(true);
    }
  });
});
