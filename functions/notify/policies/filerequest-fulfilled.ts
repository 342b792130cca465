// Policy of `filerequest.fulfilled`: the staff user who made the request (in-app + email) and the
// case's internal recipients (on their channels) hear that a recipient uploaded the file. The same
// people hear of a request-list item submitted (`filerequest.item_submitted`).

import type { FileRequest } from '../../domain/file-requests';
import { isActiveStaff } from '../../domain/firm';
import { displayName } from '../../domain/names';
import type { RecipientSetting } from '../../domain/recipients';
import type { Policy, PolicyContext } from '../policy';
import { type RenderFor, toStaff } from './case-people';
import { caseRecipients } from './document-uploaded';

/**
 * The requester first (in-app + email), then the case's recipients (without inactive users; the
 * firm's active admins stand in for an inactive owner when nobody else would hear), each told by
 * `render` with the request, the case's title and the contact's name.
 */
async function toRequestStaff(
  event: {
    firmId: string;
    caseId?: string;
    actor: { id: string };
    detail: { requestId: string; contactId: string };
  },
  ctx: PolicyContext,
  render: (r: FileRequest, caseTitle: string, contactName: string) => RenderFor,
) {
  if (!event.caseId) return [];
  const { caseActivity: ports, caseNotice } = ctx.ports;
  const [r, c, saved, contact] = await Promise.all([
    ports.fileRequest(event.firmId, event.caseId, event.detail.requestId),
    caseNotice.case(event.firmId, event.caseId),
    caseNotice.recipientsOf(event.firmId, event.caseId),
    caseNotice.contact(event.firmId, event.detail.contactId),
  ]);
  if (!r || !c) return [];
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
  return toStaff(list, users, event.firmId, event.actor.id, render(r, c.title, contact?.name ?? 'A client'));
}

const requestLink = (ctx: PolicyContext, caseId: string, r: FileRequest) =>
  ctx.ports.caseActivity.appUrl(`/cases/${caseId}/file-requests/${r.requestId}`);

export const fileRequestFulfilledPolicy: Policy<'filerequest.fulfilled'> = async (event, ctx) =>
  toRequestStaff(event, ctx, (r, caseTitle, contactName) => {
    const vars = {
      contactName,
      kind: event.detail.kind === 'update' ? 'update' : 'new',
      version: event.detail.version,
      fileName: displayName(event.detail.name),
      subject: r.subject,
      caseTitle,
    };
    const link = requestLink(ctx, event.caseId!, r);
    return (s) => ctx.texts.render('filerequest.fulfilled', s, vars, { link });
  });

export const fileRequestItemSubmittedPolicy: Policy<'filerequest.item_submitted'> = async (event, ctx) =>
  toRequestStaff(event, ctx, (r, caseTitle, contactName) => {
    const vars = {
      contactName,
      version: event.detail.version,
      fileName: displayName(event.detail.name),
      item: event.detail.subject,
      subject: r.subject,
      caseTitle,
    };
    const link = requestLink(ctx, event.caseId!, r);
    return (s) => ctx.texts.render('filerequest.item_submitted', s, vars, { link });
  });
