// Lambda entry of the `access` route group (CDK bundles this file; the local gateway imports it).
import { accessApi } from '../api/access';
import { cognito } from '../clients/cognito';
import { loadConfig } from '../config';
import { systemClock } from '../domain/ports';
import { cognitoContactLogins } from '../identity/contact-logins';
import { accessStore } from '../store/access';
import { gateFromEnv } from '../wiring/gate';
import { ulidIds } from '../wiring/ids';
import { tableFromEnv } from '../wiring/table';

const table = await tableFromEnv();
const { PORTAL_URL, CONTACT_USER_POOL_ID } = loadConfig(['PORTAL_URL', 'CONTACT_USER_POOL_ID']);

export const handler = accessApi(
  {
    access: accessStore(table),
    clock: systemClock,
    ids: ulidIds,
    portalUrl: PORTAL_URL,
    logins: cognitoContactLogins(cognito, CONTACT_USER_POOL_ID),
  },
  gateFromEnv(table),
);
