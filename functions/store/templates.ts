// DynamoDB adapter of the TemplateStore: a firm's template overrides, one item per template × locale
// × channel in the firm's own TEMPLATES partition (one Query reads them all: the notify function does
// it once per event), and the firm's default locale (functions/store/firm-settings.ts).
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TemplateOverride, TemplateStore } from '../domain/templates';
import { decodeCursor, encodeCursor } from './cursor';
import { firmLocale } from './firm-settings';
import { Entity, templateOverrideKey, templateOverridesOfFirmPattern } from './keys';
import { queryAll, type Table, toItem } from './table';

export function templateStore(table: Table): TemplateStore {
  return {
    overridesOf: (firmId) =>
      queryAll<TemplateOverride>(table, templateOverridesOfFirmPattern(firmId), { consistent: true }),

    firmLocale: (firmId) => firmLocale(table, firmId),

    async saveOverride(firmId, o) {
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: toItem(
            templateOverrideKey(firmId, o.templateId, o.locale, o.channel),
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
          Key: templateOverrideKey(firmId, templateId, locale, channel),
        }),
      );
    },

    listTokens: {
      encode: (scope, position) => encodeCursor(table.cursorSecret, scope, position),
      decode: (scope, token) => decodeCursor(table.cursorSecret, scope, token),
    },
  };
}
