// Policy of `filerequest.fulfilled`: the staff user who made the request (in-app + email) and the
// case's internal recipients (on their channels) hear that a recipient uploaded the file.
import { defaultRecipients, type RecipientSetting } from '../../domain/recipients';
import type { Policy } from '../policy';
import { oneLine } from '../render';
import { notice, toStaff } from './case-people';

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
  const list: RecipientSetting[] = [
    { userId: r.createdBy.id, inApp: true, email: true },
    ...(saved ?? defaultRecipients(c.ownerId)).filter((s) => s.userId !== r.createdBy.id),
  ];
  const users = await caseNotice.staffUsers(
    event.firmId,
    list.map((s) => s.userId),
  );
  const who = contact?.name ?? 'A client';
  const what =
    event.detail.kind === 'update'
      ? `version ${event.detail.version} of ${event.detail.name}`
      : event.detail.name;
  return toStaff(
    list,
    users,
    event.firmId,
    event.actor.id,
    notice({
      title: `File request fulfilled: ${oneLine(r.subject)}`,
      body: `${who} uploaded ${what}`,
      paragraphs: [`${who} uploaded ${what} for your request "${oneLine(r.subject)}" in ${c.title}.`],
      link: ports.appUrl(`/cases/${event.caseId}/file-requests/${r.requestId}`),
      linkLabel: 'Open the request',
      footer: 'You receive this because you made the request or are a notification recipient of this case.',
    }),
  );
};
