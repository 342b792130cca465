// Lambda entry of the `staff` route group (CDK bundles this file; the local gateway imports it).
import { staffApi } from '../api/staff';
import { cognito } from '../clients/cognito';
import { loadConfig } from '../config';
import { systemClock } from '../domain/ports';
import { staffLogins } from '../identity/staff-logins';
import { staffStore } from '../store/staff';
import { gateFromEnv } from '../wiring/gate';
import { tableFromEnv } from '../wiring/table';

const table = await tableFromEnv();
const { STAFF_USER_POOL_ID } = loadConfig(['STAFF_USER_POOL_ID']);

export const handler = staffApi(
  { staff: staffStore(table), logins: staffLogins(cognito, STAFF_USER_POOL_ID), clock: systemClock },
  gateFromEnv(table),
);
