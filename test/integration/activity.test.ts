// A case's activity through HTTP on the local stack: staff read every entry newest first, page
// through them, filter by type, in the firm's language; a contact reads only what concerns it;
// another firm's staff and a revoked contact get 404.
import { describe, expect, it } from 'vitest';
import { countRequests, sequentialRoundTrips } from '../../bench/requests';
import type { Schemas } from '../../client/src';
import { listCaseActivity } from '../../functions/domain/case-activity';
import { activityStore } from '../../functions/store/activity';
import { caseStore } from '../../functions/store/cases';
import { grantLookup } from '../../functions/store/grants';
import { apiAs, problem } from './support/client';
import { PDF, pdfBytes, upload } from './support/files';
import { type PortalContact, portalContact } from './support/portal';
import { counted } from './support/round-trips';
import { newFirm, settle, type TestFirm } from './support/stack';

type Entry = Schemas['ActivityEntryView'];

interface World {
  firm: TestFirm;
  caseId: string;
  carla: PortalContact;
  dora: PortalContact;
  documentId: string;
  requestId: string;
}

/**
 * A case with a handful of changes: created; Carla and Dora invited and in; a firm document shared
 * with Carla only; a file request to Dora only; an upload by Carla.
 */
async function caseWithChanges(): Promise<World> {
  const firm = await newFirm('Activity & Co');
  const staff = apiAs(firm.staff.token);
  const created = await staff.POST('/cases', { body: { title: 'Annual accounts 2026' } });
  expect(created.response.status).toBe(201);
  const caseId = created.data!.caseId;
  const collaborator = { role: 'collaborator', canDownload: true, canUpload: true } as const;
  const carla = await portalContact(firm, caseId, 'Carla Client', collaborator);
  const dora = await portalContact(firm, caseId, 'Dora Director', collaborator);
  const ticket = await upload(caseId, firm.staff.token, {
    fileName: 'engagement.pdf',
    contentType: PDF,
    bytes: pdfBytes('engagement'),
  });
  const shared = await staff.PUT('/cases/{caseId}/documents/{documentId}/shares', {
    params: { path: { caseId, documentId: ticket.uploadId } },
    body: { contactIds: [carla.contactId] },
  });
  expect(shared.response.status).toBe(200);
  const request = await staff.POST('/cases/{caseId}/file-requests', {
    params: { path: { caseId } },
    body: { recipients: [dora.contactId], subject: 'Bank statements', description: 'March, please.' },
  });
  expect(request.response.status).toBe(201);
  await upload(
    caseId,
    carla.token,
    { fileName: 'receipts.pdf', contentType: PDF, bytes: pdfBytes('r') },
    'portal',
  );
  await settle();
  return { firm, caseId, carla, dora, documentId: ticket.uploadId, requestId: request.data!.requestId };
}

const staffActivity = (
  w: World,
  query: { limit?: number; nextToken?: string; type?: string } = {},
  token = w.firm.staff.token,
) => apiAs(token).GET('/cases/{caseId}/activity', { params: { path: { caseId: w.caseId }, query } });

const portalActivity = (w: World, who: PortalContact, query: { type?: string } = {}) =>
  apiAs(who.token).GET('/portal/cases/{caseId}/activity', { params: { path: { caseId: w.caseId }, query } });

/** Every entry a staff user sees, walking the pages with `limit`. */
async function walk(w: World, limit: number): Promise<{ entries: Entry[]; pages: number }> {
  const entries: Entry[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const res = await staffActivity(w, { limit, ...(nextToken ? { nextToken } : {}) });
    expect(res.response.status).toBe(200);
    entries.push(...res.data!.items);
    nextToken = res.data!.nextToken;
    pages++;
  } while (nextToken);
  return { entries, pages };
}

const typesOf = (entries: Entry[]) => entries.map((e) => e.type);

