// Lambda entry of the `discussions` route group (CDK bundles this file; the local gateway imports it).
import { discussionsApi } from '../api/discussions';
import { systemClock } from '../domain/ports';
import { caseContacts, caseParts, discussionStore } from '../store/discussions';
import { fileRequestTemplateStore } from '../store/file-request-templates';
import { fileRequestStore } from '../store/file-requests';
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
    caseParts: caseParts(table),
    grantLocator: grantLookup(table),
    caseContacts: caseContacts(table),
    discussions: discussionStore(table),
    fileRequests: fileRequestStore(table),
    templates: fileRequestTemplateStore(table),
    settings: settingsStore(table),
    shares: shareStore(table),
    versions: versionStore(table),
    clock: systemClock,
    ids: ulidIds,
  },
  gateFromEnv(table),
);
