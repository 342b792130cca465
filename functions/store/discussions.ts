import type { CaseContacts } from '../domain/case-contacts';
import type { Comment, Discussion, DiscussionStore } from '../domain/discussions';
import { notFound } from '../domain/errors';
import type { Grant } from '../domain/grants';
import { Entity, keys, patterns } from './keys';
import { getItem, putActivity, putInCase, queryAll, queryPage, type Table, toItem, transact } from './table';

export function caseContacts(table: Table): CaseContacts {
  return {
    grantsOfCase: (firmId, caseId) =>
      queryAll<Grant>(table, patterns.grantsOfCase(firmId, caseId), { consistent: true }),
  };
}

export function discussionStore(table: Table): DiscussionStore {
  return {
    createDiscussion: (d, event) =>
      putInCase(
        table,
        d,
        {
          key: keys.discussion(d.firmId, d.caseId, d.discussionId),
          entity: Entity.discussion,
          data: d,
          once: true,
        },
        event,
      ),

    getDiscussion: (firmId, caseId, discussionId) =>
      getItem<Discussion>(table, keys.discussion(firmId, caseId, discussionId), { consistent: true }),

    listDiscussions: (firmId, caseId, contactId, page) =>
      contactId
        ? queryPage<Discussion>(table, patterns.discussionsOfCase(firmId, caseId), page, {
            expression: 'contains(sharedWith, :contact)',
            values: { ':contact': contactId },
          })
        : queryPage<Discussion>(table, patterns.discussionsOfCase(firmId, caseId), page),

    addComment: (c, event, sharedWithContact) =>
      transact(
        table,
        [
          {
            Update: {
              TableName: table.name,
              Key: keys.discussion(c.firmId, c.caseId, c.discussionId),
              UpdateExpression: 'ADD commentCount :one SET lastCommentAt = :at',
              ConditionExpression: sharedWithContact
                ? 'attribute_exists(PK) AND contains(sharedWith, :contact)'
                : 'attribute_exists(PK)',
              ExpressionAttributeValues: {
                ':one': 1,
                ':at': c.createdAt,
                ...(sharedWithContact ? { ':contact': sharedWithContact } : {}),
              },
            },
          },
          {
            Put: {
              TableName: table.name,
              Item: toItem(keys.comment(c.firmId, c.caseId, c.discussionId, c.commentId), Entity.comment, c),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          putActivity(table, event),
        ],
        { 0: () => notFound('discussion') },
      ),

    listComments: (firmId, caseId, discussionId, page) =>
      queryPage<Comment>(table, patterns.commentsOfDiscussion(firmId, caseId, discussionId), page),
  };
}
