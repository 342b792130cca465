// Bounces and complaints (issue 16, item 4): an SES event on the default bus (injected locally by
// POST /local/ses/bounce, as a configuration set would publish it) marks the address; later mail to
// it is suppressed with words saying when and why; setting the contact's address clears the mark.
import { describe, expect, it } from 'vitest';
import { apiAs, problem } from './support/client';
import { recordClientUpload } from './support/events';
import { mailTo } from './support/mail';
import { call, newFirm, newId, settle, type TestFirm } from './support/stack';

async function bounce(email: string, type: 'Permanent' | 'Transient' | 'Complaint') {
  const res = await call('POST', '/local/ses/bounce', { body: { email, type } });
  expect(res.status).toBe(202);
  await settle();
}

async function newCaseWithContact(firm: TestFirm) {
  const admin = apiAs(firm.admin.token);
  const created = await admin.POST('/cases', { body: { title: 'Payroll 2026', ownerId: firm.staff.userId } });
  const email = `dora.${newId().toLowerCase()}@client.test`;
  const contact = await admin.POST('/contacts', { body: { name: 'Dora', email } });
  return { caseId: created.data!.caseId, contactId: contact.data!.contactId, email };
}

/** The case's deliveries to one recipient by email, newest event first. */
async function mailDeliveries(firm: TestFirm, caseId: string, recipientId: string) {
  const res = await apiAs(firm.staff.token).GET('/cases/{caseId}/deliveries', {
    params: { path: { caseId } },
  });
  expect(res.response.status).toBe(200);
  return res.data!.items.filter((d) => d.recipient.id === recipientId && d.channel === 'email');
}

