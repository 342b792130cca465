// Policy of `filerequest.created`: each recipient gets the request in-app (once it has a portal
// identity) and by email: subject, then description and additional message flattened into ONE
// paragraph (notifications carry no formatting or line breaks), the due date, a request list's items,
// and a link to upload.
import { displayName } from '../../domain/names';
import { requestParagraph } from '../../domain/plain-text';
import type { Policy } from '../policy';
import { portalPath, toEach } from './case-people';

export const fileRequestCreatedPolicy: Policy<'filerequest.created'> = async (event, ctx) => {
  if (!event.caseId) return [];
  const ports = ctx.ports.caseActivity;
  const [r, contacts, portal] = await Promise.all([
    ports.fileRequest(event.firmId, event.caseId, event.detail.requestId),
    ports.contactsOf(event.firmId, event.caseId, event.detail.contactIds),
    ports.portalUrl(event.firmId),
  ]);
  if (r?.status !== 'open') return [];
  const vars = {
    requesterName: r.createdBy.name,
    subject: r.subject,
    // The firm's words to the client, flattened: a value, never part of the template.
    request: requestParagraph(r.description, r.additionalMessage),
    kind: r.document ? 'update' : 'new',
    documentName: r.document ? displayName(r.document.name) : '',
    hasDueDate: r.dueDate ? 'yes' : 'no',
    dueDate: r.dueDate ?? '',
    // A request list names its items in the mail (0: one upload fulfils the request).
    items: r.items?.length ?? 0,
    itemList: r.items?.map((i) => i.subject).join('; ') ?? '',
  };
  const link = portalPath(portal, 'cases', event.caseId, 'file-requests', r.requestId);
  return toEach(contacts, event.actor.id, (c) => ctx.texts.render('filerequest.created', c, vars, { link }));
};
