// Builds the PolicyContext ports over the table: each policy module declares what it reads
// (declaration merging on PolicyPorts); this is where those reads meet DynamoDB.

import { caseStore } from '../store/cases';
import { contactStore } from '../store/contacts';
import { recipientsStore, staffDirectory } from '../store/recipients';
import { activeAdminsOf } from '../store/staff';
import type { Table } from '../store/table';
import { caseActivityPorts } from './policies/case-people';
import { clientDocumentPorts } from './policies/client-documents';
import type { CaseNoticePorts } from './policies/document-uploaded';
import { invitationPorts } from './policies/invitation';
import { threadNoticePorts } from './policies/thread-notices';
import type { PolicyPorts } from './policy';

export interface PolicyConfig {
  /** Base URL of the staff web app. */
  appUrl: string;
  /** Default base URL of the client portal (firms may set their own). */
  portalUrl: string;
}

export function caseNoticePorts(table: Table, config: PolicyConfig): { caseNotice: CaseNoticePorts } {
  const cases = caseStore(table);
  const contacts = contactStore(table);
  const recipients = recipientsStore(table);
  const staff = staffDirectory(table);
  const appUrl = config.appUrl.replace(/\/+$/, '');
  return {
    caseNotice: {
      case: (firmId, caseId) => cases.getCase(firmId, caseId),
      recipientsOf: async (firmId, caseId) => (await recipients.getRecipients(firmId, caseId))?.recipients,
      staffUsers: (firmId, ids) => staff.staffUsers(firmId, ids),
      activeAdmins: (firmId) => activeAdminsOf(table, firmId),
      contact: (firmId, contactId) => contacts.getContact(firmId, contactId),
      caseDocumentsUrl: (caseId) => `${appUrl}/cases/${encodeURIComponent(caseId)}/documents`,
    },
  };
}

export function policyPorts(table: Table, config: PolicyConfig): PolicyPorts {
  return {
    ...caseNoticePorts(table, config),
    ...invitationPorts(table, config.portalUrl),
    ...threadNoticePorts(table, config),
    ...caseActivityPorts(table, config),
    ...clientDocumentPorts(table, config),
  };
}
