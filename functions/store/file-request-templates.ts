// DynamoDB adapter of the request-list templates: items of the firm, listed by id; a save or a
// delete is written with its (firm-level) event in one transaction.
import type { FileRequestTemplate, FileRequestTemplateStore } from '../domain/file-request-templates';
import { Entity, fileRequestTemplateKey, fileRequestTemplatesOfFirmPattern } from './keys';
import { deleteWithEvent, getItem, putActivity, queryPage, type Table, toItem, transact } from './table';

export function fileRequestTemplateStore(table: Table): FileRequestTemplateStore {
  return {
    putTemplate: (t, event) =>
      transact(table, [
        {
          Put: {
            TableName: table.name,
            Item: toItem(fileRequestTemplateKey(t.firmId, t.templateId), Entity.fileRequestTemplate, t),
          },
        },
        putActivity(table, event),
      ]),
    getTemplate: (firmId, templateId) =>
      getItem<FileRequestTemplate>(table, fileRequestTemplateKey(firmId, templateId), { consistent: true }),
    listTemplates: (firmId, page) =>
      queryPage<FileRequestTemplate>(table, fileRequestTemplatesOfFirmPattern(firmId), page),
    deleteTemplate: (t, event) =>
      deleteWithEvent(table, fileRequestTemplateKey(t.firmId, t.templateId), event),
  };
}
