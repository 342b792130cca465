// Lambda entry of the `cases` route group (CDK bundles this file; the local gateway imports it).
import { casesApi } from '../api/cases';
import { systemClock } from '../domain/ports';
import { caseStore } from '../store/cases';
import { contactStore } from '../store/contacts';
import { firmStore } from '../store/firm';
import { mailAddressStore } from '../store/mail-addresses';
import { gateFromEnv } from '../wiring/gate';
import { ulidIds } from '../wiring/ids';
import { tableFromEnv } from '../wiring/table';

const table = await tableFromEnv();

export const handler = casesApi(
  {
    cases: caseStore(table),
    contacts: contactStore(table),
    mailAddresses: mailAddressStore(table),
    firm: firmStore(table),
    clock: systemClock,
    ids: ulidIds,
  },
  gateFromEnv(table),
);
