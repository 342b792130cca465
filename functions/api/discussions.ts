// Route implementations of the `discussions` group: discussions and comments, file requests and
// their request-list templates.
import {
  addComment,
  addPortalComment,
  type DiscussionDeps,
  getDiscussion,
  getPortalDiscussion,
  listComments,
  listDiscussions,
  listPortalComments,
  listPortalDiscussions,
  publishDiscussion,
  setDiscussionStatus,
} from '../domain/discussions';
import {
  deleteTemplate,
  type FileRequestTemplateStore,
  getTemplate,
  listTemplates,
  putTemplate,
} from '../domain/file-request-templates';
import {
  cancelFileRequest,
  createFileRequest,
  type FileRequestDeps,
  getFileRequest,
  getPortalFileRequest,
  listFileRequests,
  listPortalFileRequests,
  reviewItem,
} from '../domain/file-requests';
import type { Gate } from '../http/auth';
import { discussionsChecks } from '../http/checks/discussions';
import { groupHandler } from '../http/handler';
import { discussionsRoutes } from '../http/routes/discussions';

export type DiscussionsApiDeps = DiscussionDeps & FileRequestDeps & { templates: FileRequestTemplateStore };

export function discussionsApi(deps: DiscussionsApiDeps, gate: Gate) {
  return groupHandler(
    'discussions',
    discussionsRoutes,
    {
      publishDiscussion: ({ principal, params, body }) =>
        publishDiscussion(deps, principal, params.caseId, body),
      listDiscussions: ({ principal, params, query }) =>
        listDiscussions(deps, principal, params.caseId, query),
      getDiscussion: ({ principal, params }) =>
        getDiscussion(deps, principal, params.caseId, params.discussionId),
      addComment: ({ principal, params, body }) =>
        addComment(deps, principal, params.caseId, params.discussionId, body.body),
      listComments: ({ principal, params, query }) =>
        listComments(deps, principal, params.caseId, params.discussionId, query),
      closeDiscussion: ({ principal, params }) =>
        setDiscussionStatus(deps, principal, params.caseId, params.discussionId, 'closed'),
      reopenDiscussion: ({ principal, params }) =>
        setDiscussionStatus(deps, principal, params.caseId, params.discussionId, 'open'),
      listPortalDiscussions: ({ principal, params, query }) =>
        listPortalDiscussions(deps, principal, params.caseId, query),
      getPortalDiscussion: ({ principal, params }) =>
        getPortalDiscussion(deps, principal, params.caseId, params.discussionId),
      addPortalComment: ({ principal, params, body }) =>
        addPortalComment(deps, principal, params.caseId, params.discussionId, body.body),
      listPortalComments: ({ principal, params, query }) =>
        listPortalComments(deps, principal, params.caseId, params.discussionId, query),
      createFileRequest: ({ principal, params, body }) =>
        createFileRequest(deps, principal, params.caseId, body),
      listFileRequests: ({ principal, params, query: { overdue, ...query } }) =>
        listFileRequests(deps, principal, params.caseId, { ...query, overdue: overdue === 'true' }),
      getFileRequest: ({ principal, params }) =>
        getFileRequest(deps, principal, params.caseId, params.requestId),
      cancelFileRequest: ({ principal, params }) =>
        cancelFileRequest(deps, principal, params.caseId, params.requestId),
      listPortalFileRequests: ({ principal, params, query }) =>
        listPortalFileRequests(deps, principal, params.caseId, query),
      acceptFileRequestItem: ({ principal, params }) =>
        reviewItem(deps, principal, params.caseId, params.requestId, params.itemId, { decision: 'accept' }),
      returnFileRequestItem: ({ principal, params, body }) =>
        reviewItem(deps, principal, params.caseId, params.requestId, params.itemId, {
          decision: 'return',
          reason: body.reason,
        }),
      getPortalFileRequest: ({ principal, params }) =>
        getPortalFileRequest(deps, principal, params.caseId, params.requestId),
      putFileRequestTemplate: ({ principal, params, body }) =>
        putTemplate(deps, principal, params.templateId, body),
      listFileRequestTemplates: ({ principal, query }) => listTemplates(deps, principal, query),
      getFileRequestTemplate: ({ principal, params }) => getTemplate(deps, principal, params.templateId),
      deleteFileRequestTemplate: ({ principal, params }) =>
        deleteTemplate(deps, principal, params.templateId),
    },
    gate,
    discussionsChecks,
  );
}
