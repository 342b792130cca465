// Policy of `filerequest.fulfilled`: the staff user who made the request (in-app + email) and the
// case's internal recipients (on their channels) hear that a recipient uploaded the file.

import { isActiveStaff } from '../../domain/firm';
import { displayName } from '../../domain/names';
import type { RecipientSetting } from '../../domain/recipients';
import type { Policy } from '../policy';
import { toStaff } from './case-people';
import { caseRecipients } from './document-uploaded';

export const fileRequestFulfilledPolicy: Policy<'filerequest.fulfilled'> = async (event, ctx) => {
  if (!event.caseId) return [];
  const { caseActivity: ports, caseNotice } = ctx.ports;
  const [r, c, saved, contact] = await Promise.all([
    ports.fileRequest(event.firmId, event.caseId, event.detail.requestId),
    caseNotice.case(event.firmId, event.caseId),
    caseNotice.recipientsOf(event.firmId, event.caseId),
    caseNotice.contact(event.firmId, event.detail.contactId),
  ]);
  if (!r || !c) return [];
  // The requester first (in-app + email), then the case's recipients (without inactive users; the
  // firm's active admins stand in for an inactive owner when nobody else would hear).
  const [team, [requester]] = await Promise.all([
    caseRecipients({ ...caseNotice, recipientsOf: async () => saved }, event.firmId, c, undefined),
    caseNotice.staffUsers(event.firmId, [r.createdBy.id]),
  ]);
  const requesterActive = requester && isActiveStaff(requester);
  const list: RecipientSetting[] = [
    ...(requesterActive ? [{ userId: r.createdBy.id, inApp: true, email: true }] : []),
    ...team.list.filter((s) => s.userId !== r.createdBy.id),
  ];
  const users = requesterActive ? [...team.users, requester] : team.users;
  const vars = {
    contactName: contact?.name ?? 'A client',
    kind: event.detail.kind === 'update' ? 'update' : 'new',
    version: event.detail.version,
    fileName: displayName(event.detail.name),
    subject: r.subject,
    caseTitle: c.title,
  };
  const link = ports.appUrl(`/cases/${event.caseId}/file-requests/${r.requestId}`);
  return toStaff(list, users, event.firmId, event.actor.id, (s) =>
    ctx.texts.render('filerequest.fulfilled', s, vars, { link }),
  );
};
