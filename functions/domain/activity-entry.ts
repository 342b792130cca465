// What a person reads of one entry of a case's activity: who, what (a sentence), when, the type and
// the ids involved. Schema only (the route table bundles it; the sentences' ICU stays out).
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';

export const ActivityEntryView = lazySchema(() =>
  z.object({
    eventId: z.string(),
    type: z.string(),
    /** When it happened (ISO 8601, UTC). */
    occurredAt: z.string(),
    /** Who did it: a staff user or a contact by name ("former contact" once gone), or the system. */
    who: z.object({
      kind: z.enum(['staff', 'contact', 'system']),
      id: z.optional(z.string()),
      name: z.string(),
    }),
    /** A sentence in the reader's language saying what happened. */
    what: z.string(),
    /** The ids the entry is about, by name (`documentId`, `contactIds`, `threadId`…). */
    ids: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  }),
);
export type ActivityEntryView = z.output<typeof ActivityEntryView>;

/**
 * The `type` filter's shape: one or several event types, comma-separated (a repeated `type=` arrives
 * the same way through API Gateway). Whether each is catalogued is the domain's check, so an unknown
 * one answers its own code (`unknown_event_type`), not a generic validation failure.
 */
export const ActivityTypeFilter = lazySchema(() =>
  z.string().check(z.maxLength(2000), z.regex(/^[A-Za-z0-9_. ,-]+$/, 'must be event types, comma-separated')),
);
