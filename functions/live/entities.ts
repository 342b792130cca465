// The table entities whose changes the live channel reports: the fan-out's stream filter (lib/live.ts)
// and its reader (stream.ts) share this list, so the function wakes exactly for what it reads.
import { Entity } from '../store/keys';

export const liveEntities = [
  Entity.inboxItem,
  Entity.inboxCounter,
  Entity.message,
  Entity.thread,
  Entity.grant,
];
