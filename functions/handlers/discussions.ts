// Lambda entry of the `discussions` route group (CDK bundles this file; the local gateway imports it).
import { discussionsApi } from '../api/discussions';
import { systemClock } from '../domain/ports';
import { caseStore } from '../store/cases';
import { caseContacts, discussionStore } from '../store/discussions';
import { documentStore } from '../store/documents';
import { fileRequestStore } from '../store/file-requests';
import { firmStore } from '../store/firm';
import { settingsStore } from '../store/firm-settings';
import { grantLookup } from '../store/grants';
import { shareStore } from '../store/shares';
import { versionStore } from '../store/versions';
import { gateFromEnv } from '../wiring/gate';
import { ulidIds } from '../wiring/ids';
import { tableFromEnv } from '../wiring/table';

const table = await tableFromEnv();

export const handler = discussionsApi(
  {
    cases: caseStore(table),
    firm: firmStore(table),
    documents: documentStore(table),
    grants: grantLookup(table),
    caseContacts: caseContacts(table),
    discussions: discussionStore(table),
    fileRequests: fileRequestStore(table),
    settings: settingsStore(table),
    shares: shareStore(table),
    versions: versionStore(table),
    clock: systemClock,
    ids: ulidIds,
  },
  gateFromEnv(table),
);
