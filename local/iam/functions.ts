// The name of each function the local stack invokes, as the synthesized template knows it (the
// construct path of its PorticoFunction: lib/route-groups.ts, lib/portico-stack.ts, lib/outbox.ts,
// lib/reminders.ts, lib/digests.ts, lib/identity.ts, lib/live.ts). A name the template lacks stops the local stack at start.

/** `cases` → `CasesRoutes` (lib/route-groups.ts). */
export const groupFunction = (group: string) => `${group.charAt(0).toUpperCase()}${group.slice(1)}Routes`;

export const localFunctions = {
  notify: 'Notify',
  ingest: 'Ingest',
  publisher: 'OutboxPublisher',
  reminders: 'RemindersRun',
  digests: 'DigestsRun',
  /** Cognito's CustomMessage trigger (lib/identity.ts), called by the local identity service. */
  identityMail: 'IdentityMail',
  /** The live channel (lib/live.ts): WebSocket routes, and the stream fan-out. */
  liveConnections: 'LiveConnections',
  liveFanOut: 'LiveFanOut',
} as const;
