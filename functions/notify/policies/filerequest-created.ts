// Policy of `filerequest.created`: each recipient gets the request in-app (once it has a portal
// identity) and by email: subject, then description and additional message flattened into ONE
// paragraph (notifications carry no formatting or line breaks), the due date, and a link to upload.
import { requestParagraph } from '../../domain/plain-text';
import type { Policy } from '../policy';
import { oneLine } from '../render';
import { notice, portalPath, toEach } from './case-people';

export const fileRequestCreatedPolicy: Policy<'filerequest.created'> = async (event, ctx) => {
  if (!event.caseId) return [];
  const ports = ctx.ports.caseActivity;
  const [r, contacts, portal] = await Promise.all([
    ports.fileRequest(event.firmId, event.caseId, event.detail.requestId),
    ports.contactsOf(event.firmId, event.caseId, event.detail.contactIds),
    ports.portalUrl(event.firmId),
  ]);
  if (r?.status !== 'open') return [];
  const subject = oneLine(r.subject);
  const ask = r.document
    ? `${r.createdBy.name} asks you for a new version of ${r.document.name}.`
    : `${r.createdBy.name} asks you for a file.`;
  return toEach(
    contacts,
    event.actor.id,
    notice({
      title: `File request: ${subject}`,
      body: requestParagraph(r.description, r.additionalMessage),
      paragraphs: [
        ask,
        requestParagraph(r.description, r.additionalMessage),
        ...(r.dueDate ? [`Due date: ${r.dueDate}`] : []),
      ],
      link: portalPath(portal, 'cases', event.caseId, 'file-requests', r.requestId),
      linkLabel: 'Upload the file',
      footer: 'You receive this because the request was sent to you.',
    }),
  );
};
