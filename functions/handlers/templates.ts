// Lambda entry of the `templates` route group (CDK bundles this file; the local gateway imports it).
import { templatesApi } from '../api/templates';
import { systemClock } from '../domain/ports';
import { templateStore } from '../store/templates';
import { gateFromEnv } from '../wiring/gate';
import { tableFromEnv } from '../wiring/table';

const table = await tableFromEnv();

export const handler = templatesApi(
  { templates: templateStore(table), clock: systemClock },
  gateFromEnv(table),
);
