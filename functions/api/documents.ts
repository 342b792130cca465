// Route implementations of the `documents` group: uploads, documents, shares, downloads, versions.

import {
  type DocumentTrashDeps,
  listTrash,
  renameDocument,
  restoreDocument,
  trashDocument,
} from '../domain/document-trash';
import {
  type DocumentDeps,
  downloadDocument,
  downloadPortalDocument,
  listDocuments,
  listPortalDocuments,
} from '../domain/documents';
import { type PublishDeps, publishDocument } from '../domain/publish';
import { listShares, putContactShares, putDocumentShares, type ShareDeps } from '../domain/shares';
import { createPortalUpload, createUpload, type UploadDeps } from '../domain/uploads';
import { listVersions, type VersionStore } from '../domain/versions';
import type { Gate } from '../http/auth';
import { documentsChecks } from '../http/checks/documents';
import { groupHandler } from '../http/handler';
import { documentsRoutes } from '../http/routes/documents';

export type DocumentsApiDeps = DocumentDeps &
  ShareDeps &
  UploadDeps &
  PublishDeps &
  DocumentTrashDeps & { versions: VersionStore };

export function documentsApi(deps: DocumentsApiDeps, gate: Gate) {
  return groupHandler(
    'documents',
    documentsRoutes,
    {
      createUpload: ({ principal, params, body }) => createUpload(deps, principal, params.caseId, body),
      listDocuments: ({ principal, params, query }) => listDocuments(deps, principal, params.caseId, query),
      downloadDocument: ({ principal, params }) =>
        downloadDocument(deps, principal, params.caseId, params.documentId),
      putDocumentShares: ({ principal, params, body }) =>
        putDocumentShares(deps, principal, params.caseId, params.documentId, body.contactIds),
      putContactShares: ({ principal, params, body }) =>
        putContactShares(deps, principal, params.caseId, params.contactId, body.documentIds),
      listShares: ({ principal, params, query }) => listShares(deps, principal, params.caseId, query),
      publishDocument: ({ principal, params, body }) =>
        publishDocument(deps, principal, params.caseId, params.documentId, body),
      renameDocument: ({ principal, params, body }) =>
        renameDocument(deps, principal, params.caseId, params.documentId, body.name),
      trashDocument: ({ principal, params }) =>
        trashDocument(deps, principal, params.caseId, params.documentId),
      restoreDocument: ({ principal, params }) =>
        restoreDocument(deps, principal, params.caseId, params.documentId),
      listTrash: ({ principal, params, query }) => listTrash(deps, principal, params.caseId, query),
      createPortalUpload: ({ principal, params, body }) =>
        createPortalUpload(deps, principal, params.caseId, body),
      listPortalDocuments: ({ principal, params, query }) =>
        listPortalDocuments(deps, principal, params.caseId, query),
      downloadPortalDocument: ({ principal, params }) =>
        downloadPortalDocument(deps, principal, params.caseId, params.documentId),
      listDocumentVersions: ({ principal, params, query }) =>
        listVersions(deps, principal, params.caseId, params.documentId, query),
    },
    gate,
    documentsChecks,
  );
}
