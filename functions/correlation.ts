// The invocation context that follows a request or an event through every hop: the correlation id
// (an API request id, carried on the activity event it causes, then to notify and the delivery
// records) and the function's name. AsyncLocalStorage, so no port or signature has to carry it.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Invocation {
  /** The function (route group or event handler) running. */
  fn: string;
  /** Absent where no single request or event is being served (a batch of stream records). */
  correlationId?: string;
  /** Lambda's own request id of this invocation (its START/END/REPORT lines carry it). */
  requestId?: string;
}

const storage = new AsyncLocalStorage<Invocation>();

/** Runs `call` with the invocation as context: every log line and event written inside carries it. */
export function withInvocation<T>(invocation: Invocation, call: () => T): T {
  return storage.run(invocation, call);
}

/** The current invocation, if any (a unit test or a script calling a domain function has none). */
export function currentInvocation(): Invocation | undefined {
  return storage.getStore();
}

/** The correlation id of the current invocation, if any. */
export function correlationId(): string | undefined {
  return storage.getStore()?.correlationId;
}
