// DynamoDB adapter of the TemplateStore: a firm's template overrides, one item per template × locale
// × channel in the firm's own TEMPLATES partition (one Query reads them all: the notify function does
// it once per event), and the firm's default locale from the firm item.
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TemplateOverride, TemplateStore } from '../domain/templates';
import { decodeCursor, encodeCursor } from './cursor';
import { Entity, keys, patterns } from './keys';
import { queryAll, type Table, toItem } from './table';

export function templateStore(table: Table): TemplateStore {
  return {
    overridesOf: (firmId) =>
      queryAll<TemplateOverride>(table, patterns.templateOverridesOfFirm(firmId), { consistent: true }),

    async firmLocale(firmId) {
      const res = await table.client.send(
        new GetCommand({ TableName: table.name, Key: keys.firm(firmId), ProjectionExpression: 'locale' }),
      );
      const locale = res.Item?.locale;
      return typeof locale === 'string' ? locale : undefined;
    },

    async saveOverride(firmId, o) {
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: toItem(
            keys.templateOverride(firmId, o.templateId, o.locale, o.channel),
            Entity.templateOverride,
            o,
          ),
        }),
      );
    },

    async deleteOverride(firmId, templateId, locale, channel) {
      await table.client.send(
        new DeleteCommand({
          TableName: table.name,
          Key: keys.templateOverride(firmId, templateId, locale, channel),
        }),
      );
    },

    listTokens: {
      encode: (scope, position) => encodeCursor(table.cursorSecret, scope, position),
      decode: (scope, token) => decodeCursor(table.cursorSecret, scope, token),
    },
  };
}
