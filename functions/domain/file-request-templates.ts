// Request-list templates: a firm's reusable lists of items (subject, description, due in N days)
// that staff turn into a file request's items in one step. Saved whole under the firm's own id (a
// PUT: a retried save is the same save), read by staff, deleted by admins.
import type { DomainEvent } from '../events/catalogue';
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { activity } from './activity';
import { notFound, unprocessable } from './errors';
import type { NewItem } from './file-request-items';
import type { Clock, Ids, Page, PageRequest } from './ports';
import { type StaffPrincipal, staffActor } from './principal';

/** The firm's own id of a template: a safe slug (it names items and URLs). */
export const TEMPLATE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export const TemplateItem = lazySchema(() =>
  z.object({
    subject: z.string(),
    description: z.optional(z.string()),
    /** Due this many days after the day the request is made (absent: no due date). */
    dueInDays: z.optional(z.number().check(z.int())),
  }),
);

export const FileRequestTemplateView = lazySchema(() =>
  z.object({
    templateId: z.string(),
    name: z.string(),
    items: z.array(TemplateItem),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  }),
);
export type FileRequestTemplateView = z.output<typeof FileRequestTemplateView>;

export interface FileRequestTemplate extends FileRequestTemplateView {
  firmId: string;
}

export const TemplateDeletedView = lazySchema(() =>
  z.object({ templateId: z.string(), deleted: z.boolean() }),
);

export interface FileRequestTemplateStore {
  /** Creates or replaces the template with its event, in one transaction. */
  putTemplate(t: FileRequestTemplate, event: DomainEvent): Promise<void>;
  getTemplate(firmId: string, templateId: string): Promise<FileRequestTemplate | undefined>;
  /** The firm's templates by id. */
  listTemplates(firmId: string, page: PageRequest): Promise<Page<FileRequestTemplate>>;
  /** Deletes it with its event while it exists; false (nothing written) when it did not. */
  deleteTemplate(t: FileRequestTemplate, event: DomainEvent): Promise<boolean>;
}

export interface TemplateDeps {
  templates: FileRequestTemplateStore;
  clock: Clock;
  ids: Ids;
}

export const templateView = ({ firmId: _, ...view }: FileRequestTemplate): FileRequestTemplateView => view;

/** Field by field: a stored map comes back from the table with its keys in any order. */
const itemKey = (i: z.output<typeof TemplateItem>) => [i.subject, i.description ?? '', i.dueInDays ?? -1];
const sameContent = (a: FileRequestTemplate, b: Pick<FileRequestTemplate, 'name' | 'items'>) =>
  a.name === b.name && JSON.stringify(a.items.map(itemKey)) === JSON.stringify(b.items.map(itemKey));

/** Explicit save (create or replace); saving what is already stored writes nothing (a retried save). */
export async function putTemplate(
  deps: TemplateDeps,
  by: StaffPrincipal,
  templateId: string,
  input: { name: string; items: z.output<typeof TemplateItem>[] },
): Promise<FileRequestTemplateView> {
  const stored = await deps.templates.getTemplate(by.firmId, templateId);
  if (stored && sameContent(stored, input)) return templateView(stored);
  const now = deps.clock.now().toISOString();
  const t: FileRequestTemplate = {
    firmId: by.firmId,
    templateId,
    name: input.name,
    items: input.items,
    createdAt: stored?.createdAt ?? now,
    updatedAt: now,
    updatedBy: by.userId,
  };
  const event = activity(deps, 'filerequesttemplate.saved', { firmId: by.firmId }, staffActor(by), {
    templateId,
    name: t.name,
    items: t.items.length,
  });
  await deps.templates.putTemplate(t, event);
  return templateView(t);
}

export async function getTemplate(
  deps: Pick<TemplateDeps, 'templates'>,
  by: StaffPrincipal,
  templateId: string,
) {
  const t = await deps.templates.getTemplate(by.firmId, templateId);
  if (!t) throw notFound('file request template', 'file_request_template_not_found');
  return templateView(t);
}

export async function listTemplates(
  deps: Pick<TemplateDeps, 'templates'>,
  by: StaffPrincipal,
  page: PageRequest,
): Promise<Page<FileRequestTemplateView>> {
  const found = await deps.templates.listTemplates(by.firmId, page);
  return { ...found, items: found.items.map(templateView) };
}

/** Deletes a template (idempotent: a repeat answers `deleted: false`, no second event). */
export async function deleteTemplate(deps: TemplateDeps, by: StaffPrincipal, templateId: string) {
  const t = await deps.templates.getTemplate(by.firmId, templateId);
  if (!t) return { templateId, deleted: false };
  const event = activity(deps, 'filerequesttemplate.deleted', { firmId: by.firmId }, staffActor(by), {
    templateId,
    name: t.name,
  });
  return { templateId, deleted: await deps.templates.deleteTemplate(t, event) };
}

/** A template's items for a request made `today` (`YYYY-MM-DD`); 422 when the firm has no such template. */
export function itemsFromTemplate(t: FileRequestTemplate | undefined, today: string): NewItem[] {
  if (!t)
    throw unprocessable('file_request_template_unknown', 'The firm has no file request template by this id.');
  return t.items.map((i) => ({
    subject: i.subject,
    ...(i.description ? { description: i.description } : {}),
    ...(i.dueInDays !== undefined ? { dueDate: addDays(today, i.dueInDays) } : {}),
  }));
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
