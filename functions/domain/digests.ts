// Digests of bursts: emails of the categories a firm digests go into the recipient's open window
// (notify core → DigestSink) instead of out; this scheduled run mails each window once it is due,
// as ONE email listing its entries. Due windows are found through an index of due times (never a
// Scan) and each is sent exactly once:
// - a window is claimed by a conditional write (open → sending, with a lease) before anything is
//   read or sent, so two runs at once (or a retried run) cannot both mail it;
// - an entry arriving while its window is sending is never lost: the sink attaches entries only to
//   an OPEN window, otherwise it opens a new one (due a full window later);
// - after the mail, the window is marked sent with the SES message id, retried in place; a send
//   that failed releases the claim, so the next run (a minute later) retries it.
// The one gap left: a crash (or a mark that fails every retry) after SES accepted the mail and before
// the window is marked sent. The claim is then kept until its lease lapses and the next run mails the
// window again: at least once in that window of milliseconds, rather than never. SES takes no
// idempotency key, so nothing can close it.
import { describeError, retryInPlace } from './after-side-effect';
import type { NotificationCategory } from './notification-matrix';
import type { Clock, Page, PageRequest } from './ports';

/** Who a digest is for, as captured when its window opened. */
export interface DigestRecipient {
  kind: 'staff' | 'contact';
  id: string;
  name: string;
  email?: string;
  locale?: string;
}

/** A due window as the index lists it (enough to read the window itself). */
export interface DigestRef {
  firmId: string;
  /** `<kind>-<id>`, as delivery keys name recipients. */
  recipientKey: string;
  category: NotificationCategory;
  windowId: string;
}

/** One window: one email, once due. */
export interface DigestWindow extends DigestRef {
  status: 'open' | 'sending' | 'sent';
  recipient: DigestRecipient;
  windowMinutes: number;
  /** When the window opened (its first entry) and when it falls due. */
  openedAt: string;
  dueAt: string;
  entryCount: number;
  /** Epoch ms: a `sending` window whose lease lapsed belongs to nobody (its run crashed). */
  leaseUntil?: number;
  attempts?: number;
  lastError?: string;
  messageId?: string;
  sentAt?: string;
}

/** One message batched into a window, as rendered for its own email. */
export interface DigestItem {
  eventId: string;
  type: string;
  caseId?: string;
  subject: string;
  title: string;
  body: string;
  link?: string;
  at: string;
}

export interface DigestStore {
  /** Windows of one index shard due at or before `dueBy`, oldest due first (the index may lag: the claim decides). */
  due(shard: number, dueBy: string, page: PageRequest): Promise<Page<DigestRef>>;
  /** The window itself, read consistently. */
  window(ref: DigestRef): Promise<DigestWindow | undefined>;
  /**
   * open → sending (or a `sending` window whose lease lapsed, or that a failed send released), with
   * a lease until `leaseUntil`. False when another run holds it or it was sent: nothing written.
   */
  claim(ref: DigestRef, now: Date, leaseUntil: number): Promise<boolean>;
  /** Every entry of the window, read consistently, oldest first. */
  entries(ref: DigestRef): Promise<DigestItem[]>;
  /** sending → sent with the message id, off the due index; only while our claim (`leaseUntil`) holds it. */
  markSent(ref: DigestRef, leaseUntil: number, sent: { messageId: string; sentAt: string }): Promise<void>;
  /** Keeps it `sending` with the error and drops the lease, so the next run retries at once. */
  release(ref: DigestRef, leaseUntil: number, failure: { error: string; at: string }): Promise<void>;
  /** The firm's default locale (recipients who chose none read the digest in it). */
  firmLocale(firmId: string): Promise<string | undefined>;
}

/** The digest email, rendered (see functions/notify/digest-mail.ts). */
export interface DigestMail {
  subject: string;
  text: string;
  html: string;
}

export interface DigestDeps {
  digests: DigestStore;
  /** The notify core's Mailer port (SES). */
  mailer: {
    send(mail: { to: string; subject: string; text: string; html: string }): Promise<{ messageId: string }>;
  };
  render(window: DigestWindow, items: DigestItem[], firmLocale: string | undefined): DigestMail;
  clock: Clock;
  shards: number;
  /** How long a claim keeps other runs away; longer than the function's timeout. */
  leaseMs?: number;
}

export interface DigestRun {
  now: string;
  /** Due windows found in the index. */
  due: number;
  /** Windows mailed by this run (one email each). */
  sent: number;
  /** Claimed by another run, already sent, or not due after all (the index lags). */
  skipped: number;
  /** Claimed but not mailed (released: the next run retries), or mailed but not recorded (kept claimed). */
  failures: { windowId: string; error: string }[];
}

const PAGE = 50;
/** Longer than the digest function's timeout (2 minutes), so a live run is never taken for a crashed one. */
export const DIGEST_LEASE_MS = 3 * 60_000;

/** Runs every due digest window once. The clock is a parameter: the local stack advances it in tests. */
export function digestRunner(deps: DigestDeps) {
  return async (): Promise<DigestRun> => {
    const now = deps.clock.now();
    const run: DigestRun = { now: now.toISOString(), due: 0, sent: 0, skipped: 0, failures: [] };
    for (let shard = 0; shard < deps.shards; shard++) {
      let nextToken: string | undefined;
      do {
        const page = await deps.digests.due(shard, run.now, {
          limit: PAGE,
          ...(nextToken ? { nextToken } : {}),
        });
        for (const ref of page.items) {
          run.due++;
          const outcome = await mailWindow(deps, ref, now);
          if (typeof outcome === 'string') run[outcome]++;
          else run.failures.push({ windowId: ref.windowId, error: outcome.error });
        }
        nextToken = page.nextToken;
      } while (nextToken);
    }
    return run;
  };
}

type Outcome = 'sent' | 'skipped' | { error: string };

async function mailWindow(deps: DigestDeps, ref: DigestRef, now: Date): Promise<Outcome> {
  const window = await deps.digests.window(ref);
  // The index lags behind the item: only a window still unsent and due now is served.
  if (!window || window.status === 'sent' || window.dueAt > now.toISOString()) return 'skipped';
  const leaseUntil = now.getTime() + (deps.leaseMs ?? DIGEST_LEASE_MS);
  if (!(await deps.digests.claim(ref, now, leaseUntil))) return 'skipped';
  const at = () => deps.clock.now().toISOString();
  let messageId: string;
  try {
    const items = await deps.digests.entries(ref);
    // The sink opens windows only for recipients with an address, with their first entry in the same
    // transaction: neither can be missing. Were one missing, the window is reported failed (and
    // expires with its TTL) rather than mailed empty.
    if (!window.recipient.email || items.length === 0)
      throw new Error('nothing to mail: no address or no entry');
    const mail = deps.render(window, items, await deps.digests.firmLocale(ref.firmId));
    ({ messageId } = await deps.mailer.send({ to: window.recipient.email, ...mail }));
  } catch (err) {
    const error = describeError(err);
    await deps.digests.release(ref, leaseUntil, { error, at: at() }).catch(() => undefined); // the lease lapses instead
    return { error };
  }
  // The mail is out: releasing now would mail it again, so the record is retried in place and,
  // failing that, the claim is kept (see the top of this file for the gap left).
  try {
    await retryInPlace(() => deps.digests.markSent(ref, leaseUntil, { messageId, sentAt: at() }));
    return 'sent';
  } catch (err) {
    return { error: `mailed (${messageId}) but not recorded: ${describeError(err)}` };
  }
}
