// Removing a contact from the firm (decision 0042): every grant revoked in one call, the portal's
// calls refused right after, the login signed out and disabled, idempotent, and finishing what an
// interrupted removal left; a removed contact cannot be granted again and stays listed, marked.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { casePartition, contactKey, firmKey } from '../../functions/store/keys';
import { apiAs, problem } from './support/client';
import { loggedInContact, loginOf } from './support/contacts';
import { newFirm, partition, type TestFirm, table } from './support/stack';

async function newCases(firm: TestFirm, n: number): Promise<string[]> {
  const admin = apiAs(firm.admin.token);
  const ids: string[] = [];
  for (let i = 0; i < n; i += 8) {
    const made = await Promise.all(
      Array.from({ length: Math.min(8, n - i) }, (_, k) =>
        admin.POST('/cases', { body: { title: `Case ${i + k}` } }),
      ),
    );
    ids.push(...made.map((m) => m.data!.caseId));
  }
  return ids;
}

const trailOf = (firmId: string) => partition(`${firmKey(firmId).PK}#TRAIL`);

/** The activity entries of `type` in the cases' partitions, about `contactId`. */
async function entries(firmId: string, caseIds: string[], type: string, contactId: string) {
  const all = await Promise.all(caseIds.map((c) => partition(casePartition(firmId, c))));
  return all
    .flat()
    .filter(
      (i) =>
        i.entity === 'activity' &&
        i.type === type &&
        (i.detail as { contactId?: string }).contactId === contactId,
    );
}

describe('Route: POST /contacts/{contactId}/remove', () => {
  it('revokes every grant at once (more than one transaction holds), signs the login out, and is idempotent', async () => {
    // Prepare: a contact with a portal login, active on 35 cases (two transactions' worth of grants).
    const firm = await newFirm('Removal Firm');
    const caseIds = await newCases(firm, 35);
    const ana = await loggedInContact(firm, caseIds, 'Ana Removed');
    const portal = apiAs(ana.token);
    expect(
      (await portal.GET('/portal/cases', { params: { query: { limit: 100 } } })).data!.items,
    ).toHaveLength(35);

    // Act
    const removed = await apiAs(firm.admin.token).POST('/contacts/{contactId}/remove', {
      params: { path: { contactId: ana.contactId } },
    });

    // Assess: the portal lost every case at once.
    expect(removed.response.status).toBe(200);
    expect(removed.data).toMatchObject({ contactId: ana.contactId, name: 'Ana Removed', email: ana.email });
    expect(removed.data!.removedAt).toEqual(expect.any(String));
    expect((await portal.GET('/portal/cases')).data!.items).toEqual([]);
    const docs = await portal.GET('/portal/cases/{caseId}/documents', {
      params: { path: { caseId: caseIds[34]! } },
    });
    expect(docs.response.status).toBe(404);
    const grants = await apiAs(firm.admin.token).GET('/cases/{caseId}/grants', {
      params: { path: { caseId: caseIds[0]! } },
    });
    expect(grants.data!.items.map((g) => [g.contactId, g.status])).toEqual([[ana.contactId, 'revoked']]);
    // The login is signed out and disabled (it serves no other firm).
    expect((await loginOf(ana.identityId))?.Enabled).toBe(false);
    // One entry for the removal, one revocation per case.
    expect((await trailOf(firm.firmId)).filter((e) => e.type === 'contact.removed')).toHaveLength(1);
    expect(await entries(firm.firmId, caseIds, 'access.revoked', ana.contactId)).toHaveLength(35);

    // The same request again: the same contact, nothing more written.
    const again = await apiAs(firm.admin.token).POST('/contacts/{contactId}/remove', {
      params: { path: { contactId: ana.contactId } },
    });
    expect(again.response.status).toBe(200);
    expect(again.data).toEqual(removed.data);
    expect((await trailOf(firm.firmId)).filter((e) => e.type === 'contact.removed')).toHaveLength(1);
    expect(await entries(firm.firmId, caseIds, 'access.revoked', ana.contactId)).toHaveLength(35);

    // Listed, marked; never granted again.
    const listed = await apiAs(firm.admin.token).GET('/contacts');
    expect(listed.data!.items.find((c) => c.contactId === ana.contactId)?.removedAt).toBe(
      removed.data!.removedAt,
    );
    const regrant = await apiAs(firm.admin.token).PUT('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId: caseIds[0]!, contactId: ana.contactId } },
      body: { role: 'viewer', canDownload: true },
    });
    expect(regrant.response.status).toBe(409);
    expect(problem(regrant).code).toBe('contact_removed');
  }, 120_000);

  it('finishes a removal that stopped after marking the contact, without a second entry', async () => {
    // Prepare: the state an interrupted removal leaves: the contact marked, its grants still active.
    const firm = await newFirm('Interrupted Removal Firm');
    const caseIds = await newCases(firm, 3);
    const bo = await loggedInContact(firm, caseIds, 'Bo Interrupted');
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: contactKey(firm.firmId, bo.contactId),
        UpdateExpression: 'SET removedAt = :at',
        ExpressionAttributeValues: { ':at': '2026-12-01T10:00:00.000Z' },
      }),
    );
    expect((await apiAs(bo.token).GET('/portal/cases')).data!.items).toHaveLength(3);

    // Act
    const removed = await apiAs(firm.admin.token).POST('/contacts/{contactId}/remove', {
      params: { path: { contactId: bo.contactId } },
    });

    // Assess
    expect(removed.response.status).toBe(200);
    expect(removed.data!.removedAt).toBe('2026-12-01T10:00:00.000Z');
    expect((await apiAs(bo.token).GET('/portal/cases')).data!.items).toEqual([]);
    expect(await entries(firm.firmId, caseIds, 'access.revoked', bo.contactId)).toHaveLength(3);
    expect((await trailOf(firm.firmId)).filter((e) => e.type === 'contact.removed')).toEqual([]);
    expect((await loginOf(bo.identityId))?.Enabled).toBe(false);
  });

  it('answers 404 for an unknown contact and 403 for a staff user who is not an admin, writing nothing', async () => {
    const firm = await newFirm('Refusing Removal Firm');
    const [caseId] = await newCases(firm, 1);
    const cy = await loggedInContact(firm, [caseId!], 'Cy Kept');

    const unknown = await apiAs(firm.admin.token).POST('/contacts/{contactId}/remove', {
      params: { path: { contactId: '01JAAAAAAAAAAAAAAAAAAAAAAA' } },
    });
    const notAdmin = await apiAs(firm.staff.token).POST('/contacts/{contactId}/remove', {
      params: { path: { contactId: cy.contactId } },
    });

    expect(unknown.response.status).toBe(404);
    expect(problem(unknown).code).toBe('contact_not_found');
    expect(notAdmin.response.status).toBe(403);
    expect((await apiAs(cy.token).GET('/portal/cases')).data!.items).toHaveLength(1);
    expect((await loginOf(cy.identityId))?.Enabled).toBe(true);
  });
});
