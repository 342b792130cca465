// SES throttling (the account's send rate exceeded): a mail is retried in place with backoff while
// the budget lasts; an event whose only failures are throttled mails is put back on the bus instead
// of failing, so throttling never parks it in the dead-letter queue (decision 0022).
import type { DomainEvent } from '../events/catalogue';
import { log } from '../log';
import { DeliveryFailedError, type Mailer } from './core';

/** Error names SES v2 (and the SDK's retry classification) use for a rate exceeded. */
const THROTTLING = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling']);

/** A mail SES still refused for its send rate after the in-place retries. */
export class MailThrottledError extends Error {
  constructor(cause: unknown) {
    super(`SES send rate exceeded: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'MailThrottled';
  }
}

export const isThrottling = (err: unknown): boolean => {
  const e = err as { name?: string; $retryable?: { throttling?: boolean } } | undefined;
  return THROTTLING.has(e?.name ?? '') || e?.$retryable?.throttling === true;
};

export interface ThrottleRetry {
  /** How long one mail may keep retrying a throttled send, in ms (when no deadline is given). */
  budgetMs?: number;
  /**
   * When every send stops retrying (epoch ms), shared by one invocation's sends: a fan-out of many
   * throttled mails, 16 at a time, must not retry each for the whole budget past the timeout.
   */
  deadline?: () => number;
  /** First pause; doubled after each throttled attempt (with jitter), at most 2 s. */
  firstDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** The mailer, retrying sends SES throttles until the budget is spent, then MailThrottledError. */
export function throttleRetrying(mailer: Mailer, opts: ThrottleRetry): Mailer {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = opts.now ?? Date.now;
  return {
    async send(mail) {
      const until = opts.deadline?.() ?? now() + (opts.budgetMs ?? 0);
      let delay = opts.firstDelayMs ?? 200;
      for (;;) {
        try {
          return await mailer.send(mail);
        } catch (err) {
          if (!isThrottling(err)) throw err;
          // Jitter spreads the parallel sends of one fan-out, which were throttled together.
          const pause = delay / 2 + Math.random() * (delay / 2);
          if (now() + pause > until) throw new MailThrottledError(err);
          await sleep(pause);
          delay = Math.min(delay * 2, 2_000);
        }
      }
    },
  };
}

/**
 * How long an event is put back on the bus for throttled mail. Past it, the event fails as any other
 * (Lambda's retries, then the DLQ and the DEAD-letter alarm): SES refusing for a day is not a rate.
 */
export const REQUEUE_MAX_AGE_MS = 24 * 3600_000;

export interface Requeue {
  /** Puts the event back on the bus (same eventId: deliveries already made are not made again). */
  put(event: DomainEvent): Promise<void>;
  now(): Date;
}

/**
 * Runs one event's deliveries. When the only failures are throttled mails (their claims released,
 * so they are pending), the event goes back on the bus and the run ends without error: Lambda's two
 * retries are not spent, and nothing reaches the DLQ. Any other failure throws as before.
 */
export async function deliverRequeuingThrottled(
  run: () => Promise<unknown>,
  event: DomainEvent,
  requeue: Requeue,
): Promise<'done' | 'requeued'> {
  try {
    await run();
    return 'done';
  } catch (err) {
    if (!(err instanceof DeliveryFailedError) || !err.failures.every((f) => f.throttled)) throw err;
    const age = requeue.now().getTime() - Date.parse(event.occurredAt);
    if (age > REQUEUE_MAX_AGE_MS) throw err;
    await requeue.put(event);
    log.warn('SES throttled mail of this event; put back on the bus', {
      eventId: event.eventId,
      throttled: err.failures.length,
    });
    return 'requeued';
  }
}
