// Lambda entry: domain events from the bus → notification policy → deliveries.
// Foundation: events are validated against the catalogue; no event type has a notification
// policy yet, so nothing is delivered. The Client Connect issue adds the policy and channels.
import type { EventBridgeEvent } from 'aws-lambda';
import { DomainEventSchema } from '../events/catalogue';
import { log } from '../log';

export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const parsed = DomainEventSchema.safeParse(event.detail);
  if (!parsed.success) {
    // Throwing sends the event to retries and then the DLQ, where it can be inspected and redriven.
    throw new Error(`event ${event.id} (${event['detail-type']}) does not match the catalogue`);
  }
  log.info('no notification policy for this event type', { eventId: parsed.data.eventId, type: parsed.data.type });
};
