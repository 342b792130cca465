// Lambda entry: domain events from the bus (EventBridge envelope, `detail` = the DomainEvent) →
// notification policy → deliveries (inbox items, SES mail), exactly once each.
import type { EventBridgeEvent } from 'aws-lambda';
import { documentClient } from '../clients/dynamodb';
import { ses, sesMailer } from '../clients/ses';
import { loadConfig } from '../config';
import { effectiveMatrix } from '../domain/notification-matrix';
import { systemClock } from '../domain/ports';
import { type PreferenceOwner, preferenceOwnerId } from '../domain/preferences';
import { DomainEventSchema } from '../events/catalogue';
import { measuredDeliveries } from '../metrics';
import { DEFAULT_LEASE_MS, notifier } from '../notify/core';
import { policies } from '../notify/policies';
import { firmTexts } from '../notify/texts';
import { webPusher } from '../notify/web-pusher';
import { policyPorts } from '../notify/wiring';
import { observed } from '../observed';
import { deliveryStore } from '../store/deliveries';
import { digestSink } from '../store/digests';
import { inboxWriter } from '../store/inbox';
import { matrixStore } from '../store/notification-matrix';
import { preferenceStore } from '../store/preferences';
import { pushSubscriptionStore, vapidKeyStore } from '../store/push-subscriptions';
import type { Table } from '../store/table';
import { templateStore } from '../store/templates';
import { ulidIds } from '../wiring/ids';

const config = loadConfig(['TABLE_NAME', 'SENDER_EMAIL', 'APP_URL', 'PORTAL_URL']);
// Notify lists nothing, so it issues no pagination tokens and needs no cursor secret.
const table: Table = { client: documentClient, name: config.TABLE_NAME, cursorSecret: '' };

// Each recorded outcome is also counted (sent / suppressed by reason / failed, per channel).
const deliveries = measuredDeliveries(deliveryStore(table));
const matrices = matrixStore(table);
const preferences = preferenceStore(table);
const templates = templateStore(table);

const notify = notifier({
  deliveries,
  inbox: inboxWriter(table),
  mailer: sesMailer(ses, config.SENDER_EMAIL),
  policies,
  gate: {
    matrixOf: async (firmId) => effectiveMatrix(await matrices.getMatrix(firmId)),
    // Staff preferences live in the firm; a contact's follow its portal identity (none before it has one).
    preferencesOf: async (recipients) => {
      const owned = recipients.flatMap((r): [string, PreferenceOwner][] =>
        r.kind === 'staff'
          ? [[`staff-${r.id}`, { kind: 'staff', firmId: r.firmId, userId: r.id }]]
          : r.identityId
            ? [[`contact-${r.id}`, { kind: 'contact', identityId: r.identityId }]]
            : [],
      );
      const saved = await preferences.getManyPreferences(owned.map(([, o]) => o));
      return new Map(
        owned.flatMap(([id, o]) => {
          const p = saved.get(preferenceOwnerId(o));
          return p ? [[id, p] as const] : [];
        }),
      );
    },
    suppressions: deliveries,
  },
  // Emails of the categories the firm digests wait in windows; the digests function mails them.
  digests: digestSink(table),
  // Every in-app notice also goes to the recipient's registered browsers (web push).
  pusher: webPusher({
    subscriptions: pushSubscriptionStore(table),
    vapid: vapidKeyStore(table),
    subject: `mailto:${config.SENDER_EMAIL}`,
    pushServices: loadConfig(['PUSH_SERVICES']).PUSH_SERVICES,
    clock: systemClock,
  }),
  ports: policyPorts(table, { appUrl: config.APP_URL, portalUrl: config.PORTAL_URL }),
  // Per event: the firm's template overrides are read once, on the event's first render.
  texts: (firmId) => firmTexts(templates, firmId),
  clock: systemClock,
  ids: ulidIds,
  leaseMs: loadConfig(['NOTIFY_LEASE_MS']).NOTIFY_LEASE_MS ?? DEFAULT_LEASE_MS,
});

/** The event's own correlation id (the request that caused it), else the bus event's id. */
const correlationOf = (event: EventBridgeEvent<string, unknown>) => {
  const carried = (event.detail as { correlationId?: unknown } | null)?.correlationId;
  return typeof carried === 'string' ? carried : event.id;
};

export const handler = observed(
  'notify',
  correlationOf,
  async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
    const parsed = DomainEventSchema.safeParse(event.detail);
    if (!parsed.success) {
      // Throwing sends the event to retries and then the DLQ, where it can be inspected and redriven.
      throw new Error(`event ${event.id} (${event['detail-type']}) does not match the catalogue`);
    }
    // Failed deliveries throw after the others were made: the retry delivers only what is left.
    await notify(parsed.data);
  },
);
