// Lambda entry: DynamoDB stream of the table → Portico's event bus.
import { eventBridge } from '../clients/eventbridge';
import { loadConfig } from '../config';
import { publisher } from '../events/publisher';

const config = loadConfig(['EVENT_BUS_NAME']);
export const handler = publisher({ eventBridge, busName: config.EVENT_BUS_NAME });
