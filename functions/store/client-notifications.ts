// DynamoDB adapter of the ClientNotificationStore port: two attributes of the firm item, read and
// set without touching the firm's other settings (other routes own those).
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientNotificationSettings, ClientNotificationStore } from '../domain/client-notifications';
import { notFound } from '../domain/errors';
import { keys } from './keys';
import type { Table } from './table';

export function clientNotificationStore(table: Table): ClientNotificationStore {
  return {
    async get(firmId) {
      const res = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: keys.firm(firmId),
          ConsistentRead: true,
          ProjectionExpression: 'firmId, showMessageContext, taskReminders',
        }),
      );
      if (!res.Item) return undefined;
      const { showMessageContext, taskReminders } = res.Item as Partial<ClientNotificationSettings>;
      return {
        ...(showMessageContext !== undefined ? { showMessageContext } : {}),
        ...(taskReminders ? { taskReminders } : {}),
      };
    },
    async save(firmId, settings) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: keys.firm(firmId),
            UpdateExpression: 'SET showMessageContext = :show, taskReminders = :reminders',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: {
              ':show': settings.showMessageContext,
              ':reminders': settings.taskReminders,
            },
          }),
        );
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') throw notFound('firm');
        throw err;
      }
    },
  };
}
