// The EventBridge client, created once per container. Endpoint: AWS_ENDPOINT_URL_EVENTBRIDGE.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

export const eventBridge = new EventBridgeClient({});
