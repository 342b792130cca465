// Policy of `discussion.published`: the contacts it was shared with hear of it in-app (once they have
// a portal identity) and by email with a link into the portal. The message itself goes into the
// notice only when the firm turned "detailed notifications" on (content is sensitive).
import { flattenPlainText } from '../../domain/plain-text';
import type { Policy } from '../policy';
import { notice, portalPath, toEach } from './case-people';

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
  const subject = flattenPlainText(d.subject);
  const message = notice({
    title: `New discussion: ${subject}`,
    body: `${d.createdBy.name} started a discussion: ${subject}`,
    paragraphs: [
      `${d.createdBy.name} started a discussion with you: ${subject}.`,
      ...(detailed ? [flattenPlainText(d.message)] : []),
      ...(d.attachment ? [`Attached: ${d.attachment.name}`] : []),
    ],
    link: portalPath(portal, 'cases', event.caseId, 'discussions', d.discussionId),
    linkLabel: 'Open the discussion',
    footer: 'You receive this because the discussion was shared with you.',
  });
  return toEach(contacts, event.actor.id, message);
};
