// Policy of `filerequest.item_returned`: the contact who submitted the item hears that staff returned
// it, and why (in-app once it has a portal identity, and by email), with a link to submit it again.
// The reason is the firm's words to this client about its own file: always told, flattened.
import { flattenPlainText } from '../../domain/plain-text';
import type { Policy } from '../policy';
import { portalPath, toEach } from './case-people';

export const fileRequestItemReturnedPolicy: Policy<'filerequest.item_returned'> = async (event, ctx) => {
  if (!event.caseId) return [];
  const ports = ctx.ports.caseActivity;
  const [r, contacts, portal] = await Promise.all([
    ports.fileRequest(event.firmId, event.caseId, event.detail.requestId),
    ports.contactsOf(event.firmId, event.caseId, [event.detail.contactId]),
    ports.portalUrl(event.firmId),
  ]);
  // A request cancelled since asks for nothing any more.
  if (r?.status !== 'open') return [];
  const vars = {
    item: event.detail.subject,
    subject: r.subject,
    reason: flattenPlainText(event.detail.reason),
  };
  const link = portalPath(portal, 'cases', event.caseId, 'file-requests', r.requestId);
  return toEach(contacts, event.actor.id, (c) =>
    ctx.texts.render('filerequest.item_returned', c, vars, { link }),
  );
};