describe('Routes: case activity', () => {
  it('staff see every change newest first, page through all of it, filter by type, in the firm language', async () => {
    // Prepare
    const w = await caseWithChanges();

    // Act
    const all = await staffActivity(w, { limit: 100 });
    const walked = await walk(w, 3);
    const uploads = await staffActivity(w, { type: 'document.uploaded' });
    const several = await staffActivity(w, { type: 'document.shared,filerequest.created' });
    const unknown = await staffActivity(w, { type: 'document.uploaded,case.exploded' });
    const saved = await apiAs(w.firm.admin.token).PUT('/settings', {
      body: { detailedNotifications: false, uploadMaxBytes: 10_000_000, locale: 'es' },
    });
    const inSpanish = await staffActivity(w, { type: 'document.shared,case.created' });

    // Assess: everything, newest first
    expect(all.response.status).toBe(200);
    const entries = all.data!.items;
    expect(all.data!.nextToken).toBeUndefined();
    expect(typesOf(entries).sort()).toEqual(
      [
        'case.created',
        ...['access.granted', 'invitation.sent', 'access.accepted'],
        ...['access.granted', 'invitation.sent', 'access.accepted'],
        'document.uploaded',
        'document.shared',
        'filerequest.created',
        'document.uploaded',
      ].sort(),
    );
    const times = entries.map((e) => e.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(entries.at(-1)?.type).toBe('case.created');
    // who, what, when and the ids
    const created = entries.find((e) => e.type === 'case.created')!;
    expect(created.who).toEqual({ kind: 'staff', id: w.firm.staff.userId, name: w.firm.staff.name });
    expect(created.what).toBe(`${w.firm.staff.name} created the case "Annual accounts 2026".`);
    expect(Number.isNaN(Date.parse(created.occurredAt))).toBe(false);
    const share = entries.find((e) => e.type === 'document.shared')!;
    expect(share.what).toBe(`${w.firm.staff.name} shared "engagement.pdf" with 1 contact.`);
    expect(share.ids).toMatchObject({ documentId: w.documentId, addedContactIds: [w.carla.contactId] });
    const clientUpload = entries.find((e) => e.type === 'document.uploaded' && e.who.kind === 'contact')!;
    expect(clientUpload.who).toEqual({ kind: 'contact', id: w.carla.contactId, name: 'Carla Client' });
    expect(clientUpload.what).toBe('Carla Client uploaded "receipts.pdf".');
    const granted = entries.filter((e) => e.type === 'access.granted').map((e) => e.what);
    expect(granted.sort()).toEqual(
      [
        `${w.firm.admin.name} gave Carla Client access to the case.`,
        `${w.firm.admin.name} gave Dora Director access to the case.`,
      ].sort(),
    );
    // paging with a small limit walks the same list, in the same order
    expect(walked.pages).toBe(Math.ceil(entries.length / 3));
    expect(walked.entries.map((e) => e.eventId)).toEqual(entries.map((e) => e.eventId));
    // the type filter
    expect(typesOf(uploads.data!.items)).toEqual(['document.uploaded', 'document.uploaded']);
    expect(typesOf(several.data!.items)).toEqual(['filerequest.created', 'document.shared']);
    expect(unknown.response.status).toBe(400);
    expect(problem(unknown).code).toBe('unknown_event_type');
    expect(problem(unknown).message).toContain('case.exploded');
    // the firm's language
    expect(saved.response.status).toBe(200);
    expect(inSpanish.data!.items.map((e) => e.what)).toEqual([
      `${w.firm.staff.name} compartió «engagement.pdf» con 1 contacto.`,
      `${w.firm.staff.name} creó el expediente «Annual accounts 2026».`,
    ]);
  });

  it('a contact sees only what concerns it; another firm and a revoked contact get 404', async () => {
    // Prepare
    const w = await caseWithChanges();
    const other = await newFirm('Other LLP');

    // Act
    const carla = await portalActivity(w, w.carla);
    const dora = await portalActivity(w, w.dora);
    const doraRequests = await portalActivity(w, w.dora, { type: 'filerequest.created,document.shared' });
    const doraUnknown = await portalActivity(w, w.dora, { type: 'nope' });
    const foreignStaff = await staffActivity(w, {}, other.staff.token);
    const revoked = await apiAs(w.firm.admin.token).DELETE('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId: w.caseId, contactId: w.dora.contactId } },
    });
    const afterRevoke = await portalActivity(w, w.dora);

    // Assess: Carla — her access, the document shared with her, her own upload
    expect(carla.response.status).toBe(200);
    expect(typesOf(carla.data!.items).sort()).toEqual(
      ['access.granted', 'invitation.sent', 'access.accepted', 'document.shared', 'document.uploaded'].sort(),
    );
    expect(carla.data!.items.find((e) => e.type === 'document.uploaded')?.who.id).toBe(w.carla.contactId);
    const mentioned = JSON.stringify(carla.data!.items);
    expect(mentioned).not.toContain(w.dora.contactId);
    expect(mentioned).not.toContain('Dora');
    expect(mentioned).not.toContain(w.requestId);
    // Dora — her access and the request addressed to her; nothing of Carla's
    expect(typesOf(dora.data!.items).sort()).toEqual(
      ['access.granted', 'invitation.sent', 'access.accepted', 'filerequest.created'].sort(),
    );
    const request = dora.data!.items.find((e) => e.type === 'filerequest.created')!;
    expect(request.what).toBe(`${w.firm.staff.name} asked for a file: "Bank statements".`);
    expect(request.ids).toEqual({ requestId: w.requestId, contactIds: [w.dora.contactId] });
    expect(JSON.stringify(dora.data!.items)).not.toContain(w.carla.contactId);
    expect(typesOf(doraRequests.data!.items)).toEqual(['filerequest.created']);
    expect(doraUnknown.response.status).toBe(400);
    expect(problem(doraUnknown).code).toBe('unknown_event_type');
    // refusals
    expect(foreignStaff.response.status).toBe(404);
    expect(problem(foreignStaff).code).toBe('case_not_found');
    expect(revoked.response.status).toBe(200);
    expect(afterRevoke.response.status).toBe(404);
    expect(problem(afterRevoke).code).toBe('case_not_found');
  });

  it('costs one Query per page, then one BatchGetItem of the names and the firm language', async () => {
    // Prepare: the stack's table through a client whose every request is counted and timed
    const w = await caseWithChanges();
    const deps = {
      activity: activityStore(counted),
      cases: caseStore(counted),
      grants: grantLookup(counted),
    };
    const staff = {
      kind: 'staff',
      userId: w.firm.staff.userId,
      firmId: w.firm.firmId,
      role: 'staff',
    } as const;

    // Act
    let page: Awaited<ReturnType<typeof listCaseActivity>> | undefined;
    const { requests } = await countRequests(async () => {
      page = await listCaseActivity(deps, staff, w.caseId, { limit: 100 });
    });

    // Assess: three people named (staff, admin, Carla) in one read, however many entries
    expect(page?.items.length).toBeGreaterThan(10);
    expect(requests.map((r) => r.command)).toEqual(['Query', 'BatchGetItem']);
    expect(sequentialRoundTrips(requests)).toBe(2);
  });
});
