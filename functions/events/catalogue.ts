// The catalogue of domain events: one zod schema per detail-type, shared by producers (activity
// entries written in the same transaction as the change) and consumers (publisher, notify).
import { z } from 'zod';

export const EVENT_SOURCE = 'portico';

export const ActorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), id: z.string() }),
  z.object({ kind: z.literal('contact'), id: z.string() }),
  z.object({ kind: z.literal('system'), id: z.string() }),
]);

/** detail schemas, keyed by detail-type. */
export const eventDetails = {
  'case.created': z.object({ title: z.string(), ownerId: z.string() }),
  'contact.created': z.object({ contactId: z.string(), name: z.string() }),
} as const;

export type EventType = keyof typeof eventDetails;
export const eventTypes = Object.keys(eventDetails) as EventType[];

const envelopeFields = {
  eventId: z.string(),
  firmId: z.string(),
  /** Absent for firm-level events (a contact is created outside any case). */
  caseId: z.string().optional(),
  actor: ActorSchema,
  occurredAt: z.iso.datetime(),
};

export type DomainEvent = {
  [K in EventType]: {
    type: K;
    eventId: string;
    firmId: string;
    caseId?: string;
    actor: z.infer<typeof ActorSchema>;
    occurredAt: string;
    detail: z.infer<(typeof eventDetails)[K]>;
  };
}[EventType];

export const DomainEventSchema = z.discriminatedUnion(
  'type',
  eventTypes.map((type) => z.object({ type: z.literal(type), ...envelopeFields, detail: eventDetails[type] })) as unknown as [
    z.ZodObject,
    ...z.ZodObject[],
  ],
) as unknown as z.ZodType<DomainEvent>;
