// DynamoDB adapter of the request-list templates: items of the firm, listed by id; a save or a
// delete is written with its (firm-level) event in one transaction.
import type { FileRequestTemplate, FileRequestTemplateStore } from '../domain/file-request-templates';
import { Entity, keys, patterns } from './keys';
import { deleteWithEvent, getItem, putActivity, queryPage, type Table, toItem, transact } from './table';

export function fileRequestTemplateStore(table: Table): FileRequestTemplateStore {
  return {
    putTemplate: (t, event) =>
      transact(table, [
        {
          Put: {
            TableName: table.name,
            Item: toItem(keys.fileRequestTemplate(t.firmId, t.templateId), Entity.fileRequestTemplate, t),
          },
        },
        putActivity(table, event),
      ]),
    getTemplate: (firmId, templateId) =>
      getItem<FileRequestTemplate>(table, keys.fileRequestTemplate(firmId, templateId), { consistent: true }),
    listTemplates: (firmId, page) =>
      queryPage<FileRequestTemplate>(table, patterns.fileRequestTemplatesOfFirm(firmId), page),
    deleteTemplate: (t, event) =>
      deleteWithEvent(table, keys.fileRequestTemplate(t.firmId, t.templateId), event),
  };
}
