// Route implementations of the `discussions` group: discussions and comments, file requests,
// document versions.
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
  cancelFileRequest,
  createFileRequest,
  type FileRequestDeps,
  getFileRequest,
  listFileRequests,
  listPortalFileRequests,
} from '../domain/file-requests';
import { listVersions, type VersionStore } from '../domain/versions';
import type { Gate } from '../http/auth';
import { groupHandler } from '../http/handler';
import { discussionsRoutes } from '../http/routes/discussions';

export type DiscussionsApiDeps = DiscussionDeps & FileRequestDeps & { versions: VersionStore };

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
      listFileRequests: ({ principal, params, query }) =>
        listFileRequests(deps, principal, params.caseId, query),
      getFileRequest: ({ principal, params }) =>
        getFileRequest(deps, principal, params.caseId, params.requestId),
      cancelFileRequest: ({ principal, params }) =>
        cancelFileRequest(deps, principal, params.caseId, params.requestId),
      listPortalFileRequests: ({ principal, params, query }) =>
        listPortalFileRequests(deps, principal, params.caseId, query),
      listDocumentVersions: ({ principal, params, query }) =>
        listVersions(deps, principal, params.caseId, params.documentId, query),
    },
    gate,
  );
}
