// The discussions group's adapters over one table: its Lambda entry and the demo seed (local/seed.ts)
// wire the same stores. (A module per group: one shared module made each bundle carry the other's.)
import { systemClock } from '../domain/ports';
import { caseContacts, caseParts, discussionStore } from '../store/discussions';
import { fileRequestTemplateStore } from '../store/file-request-templates';
import { fileRequestStore } from '../store/file-requests';
import { settingsStore } from '../store/firm-settings';
import { grantLookup } from '../store/grants';
import { shareStore } from '../store/shares';
import type { Table } from '../store/table';
import { ulidIds } from './ids';

export const discussionDeps = (table: Table) => ({
  caseParts: caseParts(table),
  grantLocator: grantLookup(table),
  caseContacts: caseContacts(table),
  discussions: discussionStore(table),
  fileRequests: fileRequestStore(table),
  templates: fileRequestTemplateStore(table),
  settings: settingsStore(table),
  shares: shareStore(table),
  clock: systemClock,
  ids: ulidIds,
});
