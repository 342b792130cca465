// Policy of `comment.added`: a contact's comment tells the case's internal recipients (the saved
// list, or the owner in-app + email); a staff comment tells the contacts the discussion is shared
// with. Nobody hears of their own comment; its text is included only with "detailed notifications".

import { flattenPlainText } from '../../domain/plain-text';
import type { Policy } from '../policy';
import { portalPath, toEach, toStaff } from './case-people';
import { caseRecipients } from './document-uploaded';

export const commentAddedPolicy: Policy<'comment.added'> = async (event, ctx) => {
  if (!event.caseId) return [];
  const { caseActivity: ports, caseNotice } = ctx.ports;
  const { discussionId, commentId } = event.detail;
  const [d, comment, detailed] = await Promise.all([
    ports.discussion(event.firmId, event.caseId, discussionId),
    ports.comment(event.firmId, event.caseId, discussionId, commentId),
    ports.detailed(event.firmId),
  ]);
  if (!d || !comment) return [];
  // The subject is shown as typed (one line; escaped where HTML is made), never flattened.
  const vars = { authorName: comment.author.name, subject: d.subject };
  // The comment itself is people's text: a details line, never part of the template.
  const details = detailed ? [flattenPlainText(comment.body)] : [];

  if (event.actor.kind === 'contact') {
    const c = await caseNotice.case(event.firmId, event.caseId);
    if (!c) return [];
    const { list, users } = await caseRecipients(caseNotice, event.firmId, c, undefined);
    const link = ports.appUrl(`/cases/${event.caseId}/discussions/${discussionId}`);
    return toStaff(list, users, event.firmId, event.actor.id, (r) =>
      ctx.texts.render('comment.added.staff', r, vars, { link, details }),
    );
  }
  const [contacts, portal] = await Promise.all([
    ports.contactsOf(event.firmId, event.caseId, d.sharedWith),
    ports.portalUrl(event.firmId),
  ]);
  const link = portalPath(portal, 'cases', event.caseId, 'discussions', discussionId);
  return toEach(contacts, event.actor.id, (r) =>
    ctx.texts.render('comment.added.contact', r, vars, { link, details }),
  );
};
