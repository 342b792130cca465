// Lambda entry of the `documents` route group (CDK bundles this file; the local gateway imports it).
import { documentsApi } from '../api/documents';
import { s3 } from '../clients/s3';
import { loadConfig } from '../config';
import { systemClock } from '../domain/ports';
import { s3Files } from '../files/s3-files';
import { caseStore } from '../store/cases';
import { caseContacts } from '../store/discussions';
import { documentTrashStore } from '../store/document-trash';
import { documentStore } from '../store/documents';
import { fileRequestStore } from '../store/file-requests';
import { firmStore } from '../store/firm';
import { grantLookup } from '../store/grants';
import { publicationStore } from '../store/publications';
import { recurringTaskStore } from '../store/recurring-tasks';
import { shareStore } from '../store/shares';
import { uploadStore } from '../store/uploads';
import { versionStore } from '../store/versions';
import { gateFromEnv } from '../wiring/gate';
import { ulidIds } from '../wiring/ids';
import { tableFromEnv } from '../wiring/table';

const config = loadConfig(['BUCKET_NAME', 'UPLOAD_MAX_BYTES']);
const table = await tableFromEnv();

export const handler = documentsApi(
  {
    cases: caseStore(table),
    firm: firmStore(table),
    grants: grantLookup(table),
    documents: documentStore(table),
    shares: shareStore(table),
    trash: documentTrashStore(table),
    uploads: uploadStore(table),
    fileRequests: fileRequestStore(table),
    caseContacts: caseContacts(table),
    recurringTasks: recurringTaskStore(table),
    publications: publicationStore(table),
    versions: versionStore(table),
    files: s3Files(s3, config.BUCKET_NAME),
    clock: systemClock,
    ids: ulidIds,
    uploadMaxBytes: config.UPLOAD_MAX_BYTES,
  },
  gateFromEnv(table),
);
