// Lambda entry of the `threads` route group (CDK bundles this file; the local gateway imports it).
import { threadsApi } from '../api/threads';
import { gateFromEnv } from '../wiring/gate';
import { tableFromEnv } from '../wiring/table';
import { threadDeps } from '../wiring/thread-deps';

const table = await tableFromEnv();

export const handler = threadsApi(threadDeps(table), gateFromEnv(table));
