// Lambda entry: domain events from the bus (EventBridge envelope, `detail` = the DomainEvent) →
// notification policy → deliveries (inbox items, SES mail), exactly once each.
import type { EventBridgeEvent } from 'aws-lambda';
import { documentClient } from '../clients/dynamodb';
import { ses, sesMailer } from '../clients/ses';
import { loadConfig } from '../config';
import { systemClock } from '../domain/ports';
import { DomainEventSchema } from '../events/catalogue';
import { notifier } from '../notify/core';
import { policies } from '../notify/policies';
import { policyPorts } from '../notify/wiring';
import { deliveryStore } from '../store/deliveries';
import { inboxWriter } from '../store/inbox';
import type { Table } from '../store/table';
import { ulidIds } from '../wiring/ids';

const config = loadConfig(['TABLE_NAME', 'SENDER_EMAIL', 'APP_URL', 'PORTAL_URL']);
// Notify lists nothing, so it issues no pagination tokens and needs no cursor secret.
const table: Table = { client: documentClient, name: config.TABLE_NAME, cursorSecret: '' };

const notify = notifier({
  deliveries: deliveryStore(table),
  inbox: inboxWriter(table),
  mailer: sesMailer(ses, config.SENDER_EMAIL),
  policies,
  ports: policyPorts(table, { appUrl: config.APP_URL, portalUrl: config.PORTAL_URL }),
  clock: systemClock,
  ids: ulidIds,
});

export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const parsed = DomainEventSchema.safeParse(event.detail);
  if (!parsed.success) {
    // Throwing sends the event to retries and then the DLQ, where it can be inspected and redriven.
    throw new Error(`event ${event.id} (${event['detail-type']}) does not match the catalogue`);
  }
  // Failed deliveries throw after the others were made: the retry delivers only what is left.
  await notify(parsed.data);
};
