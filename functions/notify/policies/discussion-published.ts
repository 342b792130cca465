// Policy of `discussion.published`: the contacts it was shared with hear of it in-app (once they have
// a portal identity) and by email with a link into the portal. The message itself goes into the
// notice only when the firm turned "detailed notifications" on (content is sensitive).
import { displayName } from '../../domain/names';
import { flattenPlainText } from '../../domain/plain-text';
import type { Policy } from '../policy';
import { portalPath, toEach } from './case-people';

export const discussionPublishedPolicy: Policy<'discussion.published'> = async (event, ctx) => {
  if (!event.caseId) return [];
  const ports = ctx.ports.caseActivity;
  const [d, contacts, detailed, portal] = await Promise.all([
    ports.discussion(event.firmId, event.caseId, event.detail.discussionId),
    ports.contactsOf(event.firmId, event.caseId, event.detail.contactIds),
    ports.detailed(event.firmId),
    ports.portalUrl(event.firmId),
  ]);
  if (!d) return [];
  const vars = {
    authorName: d.createdBy.name,
    // Shown as typed (one line; escaped where HTML is made): only long texts are flattened.
    subject: d.subject,
    hasAttachment: d.attachment ? 'yes' : 'no',
    attachmentName: d.attachment ? displayName(d.attachment.name) : '',
  };
  const link = portalPath(portal, 'cases', event.caseId, 'discussions', d.discussionId);
  // The message is people's text: a details line, never part of the template.
  const details = detailed ? [flattenPlainText(d.message)] : [];
  return toEach(contacts, event.actor.id, (r) =>
    ctx.texts.render('discussion.published', r, vars, { link, details }),
  );
};