describe('Bounces and complaints', () => {
  it('bounce → suppression with reason → address changed → mail again', async () => {
    // Prepare
    const firm = await newFirm();
    const admin = apiAs(firm.admin.token);
    const { caseId, contactId, email } = await newCaseWithContact(firm);

    // Act: the address bounces permanently
    await bounce(email, 'Permanent');

    // Assess: staff see it on the contact, with since and why
    const listed = await admin.GET('/contacts', {});
    const dora = listed.data!.items.find((c) => c.contactId === contactId)!;
    expect(dora.mail).toMatchObject({ status: 'unreachable', since: expect.any(String) });
    expect(dora.mail!.reason).toContain('550 5.1.1 user unknown');

    // Act: a grant mails an invitation (mandatory: access), which cannot arrive
    const granted = await admin.PUT('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId, contactId } },
      body: { role: 'viewer', canDownload: true, canUpload: false },
    });
    expect(granted.response.status).toBe(200);
    await settle();

    // Assess: nothing mailed; the delivery says unreachable, when and why
    expect(await mailTo(email)).toHaveLength(0);
    const [held] = await mailDeliveries(firm, caseId, contactId);
    expect(held).toMatchObject({ status: 'suppressed', reason: 'unreachable', type: 'invitation.sent' });
    expect(held!.detail).toContain(`Mail to ${email} bounced permanently on `);
    expect(held!.detail).toContain('550 5.1.1 user unknown');
    console.log(`bounce scenario: ${held!.status}/${held!.reason}: ${held!.detail}`);

    // Act: staff correct the address, then resend the invitation
    const fixed = `dora.fixed.${newId().toLowerCase()}@client.test`;
    const changed = await admin.PATCH('/contacts/{contactId}', {
      params: { path: { contactId } },
      body: { email: fixed.toUpperCase() },
    });
    expect(changed.response.status).toBe(200);
    expect(changed.data).toMatchObject({ contactId, email: fixed, name: 'Dora' });
    expect(changed.data!.mail).toBeUndefined();
    const resent = await admin.POST('/cases/{caseId}/grants/{contactId}/invitation', {
      params: { path: { caseId, contactId } },
    });
    expect(resent.response.status).toBe(202);
    await settle();

    // Assess: mail again, to the corrected address; the access list shows it too
    expect(await mailTo(fixed)).toHaveLength(1);
    expect(await mailTo(email)).toHaveLength(0);
    const [sent] = await mailDeliveries(firm, caseId, contactId);
    expect(sent).toMatchObject({ status: 'sent' });
    console.log(
      `bounce scenario: after PATCH /contacts/{id} {email}: ${sent!.status}, ${(await mailTo(fixed)).length} mail to the new address`,
    );
    const grants = await admin.GET('/cases/{caseId}/grants', { params: { path: { caseId } } });
    expect(grants.data!.items.find((g) => g.contactId === contactId)).toMatchObject({ contactEmail: fixed });
  });

  it('setting the same address again clears the mark (the person says it works now)', async () => {
    const firm = await newFirm();
    const admin = apiAs(firm.admin.token);
    const { contactId, email } = await newCaseWithContact(firm);
    await bounce(email, 'Permanent');

    const again = await admin.PATCH('/contacts/{contactId}', {
      params: { path: { contactId } },
      body: { email },
    });

    expect(again.response.status).toBe(200);
    expect(again.data!.mail).toBeUndefined();
    const listed = await admin.GET('/contacts', {});
    expect(listed.data!.items.find((c) => c.contactId === contactId)!.mail).toBeUndefined();
  });

  it('a transient bounce marks nothing', async () => {
    const firm = await newFirm();
    const { contactId, email } = await newCaseWithContact(firm);
    await bounce(email, 'Transient');
    const listed = await apiAs(firm.admin.token).GET('/contacts', {});
    expect(listed.data!.items.find((c) => c.contactId === contactId)!.mail).toBeUndefined();
  });

  it('a complaint stops every category that is not mandatory; a mandatory one is still mailed', async () => {
    // Prepare: the case owner (staff) is mailed of client uploads
    const firm = await newFirm();
    const { caseId, contactId } = await newCaseWithContact(firm);
    await recordClientUpload(firm, caseId, contactId);
    expect(await mailTo(firm.staff.email)).toHaveLength(1);

    // Act: the owner marks a mail as spam; another upload comes
    await bounce(firm.staff.email, 'Complaint');
    const second = await recordClientUpload(firm, caseId, contactId);

    // Assess: no mail, the in-app item still; the delivery says why
    expect(await mailTo(firm.staff.email)).toHaveLength(1);
    const inbox = await apiAs(firm.staff.token).GET('/inbox');
    expect(inbox.data!.items.map((i) => i.eventId)).toContain(second.eventId);
    const [held] = await mailDeliveries(firm, caseId, firm.staff.userId);
    expect(held).toMatchObject({ eventId: second.eventId, status: 'suppressed', reason: 'preference' });
    expect(held!.detail).toContain('reported a mail from us as spam');

    // Act: the firm makes documents mandatory; a third upload comes
    const matrix = await apiAs(firm.admin.token).GET('/settings/notifications');
    const saved = await apiAs(firm.admin.token).PUT('/settings/notifications', {
      body: { matrix: matrix.data!.matrix, mandatory: ['documents'] },
    });
    expect(saved.response.status).toBe(200);
    await recordClientUpload(firm, caseId, contactId);

    // Assess: mandatory news is mailed despite the complaint
    expect(await mailTo(firm.staff.email)).toHaveLength(2);
  });

  it('a contact on more cases than one transaction holds: every access list shows the new name and address', async () => {
    // Prepare: 110 cases, the contact granted on each (one transaction holds 96 grant copies).
    const firm = await newFirm();
    const admin = apiAs(firm.admin.token);
    const { caseId: first, contactId } = await newCaseWithContact(firm);
    const caseIds = [first];
    for (let batch = 0; batch < 11; batch++)
      caseIds.push(
        ...(await Promise.all(
          Array.from({ length: batch === 10 ? 9 : 10 }, async (_, i) => {
            const c = await admin.POST('/cases', { body: { title: `Engagement ${batch}-${i}` } });
            return c.data!.caseId;
          }),
        )),
      );
    for (let i = 0; i < caseIds.length; i += 10)
      await Promise.all(
        caseIds.slice(i, i + 10).map(async (caseId) => {
          const granted = await admin.PUT('/cases/{caseId}/grants/{contactId}', {
            params: { path: { caseId, contactId } },
            body: { role: 'viewer', canDownload: true },
          });
          expect(granted.response.status).toBe(200);
        }),
      );
    const email = `dora.new.${newId().toLowerCase()}@client.test`;

    // Act
    const patched = await admin.PATCH('/contacts/{contactId}', {
      params: { path: { contactId } },
      body: { name: 'Dora Renamed', email },
    });

    // Assess
    expect(patched.response.status).toBe(200);
    expect(caseIds).toHaveLength(110);
    const shown = await Promise.all(
      caseIds.map(async (caseId) => {
        const list = await apiAs(firm.staff.token).GET('/cases/{caseId}/grants', {
          params: { path: { caseId } },
        });
        const row = list.data!.items.find((g) => g.contactId === contactId)!;
        return `${row.contactName} <${row.contactEmail}>`;
      }),
    );
    expect(new Set(shown)).toEqual(new Set([`Dora Renamed <${email}>`]));
  }, 120_000);

  it("refuses an empty change (422), an unknown or another firm's contact (404) and a taken address (409), writing nothing", async () => {
    const firm = await newFirm();
    const admin = apiAs(firm.admin.token);
    const a = await newCaseWithContact(firm);
    const b = await newCaseWithContact(firm);

    const empty = await admin.PATCH('/contacts/{contactId}', {
      params: { path: { contactId: a.contactId } },
      body: {},
    });
    expect(empty.response.status).toBe(422);
    expect(problem(empty).code).toBe('contact_change_empty');
    const unknown = await admin.PATCH('/contacts/{contactId}', {
      params: { path: { contactId: newId() } },
      body: { name: 'X' },
    });
    expect(unknown.response.status).toBe(404);
    const other = await newFirm();
    const foreign = await apiAs(other.admin.token).PATCH('/contacts/{contactId}', {
      params: { path: { contactId: a.contactId } },
      body: { name: 'Taken over' },
    });
    expect(foreign.response.status).toBe(404);
    const taken = await admin.PATCH('/contacts/{contactId}', {
      params: { path: { contactId: a.contactId } },
      body: { email: b.email, name: 'Renamed' },
    });
    expect(taken.response.status).toBe(409);
    expect(problem(taken).code).toBe('contact_email_taken');
    const listed = await admin.GET('/contacts', {});
    expect(listed.data!.items.find((c) => c.contactId === a.contactId)).toMatchObject({
      email: a.email,
      name: 'Dora',
    });

    // The old address is free again after a move: another contact may take it
    const moved = await admin.PATCH('/contacts/{contactId}', {
      params: { path: { contactId: a.contactId } },
      body: { email: `moved.${newId().toLowerCase()}@client.test` },
    });
    expect(moved.response.status).toBe(200);
    const reuse = await admin.POST('/contacts', { body: { name: 'New', email: a.email } });
    expect(reuse.response.status).toBe(201);
  });
});
