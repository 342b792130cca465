// Policy of `filerequest.reminded`: each recipient still on the case (grant not revoked) gets the
// reminder in-app and by email, saying when the request is due or that it is overdue. Nothing is
// sent once the request is no longer open (fulfilled or cancelled between the slot and this).
import { requestParagraph } from '../../domain/plain-text';
import type { Policy } from '../policy';
import { portalPath, toEach } from './case-people';

export const fileRequestRemindedPolicy: Policy<'filerequest.reminded'> = async (event, ctx) => {
  if (!event.caseId) return [];
  const ports = ctx.ports.caseActivity;
  const r = await ports.fileRequest(event.firmId, event.caseId, event.detail.requestId);
  if (r?.status !== 'open') return [];
  const [contacts, portal] = await Promise.all([
    ports.contactsOf(event.firmId, event.caseId, r.recipientIds),
    ports.portalUrl(event.firmId),
  ]);
  const vars = {
    requesterName: r.createdBy.name,
    subject: r.subject,
    request: requestParagraph(r.description, r.additionalMessage),
    overdue: event.detail.overdue ? 'yes' : 'no',
    hasDueDate: r.dueDate ? 'yes' : 'no',
    dueDate: r.dueDate ?? '',
  };
  const link = portalPath(portal, 'cases', event.caseId, 'file-requests', r.requestId);
  return toEach(contacts, event.actor.id, (c) => ctx.texts.render('filerequest.reminded', c, vars, { link }));
};
