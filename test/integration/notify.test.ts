// The notify function on the local stack: an activity entry written to the table travels stream →
// bus → notify, which delivers inbox items and mail exactly once per event × recipient × channel.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../functions/events/catalogue';
import { activityKey, deliveriesOfEventPattern } from '../../functions/store/keys';
import { toItem } from '../../functions/store/table';
import { apiAs } from './support/client';
import { mailTo } from './support/mail';
import { call, newFirm, newId, partition, settle, type TestFirm, table, urls } from './support/stack';

const eventBridge = new EventBridgeClient({
  endpoint: urls.env.AWS_ENDPOINT_URL_EVENTBRIDGE,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

async function setup(firm: TestFirm, recipients?: { userId: string; inApp: boolean; email: boolean }[]) {
  const created = await apiAs(firm.admin.token).POST('/cases', {
    body: { title: 'Tax return <2025>', ownerId: firm.staff.userId },
  });
  const caseId = created.data!.caseId;
  const contact = await apiAs(firm.admin.token).POST('/contacts', {
    body: { name: 'Carla & Co', email: `carla.${newId().toLowerCase()}@client.test` },
  });
  if (recipients) {
    const put = await apiAs(firm.admin.token).PUT('/cases/{caseId}/recipients', {
      params: { path: { caseId } },
      body: { recipients },
    });
    expect(put.response.status).toBe(200);
  }
  return { caseId, contactId: contact.data!.contactId };
}

function uploaded(
  firm: TestFirm,
  caseId: string,
  contactId: string,
  source: 'client' | 'firm',
  name: string,
) {
  return {
    type: 'document.uploaded',
    eventId: newId(),
    firmId: firm.firmId,
    caseId,
    actor:
      source === 'client' ? { kind: 'contact', id: contactId } : { kind: 'staff', id: firm.staff.userId },
    occurredAt: new Date().toISOString(),
    detail: {
      documentId: newId(),
      name,
      contentType: 'application/pdf',
      size: 1234,
      source,
      version: 1,
      ...(source === 'client' ? { contactId } : {}),
    },
  } satisfies DomainEvent;
}

/** Records the event the way ingest does: an activity entry, which the stream carries to the bus. */
async function record(event: DomainEvent) {
  await table.client.send(
    new PutCommand({
      TableName: table.name,
      Item: toItem(activityKey(event.firmId, event.caseId, event.eventId), 'activity', event),
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
  await settle();
}

async function inbox(token: string) {
  const list = await apiAs(token).GET('/inbox');
  const count = await apiAs(token).GET('/inbox/unread-count');
  return { items: list.data!.items, unread: count.data!.unread };
}

describe('Function: notify', () => {
  it('tells the internal recipients of a client upload by their toggles, exactly once even when the event repeats', async () => {
    // Prepare: owner in-app + email, staff2 email only, admin off
    const firm = await newFirm();
    const { caseId, contactId } = await setup(firm, [
      { userId: firm.staff.userId, inApp: true, email: true },
      { userId: firm.staff2.userId, inApp: false, email: true },
    ]);
    const event = uploaded(firm, caseId, contactId, 'client', 'statement <Q3> & notes.pdf');

    // Act
    await record(event);

    // Assess: the owner's inbox
    const owner = await inbox(firm.staff.token);
    expect(owner.unread).toBe(1);
    expect(owner.items).toHaveLength(1);
    expect(owner.items[0]).toMatchObject({
      firmId: firm.firmId,
      caseId,
      eventId: event.eventId,
      type: 'document.uploaded',
      title: 'New client upload',
      body: 'Carla & Co uploaded statement <Q3> & notes.pdf to Tax return <2025>',
      link: `http://localhost:5173/app/cases/${caseId}/documents`,
    });
    expect(await inbox(firm.staff2.token)).toEqual({ items: [], unread: 0 });
    expect(await inbox(firm.admin.token)).toEqual({ items: [], unread: 0 });

    // Assess: mail to both, text and escaped HTML with the link
    const [ownerMail, ...moreOwnerMail] = await mailTo(firm.staff.email);
    expect(moreOwnerMail).toEqual([]);
    expect(ownerMail).toMatchObject({
      from: 'no-reply@portico.local',
      subject: 'Carla & Co uploaded statement <Q3> & notes.pdf',
    });
    expect(ownerMail!.body.text).toContain(
      'Carla & Co uploaded statement <Q3> & notes.pdf to Tax return <2025>',
    );
    expect(ownerMail!.body.text).toContain(`/cases/${caseId}/documents`);
    expect(ownerMail!.body.html).toContain('Carla &amp; Co uploaded statement &lt;Q3&gt; &amp; notes.pdf');
    expect(ownerMail!.body.html).not.toContain('<Q3>');
    expect(ownerMail!.body.html).toContain(`href="http://localhost:5173/app/cases/${caseId}/documents"`);
    expect(await mailTo(firm.staff2.email)).toHaveLength(1);
    expect(await mailTo(firm.admin.email)).toHaveLength(0);

    // Assess: one delivery record per recipient × channel, all sent, with a TTL
    const deliveries = await partition(deliveriesOfEventPattern(firm.firmId, event.eventId).pk);
    expect(deliveries.map((d) => [d.recipient, d.channel, d.status, d.attempts]).sort()).toEqual(
      [
        [`staff-${firm.staff.userId}`, 'email', 'sent', 1],
        [`staff-${firm.staff.userId}`, 'inApp', 'sent', 1],
        [`staff-${firm.staff2.userId}`, 'email', 'sent', 1],
      ].sort(),
    );
    for (const d of deliveries) expect(d.expiresAt).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);

    // Act: the same event published again (a duplicate from the bus)
    await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'portico-events',
            Source: 'portico',
            DetailType: event.type,
            Detail: JSON.stringify(event),
          },
        ],
      }),
    );
    await settle();

    // Assess: nothing new anywhere
    expect(await inbox(firm.staff.token)).toEqual(owner);
    expect(await mailTo(firm.staff.email)).toHaveLength(1);
    expect(await mailTo(firm.staff2.email)).toHaveLength(1);
    const after = await partition(deliveriesOfEventPattern(firm.firmId, event.eventId).pk);
    expect(after.map((d) => d.attempts)).toEqual([1, 1, 1]);
  });

  it('tells the case owner in-app and by email when no list was saved', async () => {
    const firm = await newFirm();
    const { caseId, contactId } = await setup(firm);
    await record(uploaded(firm, caseId, contactId, 'client', 'payslips.zip'));
    const owner = await inbox(firm.staff.token);
    expect(owner.unread).toBe(1);
    expect(owner.items[0]?.body).toBe('Carla & Co uploaded payslips.zip to Tax return <2025>');
    expect(await mailTo(firm.staff.email)).toHaveLength(1);
    expect(await inbox(firm.admin.token)).toEqual({ items: [], unread: 0 });
  });

  it('tells nobody of a firm upload', async () => {
    const firm = await newFirm();
    const { caseId, contactId } = await setup(firm);
    const event = uploaded(firm, caseId, contactId, 'firm', 'engagement-letter.pdf');
    await record(event);
    expect(await inbox(firm.staff.token)).toEqual({ items: [], unread: 0 });
    expect(await mailTo(firm.staff.email)).toHaveLength(0);
    expect(await partition(deliveriesOfEventPattern(firm.firmId, event.eventId).pk)).toEqual([]);
  });

  it('sends an event that does not match the catalogue to the dead-letter queue, untouched', async () => {
    const firm = await newFirm();
    const { caseId, contactId } = await setup(firm);
    const bad = { ...uploaded(firm, caseId, contactId, 'client', 'x.pdf'), detail: { name: 'x.pdf' } };
    await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'portico-events',
            Source: 'portico',
            DetailType: bad.type,
            Detail: JSON.stringify(bad),
          },
        ],
      }),
    );
    await settle();
    // A /local dev route, not in the document: the untyped helper.
    const dlq = await call('GET', '/local/dlq/notify');
    const letter = dlq.body.items.find(
      (l: { event: { detail: { eventId: string } } }) => l.event.detail.eventId === bad.eventId,
    );
    expect(letter).toBeDefined();
    // The operator reads where the detail fails and how, by zod's issue code; no value is echoed.
    expect(letter.error).toContain('does not match the catalogue: ');
    expect(letter.error).toContain('detail.documentId: invalid_type');
    expect(letter.error).not.toContain('x.pdf');
    expect(await inbox(firm.staff.token)).toEqual({ items: [], unread: 0 });
  });
});
