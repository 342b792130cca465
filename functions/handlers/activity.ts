// Lambda entry of the `activity` route group (CDK bundles this file; the local gateway imports it).
import { activityApi } from '../api/activity';
import { callerRides } from '../http/caller-rides';
import { activityStore } from '../store/activity';
import { caseStore } from '../store/cases';
import { grantLookup } from '../store/grants';
import { gateFromEnv } from '../wiring/gate';
import { tableFromEnv } from '../wiring/table';

const table = await tableFromEnv();

export const handler = activityApi(
  { activity: activityStore(table), cases: caseStore(table), grants: grantLookup(table) },
  // The staff list reads staff names anyway: the caller's own record rides in that read (0052).
  gateFromEnv(table, callerRides),
);
