// Lambda entry of the `cases` route group (CDK bundles this file; the local gateway imports it).
import { casesApi } from '../api/cases';
import { loadConfig } from '../config';
import type { PortalLoginAdmin } from '../domain/contact-removal';
import { systemClock } from '../domain/ports';
import { caseStore } from '../store/cases';
import { contactErasureStore } from '../store/contact-erasure';
import { contactExportStore } from '../store/contact-export';
import { contactRemovalStore } from '../store/contact-removal';
import { contactStore } from '../store/contacts';
import { firmStore } from '../store/firm';
import { mailAddressStore } from '../store/mail-addresses';
import { gateFromEnv } from '../wiring/gate';
import { ulidIds } from '../wiring/ids';
import { tableFromEnv } from '../wiring/table';

const table = await tableFromEnv();
const { CONTACT_USER_POOL_ID } = loadConfig(['CONTACT_USER_POOL_ID']);

// Only a contact's removal or erasure calls Cognito: its client is loaded then, not at cold start.
const loginAdmin = async (): Promise<PortalLoginAdmin> => {
  const [{ cognito }, { cognitoPortalLoginAdmin }] = await Promise.all([
    import('../clients/cognito'),
    import('../identity/contact-logins'),
  ]);
  return cognitoPortalLoginAdmin(cognito, CONTACT_USER_POOL_ID);
};

export const handler = casesApi(
  {
    cases: caseStore(table),
    contacts: contactStore(table),
    mailAddresses: mailAddressStore(table),
    removal: contactRemovalStore(table),
    erasure: contactErasureStore(table),
    exports: contactExportStore(table),
    portalLogins: {
      signOutAndDisable: async (identityId) => (await loginAdmin()).signOutAndDisable(identityId),
      remove: async (identityId) => (await loginAdmin()).remove(identityId),
    },
    firm: firmStore(table),
    clock: systemClock,
    ids: ulidIds,
  },
  gateFromEnv(table),
);
