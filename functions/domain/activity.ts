// Builds the activity entry that reports a change. The store writes it in the same transaction as
// the change; the table stream carries it to the bus. A change and its event are never apart.
import { correlationId } from '../correlation';
import type { DomainEvent, EventType } from '../events/catalogue';
import type { Clock, Ids } from './ports';
import type { Actor } from './principal';

export function activity<T extends EventType>(
  deps: { clock: Clock; ids: Ids },
  type: T,
  scope: { firmId: string; caseId?: string },
  actor: Actor,
  detail: Extract<DomainEvent, { type: T }>['detail'],
): Extract<DomainEvent, { type: T }> {
  // The request (or event) being served: the event carries its id to every later hop.
  const correlation = correlationId();
  return {
    type,
    eventId: deps.ids.next(),
    firmId: scope.firmId,
    ...(scope.caseId ? { caseId: scope.caseId } : {}),
    actor,
    occurredAt: deps.clock.now().toISOString(),
    ...(correlation ? { correlationId: correlation } : {}),
    detail,
  } as Extract<DomainEvent, { type: T }>;
}
