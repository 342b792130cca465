// Observability on the local stack: the API request id (answered as API Gateway does, in the
// `apigw-requestid` header) is the correlation id of the events the request writes, and it reaches
// the delivery records of the notifications those events cause (stream → publisher → bus → notify).
import { describe, expect, it } from 'vitest';
import { activityKey, deliveriesOfEventPattern } from '../../functions/store/keys';
import { apiAs } from './support/client';
import { newFirm, newId, partition, settle } from './support/stack';

describe('Integration: correlation id', () => {
  it("a request's id reaches the activity events it wrote and the delivery records they caused", async () => {
    // Prepare: a case and a contact
    const firm = await newFirm('Correlation Firm');
    const admin = apiAs(firm.admin.token);
    const created = await admin.POST('/cases', { body: { title: 'Audit 2025', ownerId: firm.staff.userId } });
    const caseId = created.data!.caseId;
    const contact = await admin.POST('/contacts', {
      body: { name: 'Dora', email: `dora.${newId().toLowerCase()}@client.test` },
    });
    const contactId = contact.data!.contactId;

    // Act: grant access (access.granted + invitation.sent → the invitation mail)
    const granted = await admin.PUT('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId, contactId } },
      body: { role: 'viewer', canDownload: true },
    });
    await settle();

    // Assess: the request's id is on its events…
    expect(granted.response.status).toBe(200);
    const requestId = granted.response.headers.get('apigw-requestid');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const activity = (await partition(activityKey(firm.firmId, caseId, 'x').PK)).filter(
      (i) => i.entity === 'activity',
    );
    const caused = activity.filter((e) => e.correlationId === requestId);
    expect(caused.map((e) => e.type).sort()).toEqual(['access.granted', 'invitation.sent']);
    // …and only on them: the case's creation was another request.
    expect(activity.find((e) => e.type === 'case.created')?.correlationId).toEqual(expect.any(String));
    expect(activity.find((e) => e.type === 'case.created')?.correlationId).not.toBe(requestId);

    // …and on every delivery record those events caused (at least the invitation mail).
    const deliveries = (
      await Promise.all(
        caused.map((e) => partition(deliveriesOfEventPattern(firm.firmId, String(e.eventId)).pk)),
      )
    ).flat();
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.some((d) => d.channel === 'email' && d.status === 'sent')).toBe(true);
    for (const d of deliveries) expect(d.correlationId, `${d.recipient} ${d.channel}`).toBe(requestId);
  });
});
