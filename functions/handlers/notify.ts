// Lambda entry: domain events from the bus (EventBridge envelope, `detail` = the DomainEvent) →
// notification policy → deliveries (inbox items, SES mail), exactly once each.
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { EventBridgeEvent } from 'aws-lambda';
import { documentClient } from '../clients/dynamodb';
import { eventBridge } from '../clients/eventbridge';
import { secretsManager } from '../clients/secrets-manager';
import { ses, sesMailer } from '../clients/ses';
import { loadConfig } from '../config';
import { parseMailFeedback, recordMailFeedback } from '../domain/mail-addresses';
import { systemClock } from '../domain/ports';
import { DomainEventSchema, EVENT_SOURCE } from '../events/catalogue';
import { log } from '../log';
import { measuredDeliveries } from '../metrics';
import { notifyAdapters } from '../notify/adapters';
import { DEFAULT_LEASE_MS, notifier } from '../notify/core';
import { policies } from '../notify/policies';
import { firmTexts } from '../notify/texts';
import { deliverRequeuingThrottled, throttleRetrying } from '../notify/throttling';
import { webPusher } from '../notify/web-pusher';
import { observed } from '../observed';
import { vapidKeySecret } from '../secrets/vapid-keys';
import type { Table } from '../store/table';
import { ulidIds } from '../wiring/ids';

const config = loadConfig(['TABLE_NAME', 'SENDER_EMAIL', 'APP_URL', 'PORTAL_URL', 'EVENT_BUS_NAME']);
/** Throttled mail retries in place this long per invocation: a third of the 30 s timeout. */
const THROTTLE_BUDGET_MS = loadConfig(['NOTIFY_THROTTLE_BUDGET_MS']).NOTIFY_THROTTLE_BUDGET_MS ?? 10_000;
/** Set at the start of each invocation: after it, a throttled send fails at once (decision 0022). */
let throttleDeadline = 0;
// Notify lists nothing, so it issues no pagination tokens and needs no cursor secret.
const table: Table = { client: documentClient, name: config.TABLE_NAME, cursorSecret: '' };

const adapters = notifyAdapters(table, { appUrl: config.APP_URL, portalUrl: config.PORTAL_URL });
// Each recorded outcome is also counted (sent / suppressed by reason / failed, per channel).
const deliveries = measuredDeliveries(adapters.deliveries);

const notify = notifier({
  deliveries,
  inbox: adapters.inbox,
  mailer: throttleRetrying(
    sesMailer(ses, config.SENDER_EMAIL, loadConfig(['MAIL_CONFIGURATION_SET']).MAIL_CONFIGURATION_SET),
    { deadline: () => throttleDeadline },
  ),
  policies,
  gate: { ...adapters.gate, suppressions: deliveries },
  // Emails of the categories the firm digests wait in windows; the digests function mails them.
  digests: adapters.digests,
  // Every in-app notice also goes to the recipient's registered browsers (web push).
  pusher: webPusher({
    subscriptions: adapters.pushSubscriptions,
    vapid: vapidKeySecret(secretsManager(), loadConfig(['VAPID_SECRET_ARN']).VAPID_SECRET_ARN),
    subject: `mailto:${config.SENDER_EMAIL}`,
    pushServices: loadConfig(['PUSH_SERVICES']).PUSH_SERVICES,
    clock: systemClock,
  }),
  ports: adapters.ports,
  // Per event: the firm's template overrides are read once, on the event's first render.
  texts: (firmId) => firmTexts(adapters.templates, firmId),
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
    if (event.source === 'aws.ses') {
      // SES bounce and complaint events (the MailFeedbackToNotify rule): rare, small, and about the
      // addresses notify mails, so they are handled here rather than by a function of their own.
      const marked = await recordMailFeedback(adapters.mailAddresses, parseMailFeedback(event.detail));
      log.info('mail feedback recorded', {
        id: event.id,
        type: event['detail-type'],
        addresses: marked.length,
      });
      return;
    }
    const parsed = DomainEventSchema.safeParse(event.detail);
    if (!parsed.success) {
      // Throwing sends the event to retries and then the DLQ, where it can be inspected and redriven.
      // Where it fails and how (zod's issue codes: this bundle carries no English messages), never a value.
      const where = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(detail)'}: ${i.code}`)
        .join('; ');
      throw new Error(`event ${event.id} (${event['detail-type']}) does not match the catalogue: ${where}`);
    }
    throttleDeadline = Date.now() + THROTTLE_BUDGET_MS;
    // Failed deliveries throw after the others were made: the retry delivers only what is left. Mail
    // SES throttled goes back on the bus instead (the DLQ is for failures, not for a send rate).
    await deliverRequeuingThrottled(() => notify(parsed.data), parsed.data, {
      now: () => new Date(),
      put: async (e) => {
        const res = await eventBridge.send(
          new PutEventsCommand({
            Entries: [
              {
                EventBusName: config.EVENT_BUS_NAME,
                Source: EVENT_SOURCE,
                DetailType: e.type,
                Time: new Date(e.occurredAt),
                Detail: JSON.stringify(e),
              },
            ],
          }),
        );
        // Not put back: thrown, so Lambda's retries (then the DLQ) still hold the event.
        if (res.FailedEntryCount) throw new Error(`event ${e.eventId} could not be put back on the bus`);
      },
    });
  },
);
