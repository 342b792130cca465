// The shipped templates, one module per area. Ids are unique (the unit tests check it), and every
// notifying event type has at least one template.
import { accessTemplates } from './access';
import { clientDocumentTemplates } from './client-documents';
import { discussionTemplates } from './discussions';
import { documentTemplates } from './documents';
import { fileRequestReminderTemplates } from './file-request-reminders';
import { fileRequestTemplates } from './file-requests';
import { taskTemplates } from './tasks';
import type { TemplateDef, TemplateId } from './template';

export const TEMPLATES: TemplateDef[] = [
  ...documentTemplates,
  ...clientDocumentTemplates,
  ...fileRequestTemplates,
  ...discussionTemplates,
  ...taskTemplates,
  ...accessTemplates,
  ...fileRequestReminderTemplates,
];

const byId = new Map(TEMPLATES.map((t) => [t.id, t]));

export const templateById = (id: TemplateId): TemplateDef | undefined => byId.get(id);
