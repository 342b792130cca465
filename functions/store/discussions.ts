// DynamoDB adapters of discussions and comments, and of what staff routes of a case read together
// (CaseParts) and the grants of a case's contacts (CaseContacts).
import type { CaseContacts, CaseParts } from '../domain/case-contacts';
import type { Case } from '../domain/cases';
import { discussionClosed } from '../domain/conversation-status';
import type { Comment, Discussion, DiscussionStore } from '../domain/discussions';
import type { Document } from '../domain/documents';
import type { StaffUser } from '../domain/firm';
import type { Grant } from '../domain/grants';
import { transactWhileOpen } from './cases';
import {
  caseKey,
  commentKey,
  commentsOfDiscussionPattern,
  discussionKey,
  discussionsOfCasePattern,
  documentKey,
  Entity,
  grantKey,
  grantsOfCasePattern,
  staffKey,
} from './keys';
import {
  getItem,
  getNamed,
  OPEN_GUARD,
  OPEN_NAMES,
  OPEN_VALUES,
  putActivity,
  putInCase,
  queryAll,
  queryPage,
  type Table,
  toItem,
  writeStatusChange,
} from './table';

export function caseContacts(table: Table): CaseContacts {
  return {
    grantsOfCase: (firmId, caseId) =>
      queryAll<Grant>(table, grantsOfCasePattern(firmId, caseId), { consistent: true }),
    async grantAt(at) {
      const grant = await getItem<Grant>(table, grantKey(at.firmId, at.caseId, at.contactId), {
        consistent: true,
      });
      return grant ? { grant } : {};
    },
  };
}

export function caseParts(table: Table): CaseParts {
  return {
    async caseParts(firmId, caseId, wanted) {
      const got = await getNamed(table, {
        case: caseKey(firmId, caseId),
        ...(wanted.userId ? { user: staffKey(firmId, wanted.userId) } : {}),
        ...(wanted.documentId ? { document: documentKey(firmId, caseId, wanted.documentId) } : {}),
      });
      return got as { case?: Case; user?: StaffUser; document?: Document };
    },
  };
}

export function discussionStore(table: Table): DiscussionStore {
  return {
    createDiscussion: (d, event) =>
      putInCase(
        table,
        d,
        {
          key: discussionKey(d.firmId, d.caseId, d.discussionId),
          entity: Entity.discussion,
          data: d,
          once: true,
        },
        event,
      ),

    async discussionParts(firmId, caseId, discussionId, userId) {
      const got = await getNamed(table, {
        discussion: discussionKey(firmId, caseId, discussionId),
        ...(userId ? { user: staffKey(firmId, userId) } : {}),
      });
      return got as { discussion?: Discussion; user?: StaffUser };
    },

    async portalDiscussionParts(at, discussionId) {
      const got = await getNamed(table, {
        grant: grantKey(at.firmId, at.caseId, at.contactId),
        ...(discussionId ? { discussion: discussionKey(at.firmId, at.caseId, discussionId) } : {}),
      });
      return got as { grant?: Grant; discussion?: Discussion };
    },

    getDiscussion: (firmId, caseId, discussionId) =>
      getItem<Discussion>(table, discussionKey(firmId, caseId, discussionId), { consistent: true }),

    listDiscussions: (firmId, caseId, contactId, page) =>
      contactId
        ? queryPage<Discussion>(table, discussionsOfCasePattern(firmId, caseId), page, {
            expression: 'contains(sharedWith, :contact)',
            values: { ':contact': contactId },
          })
        : queryPage<Discussion>(table, discussionsOfCasePattern(firmId, caseId), page),

    addComment: (c, event, sharedWithContact) =>
      // A contact's comment needs the case open (decision 0036).
      transactWhileOpen(
        table,
        sharedWithContact ? c : undefined,
        [
          {
            Update: {
              TableName: table.name,
              Key: discussionKey(c.firmId, c.caseId, c.discussionId),
              UpdateExpression: 'ADD commentCount :one SET lastCommentAt = :at',
              ConditionExpression: sharedWithContact
                ? `attribute_exists(PK) AND contains(sharedWith, :contact) AND ${OPEN_GUARD}`
                : `attribute_exists(PK) AND ${OPEN_GUARD}`,
              ExpressionAttributeNames: OPEN_NAMES,
              ExpressionAttributeValues: {
                ':one': 1,
                ...OPEN_VALUES,
                ':at': c.createdAt,
                ...(sharedWithContact ? { ':contact': sharedWithContact } : {}),
              },
            },
          },
          {
            Put: {
              TableName: table.name,
              Item: toItem(commentKey(c.firmId, c.caseId, c.discussionId, c.commentId), Entity.comment, c),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          putActivity(table, event),
        ],
        // The discussion was read a moment before; discussions are never deleted and whom they are
        // shared with never changes: a failed condition means it was closed in between.
        { 0: discussionClosed },
      ),

    setDiscussionStatus: (d, change, event) =>
      writeStatusChange(table, discussionKey(d.firmId, d.caseId, d.discussionId), change, [
        putActivity(table, event),
      ]),

    listComments: (firmId, caseId, discussionId, page) =>
      queryPage<Comment>(table, commentsOfDiscussionPattern(firmId, caseId, discussionId), page),
  };
}
