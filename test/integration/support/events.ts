// Domain events recorded the way the producers do: an activity entry the table stream carries to
// the publisher, the bus and notify. For tests of notify that need an event without its whole flow.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../../functions/events/catalogue';
import { activityKey } from '../../../functions/store/keys';
import { toItem } from '../../../functions/store/table';
import { newId, settle, type TestFirm, table } from './stack';

/** A client upload as ingest records it, delivered through stream → bus → notify before it returns. */
export async function recordClientUpload(
  firm: Pick<TestFirm, 'firmId'>,
  caseId: string,
  contactId: string,
  name = 'payslips.pdf',
): Promise<Extract<DomainEvent, { type: 'document.uploaded' }>> {
  const event = {
    type: 'document.uploaded',
    eventId: newId(),
    firmId: firm.firmId,
    caseId,
    actor: { kind: 'contact', id: contactId },
    occurredAt: new Date().toISOString(),
    detail: {
      documentId: newId(),
      name,
      contentType: 'application/pdf',
      size: 10,
      source: 'client',
      version: 1,
      contactId,
    },
  } satisfies DomainEvent;
  await table.client.send(
    new PutCommand({
      TableName: table.name,
      Item: toItem(activityKey(event.firmId, event.caseId, event.eventId), 'activity', event),
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
  await settle();
  return event;
}
