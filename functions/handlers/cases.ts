// Lambda entry of the `cases` route group (CDK bundles this file; the local gateway imports it).
import { casesApi } from '../api/cases';
import { cognito } from '../clients/cognito';
import { loadConfig } from '../config';
import type { PortalLoginAdmin } from '../domain/contact-removal';
import { systemClock } from '../domain/ports';
import { cognitoPortalLoginAdmin } from '../identity/contact-logins';
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

// Only a contact's removal or erasure calls Cognito (its admin made on first use). Imported
// statically: a dynamic import() makes esbuild wrap the module lazily and keep the whole SDK package
// (109 KB instead of 34 KB in this bundle, decision 0040).
let admin: PortalLoginAdmin | undefined;
const loginAdmin = (): PortalLoginAdmin => {
  admin ??= cognitoPortalLoginAdmin(cognito, CONTACT_USER_POOL_ID);
  return admin;
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
      signOutAndDisable: (identityId) => loginAdmin().signOutAndDisable(identityId),
      remove: (identityId) => loginAdmin().remove(identityId),
    },
    firm: firmStore(table),
    clock: systemClock,
    ids: ulidIds,
  },
  gateFromEnv(table),
);
