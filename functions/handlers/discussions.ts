// Lambda entry of the `discussions` route group (CDK bundles this file; the local gateway imports it).
import { discussionsApi } from '../api/discussions';
import { discussionDeps } from '../wiring/discussion-deps';
import { gateFromEnv } from '../wiring/gate';
import { tableFromEnv } from '../wiring/table';

const table = await tableFromEnv();

export const handler = discussionsApi(discussionDeps(table), gateFromEnv(table));
