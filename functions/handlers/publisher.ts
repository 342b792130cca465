// Lambda entry: DynamoDB stream of the table → Portico's event bus.
import { eventBridge } from '../clients/eventbridge';
import { loadConfig } from '../config';
import { publisher } from '../events/publisher';
import { observed } from '../observed';

const config = loadConfig(['EVENT_BUS_NAME']);
// A batch of stream records has no single correlation id: each event carries its own on to the bus.
export const handler = observed(
  'publisher',
  () => undefined,
  publisher({ eventBridge, busName: config.EVENT_BUS_NAME }),
);
