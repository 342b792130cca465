// A contact's email change withdraws the invitations pending to the old address (decision 0042):
// their links answer 410 `invitation_superseded`, nothing is mailed by the change itself, a resend
// goes to the new address, and the change's activity entry names the fields, not their values.
import { describe, expect, it } from 'vitest';
import { casePartition, deliveryKey, firmKey, invitationKey } from '../../functions/store/keys';
import { apiAs, problem } from './support/client';
import { invitationToken, mailTo } from './support/mail';
import { mintToken, newFirm, newId, partition, settle } from './support/stack';

const address = () => `client.${newId().toLowerCase()}@client.test`;

describe('Contacts: email change', () => {
  it('withdraws the pending invitation to the old address, mails nothing, and a resend reaches the new one', async () => {
    // Prepare: a contact invited to two cases (two pending invitations to the old address).
    const firm = await newFirm('Email Change Firm');
    const admin = apiAs(firm.admin.token);
    const [a, b] = await Promise.all([
      admin.POST('/cases', { body: { title: 'Case A' } }),
      admin.POST('/cases', { body: { title: 'Case B' } }),
    ]);
    const oldEmail = address();
    const contact = await admin.POST('/contacts', { body: { name: 'Ana Old', email: oldEmail } });
    const contactId = contact.data!.contactId;
    for (const c of [a, b]) {
      const granted = await admin.PUT('/cases/{caseId}/grants/{contactId}', {
        params: { path: { caseId: c.data!.caseId, contactId } },
        body: { role: 'viewer', canDownload: true },
      });
      expect(granted.response.status).toBe(200);
    }
    const oldToken = await invitationToken(oldEmail);
    const mailsBefore = (await mailTo(oldEmail)).length;

    // Act
    const newEmail = address();
    const changed = await admin.PATCH('/contacts/{contactId}', {
      params: { path: { contactId } },
      body: { email: newEmail },
    });
    const again = await admin.PATCH('/contacts/{contactId}', {
      params: { path: { contactId } },
      body: { email: newEmail },
    });
    await settle();

    // Assess: the change answered, and its repeat too (same answer).
    expect(changed.response.status).toBe(200);
    expect(changed.data!.email).toBe(newEmail);
    expect(again.data).toEqual(changed.data);
    // Both invitations are withdrawn, in the table and at the link.
    for (const c of [a, b]) {
      const key = invitationKey(firm.firmId, c.data!.caseId, contactId);
      const inv = (await partition(key.PK)).find((i) => i.SK === key.SK);
      expect(inv?.withdrawnAt).toEqual(expect.any(String));
    }
    const opened = await apiAs().POST('/portal/invitations/open', { body: { token: oldToken } });
    expect(opened.response.status).toBe(410);
    expect(problem(opened).code).toBe('invitation_superseded');
    const identity = await mintToken({ sub: `identity-${newId()}`, email: oldEmail, email_verified: true });
    const accepted = await apiAs(identity).POST('/portal/invitations/accept', { body: { token: oldToken } });
    expect(accepted.response.status).toBe(410);
    expect(problem(accepted).code).toBe('invitation_superseded');
    // Nothing was mailed by the change, to either address.
    expect(await mailTo(oldEmail)).toHaveLength(mailsBefore);
    expect(await mailTo(newEmail)).toHaveLength(0);
    // One entry for the change (the repeat wrote none), naming fields, not the addresses.
    const trail = await partition(`${firmKey(firm.firmId).PK}#TRAIL`);
    const updates = trail.filter((e) => e.type === 'contact.updated');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.detail).toEqual({ contactId, changed: ['email'], invitationsWithdrawn: 2 });
    expect(JSON.stringify(updates[0])).not.toContain(newEmail);

    // A resend makes a new invitation, mailed to the new address, that opens.
    const resent = await admin.POST('/cases/{caseId}/grants/{contactId}/invitation', {
      params: { path: { caseId: a.data!.caseId, contactId } },
    });
    expect(resent.response.status).toBeLessThan(300);
    const newToken = await invitationToken(newEmail, 1);
    const reopened = await apiAs().POST('/portal/invitations/open', { body: { token: newToken } });
    expect(reopened.response.status).toBe(200);
  });

  it('mails nothing when the email changes before the invitation went out, and leaves no delivery pending', async () => {
    // Prepare: a grant whose invitation.sent event has not reached notify yet.
    const firm = await newFirm('Early Change Firm');
    const admin = apiAs(firm.admin.token);
    const c = await admin.POST('/cases', { body: { title: 'Case' } });
    const caseId = c.data!.caseId;
    const oldEmail = address();
    const contact = await admin.POST('/contacts', { body: { name: 'Di Early', email: oldEmail } });
    const contactId = contact.data!.contactId;
    await admin.PUT('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId, contactId } },
      body: { role: 'viewer', canDownload: true },
    });

    // Act
    const newEmail = address();
    const changed = await admin.PATCH('/contacts/{contactId}', {
      params: { path: { contactId } },
      body: { email: newEmail },
    });
    await settle();

    // Assess: the withdrawn invitation is mailed to nobody, and notify is not left retrying it.
    expect(changed.response.status).toBe(200);
    expect(await mailTo(oldEmail)).toEqual([]);
    expect(await mailTo(newEmail)).toEqual([]);
    const sent = (await partition(casePartition(firm.firmId, caseId))).find(
      (i) => i.type === 'invitation.sent',
    );
    const deliveries = await partition(deliveryKey(firm.firmId, String(sent!.eventId), 'x', 'email').PK);
    expect(deliveries.filter((d) => d.status === 'pending')).toEqual([]);
  });

  it('withdraws nothing when only the name changes', async () => {
    const firm = await newFirm('Name Change Firm');
    const admin = apiAs(firm.admin.token);
    const c = await admin.POST('/cases', { body: { title: 'Case' } });
    const email = address();
    const contact = await admin.POST('/contacts', { body: { name: 'Bo Before', email } });
    const contactId = contact.data!.contactId;
    await admin.PUT('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId: c.data!.caseId, contactId } },
      body: { role: 'viewer', canDownload: true },
    });
    const token = await invitationToken(email);

    const renamed = await admin.PATCH('/contacts/{contactId}', {
      params: { path: { contactId } },
      body: { name: 'Bo After' },
    });

    expect(renamed.response.status).toBe(200);
    const opened = await apiAs().POST('/portal/invitations/open', { body: { token } });
    expect(opened.response.status).toBe(200);
  });
});
