// The delivery engine: runs an event through its policy and delivers each planned delivery exactly
// once per event × recipient × channel. An in-app delivery is one transaction: its record (the
// claim, written 'sent'), the inbox item and the unread counter commit together or not at all. A
// mail or push is claimed (a conditional write of its record) before it is rendered and sent, then
// recorded 'sent'. Failed deliveries stay pending (in-app: unwritten) and make the whole event fail
// after the others were tried, so the retry (and in the end the DLQ) carries exactly what is left
// to do. With a gate, the firm's notification matrix is consulted for every planned delivery first:
// what it switches off is recorded `suppressed` with its reason (never claimed, never sent), so
// delivery status explains every notice not given. Then each recipient's own preferences, except for
// categories the firm made mandatory (the same read says who has push devices: nobody else's are
// looked up).
//
// Beyond the policy's plan, the core adds: a push to the recipient's devices for every in-app
// delivery (Pusher port), dedupe of the same news across events (a PlannedDelivery's dedupeKey,
// claimed with the delivery), digest batching of emails of the categories the firm digests
// (DigestSink port; the digest function mails them later), and a suppressed record, with words
// saying why, for every planned delivery not made (policy, preference, dedupe, digest, unreachable).
import { describeError, retryInPlace } from '../domain/after-side-effect';
import type { SuppressReason } from '../domain/deliveries';
import type { InboxItem, InboxOwner } from '../domain/inbox';
import { type MailMark, mailSuppression, normalizeEmail } from '../domain/mail-addresses';
import {
  allows,
  categoryOf,
  NOTIFYING_EVENTS,
  type NotificationCategory,
  type NotificationMatrix,
} from '../domain/notification-matrix';
import type { Clock, Ids } from '../domain/ports';
import { prefers, type StoredPreferences } from '../domain/preferences';
import type { DomainEvent } from '../events/catalogue';
import { log } from '../log';
import type {
  Channel,
  Message,
  PlannedDelivery,
  Policy,
  PolicyPorts,
  PolicyTable,
  Recipient,
  Texts,
} from './policy';

/** Identifies one delivery: event × recipient × channel. */
export interface DeliveryKey {
  firmId: string;
  eventId: string;
  /** `<kind>-<id>`: `staff-01H…` or `contact-01H…`. */
  recipient: string;
  channel: Channel;
}

/**
 * `claimed`: this attempt owns the delivery. `sent`: an earlier attempt delivered it, or it was
 * suppressed (final either way: skip).
 * `busy`: another attempt holds a live claim right now (a duplicate event in flight): try later.
 * `{ duplicateOf }`: the delivery's dedupe key was claimed by another event (that event's id):
 * nothing was written; the recipient hears of this news from that one.
 */
export type ClaimResult = 'claimed' | 'sent' | 'busy' | { duplicateOf: string };

export interface DeliveryStore {
  /**
   * Creates the delivery record as pending, or re-claims a pending one whose previous attempt
   * released it or went stale (crashed), counting attempts. Never re-claims a sent one.
   */
  claim(
    key: DeliveryKey,
    info: {
      type: string;
      caseId?: string;
      now: Date;
      leaseMs: number;
      /**
       * Claimed with the delivery in one transaction: a marker per dedupe key × recipient × channel
       * naming the event that holds it (the same event may re-claim it on a retry).
       */
      dedupeKey?: string;
    },
  ): Promise<ClaimResult>;
  markSent(key: DeliveryKey, result: { sentAt: string; messageId: string }): Promise<void>;
  /** Keeps the delivery pending with its error and releases the claim, so the retry re-claims it at once. */
  release(key: DeliveryKey, failure: { error: string; at: string }): Promise<void>;
  /**
   * A claimed email went into a digest: recorded suppressed `digest` with words saying which and
   * when. Needed only by a notifier with `digests`.
   */
  markDigested?(key: DeliveryKey, info: { digestId: string; dueAt: string; detail: string }): Promise<void>;
  /**
   * A claimed delivery whose message was withdrawn while it was being rendered (the render threw a
   * `gone` error): recorded suppressed `withdrawn` with the words why, final, so no retry waits on it.
   */
  markWithdrawn?(key: DeliveryKey, detail: string): Promise<void>;
}

/** Records deliveries the firm's settings stopped. */
export interface SuppressionLog {
  /** Writes the record as `suppressed` with its reason, unless a record exists already (that one wins). */
  suppress(
    key: DeliveryKey,
    info: { type: string; caseId?: string; reason: SuppressReason; detail: string; now: Date },
  ): Promise<void>;
}

/** What the firm decided: read once per event, before any delivery is claimed. */
export interface NotificationGate {
  matrixOf(
    firmId: string,
  ): Promise<Pick<NotificationMatrix, 'matrix' | 'mandatory'> & Partial<Pick<NotificationMatrix, 'digest'>>>;
  /**
   * The recipients' own preferences, in one read, by `<kind>-<id>` (nobody to ask: absent), with what
   * the same read says of their push devices.
   */
  preferencesOf(recipients: Recipient[]): Promise<Map<string, RecipientPreferences>>;
  /**
   * What SES reported of the recipients' addresses (hard bounces, complaints), in one read per event,
   * by address (addresses with no mark are absent). Without it, no address is ever held back.
   */
  mailMarksOf?(emails: string[]): Promise<Map<string, MailMark>>;
  suppressions: SuppressionLog;
}

/** A recipient's saved preferences and, from the same item, their push devices. */
export interface RecipientPreferences extends StoredPreferences {
  /**
   * How many push subscriptions the recipient holds (kept with the preferences when one is added or
   * removed). 0: no device lookup, nothing to push. Absent: unknown, the Pusher is asked.
   */
  pushDevices?: number;
}

export interface InAppDelivery {
  key: DeliveryKey;
  owner: InboxOwner;
  /** Contacts with a portal identity: their items are also listed by identity. */
  identityId?: string;
  item: InboxItem;
  at: string;
  /** The news's dedupe key: its marker is taken in the same transaction (see DeliveryStore.claim). */
  dedupeKey?: string;
}

export interface InboxWriter {
  /**
   * The whole in-app delivery in one transaction: writes its record `sent` (new, or pending), the
   * inbox item, 1 more on the owner's unread counter, and the dedupe marker if any. True: delivered.
   * False: it was delivered (or suppressed) already, and nothing was written. `{ duplicateOf }`:
   * another event holds the news's dedupe marker, and nothing was written.
   */
  deliverInApp(d: InAppDelivery): Promise<boolean | { duplicateOf: string }>;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: Mail): Promise<{ messageId: string }>;
}

/** One registered push subscription of a recipient (what it holds is the adapter's business). */
export interface PushDevice {
  subscriptionId: string;
}

export interface PushPayload {
  title: string;
  body: string;
  link?: string;
  /** The event id: a re-sent push replaces the earlier one on the device instead of showing twice. */
  tag: string;
}

export interface Pusher {
  /** The recipient's registered devices (contacts: by portal identity; none before they have one). */
  devicesOf(recipient: Recipient): Promise<PushDevice[]>;
  /**
   * Sends one notification to one device. `gone`: the push service says the subscription no longer
   * exists; the adapter has removed it. Throws on any other failure (the delivery is retried).
   */
  push(recipient: Recipient, device: PushDevice, payload: PushPayload): Promise<'sent' | 'gone'>;
}

/** One email batched into a recipient's digest of a category. */
export interface DigestEntry {
  key: DeliveryKey;
  recipient: Recipient;
  category: NotificationCategory;
  windowMinutes: number;
  type: string;
  caseId?: string;
  message: Message;
  at: Date;
}

export interface DigestSink {
  /**
   * Adds the entry to the recipient's open digest of the category, opening one due in
   * `windowMinutes` when none is open. Idempotent per delivery key (a retry adds nothing twice).
   */
  add(entry: DigestEntry): Promise<{ digestId: string; dueAt: string }>;
}

export interface NotifierDeps {
  deliveries: DeliveryStore;
  inbox: InboxWriter;
  mailer: Mailer;
  policies: PolicyTable;
  ports: PolicyPorts;
  /** The firm's settings; without one (tests of the core alone) every planned delivery is made. */
  gate?: NotificationGate;
  /** Push to registered devices, mirroring in-app deliveries; without it nothing is pushed. */
  pusher?: Pusher;
  /** Digest batching of emails of the categories the firm digests; without it every mail goes at once. */
  digests?: DigestSink;
  /** The texts (templates and the firm's overrides) policies render with, per event's firm. */
  texts?: (firmId: string) => Texts;
  clock: Clock;
  ids: Ids;
  /** Deliveries in flight at once (SES and DynamoDB calls are I/O bound). */
  concurrency?: number;
  /** How long a claim keeps a duplicate attempt away; beyond it a crashed attempt's claim is stale. */
  leaseMs?: number;
}

export interface NotifyOutcome {
  planned: number;
  delivered: number;
  /** Already delivered by an earlier attempt, nothing to deliver to, or suppressed by the firm's settings. */
  skipped: number;
  failed: number;
}

export interface DeliveryFailure {
  recipient: string;
  channel: Channel;
  error: string;
  /** The mail was refused for SES's send rate (notify puts the event back on the bus, decision 0022). */
  throttled?: boolean;
}

/** Thrown after every delivery of an event was tried, when some could not be made: retry the event. */
export class DeliveryFailedError extends Error {
  constructor(
    readonly eventId: string,
    readonly failures: DeliveryFailure[],
  ) {
    super(
      `${failures.length} deliveries of event ${eventId} failed (they stay pending; a retry delivers only those): ${failures
        .slice(0, 5)
        .map((f) => `${f.recipient}/${f.channel}: ${f.error}`)
        .join('; ')}`,
    );
    this.name = 'DeliveryFailedError';
  }
}

export const DEFAULT_CONCURRENCY = 16;
/** Longer than the notify function's timeout, so a live attempt is never taken for a crashed one. */
export const DEFAULT_LEASE_MS = 45_000;

export const deliveryKeyOf = (
  event: Pick<DomainEvent, 'firmId' | 'eventId'>,
  d: Pick<PlannedDelivery, 'recipient' | 'channel'>,
): DeliveryKey => ({
  firmId: event.firmId,
  eventId: event.eventId,
  recipient: `${d.recipient.kind}-${d.recipient.id}`,
  channel: d.channel,
});

type Result = 'delivered' | 'skipped' | DeliveryFailure;

type Suppression = { reason: SuppressReason; detail: string };

/** Words for a delivery whose news another event brought first. */
const duplicateOf = (p: PlannedDelivery, eventId: string): Suppression => ({
  reason: 'dedupe',
  detail: `The recipient was already told of this by ${p.channel} (event ${eventId}).`,
});

const labelOf = (type: string) =>
  (NOTIFYING_EVENTS as Partial<Record<string, { label: string }>>)[type]?.label ?? type;

/** The decision on one planned delivery: the firm's matrix first, then the recipient's preferences. */
export function gateDecision(
  matrix: Pick<NotificationMatrix, 'matrix' | 'mandatory'>,
  preferences: StoredPreferences | undefined,
  type: string,
  channel: Channel,
): 'deliver' | SuppressReason {
  if (!allows(matrix, type, channel)) return 'policy';
  const category = categoryOf(type);
  if (category && !prefers(preferences, category, channel, matrix.mandatory)) return 'preference';
  return 'deliver';
}

/** Words for the delivery status: why the gate stopped it. */
function gateDetail(reason: SuppressReason, type: string, channel: Channel): string {
  return reason === 'policy'
    ? `The firm switched off ${channel} notifications for "${labelOf(type)}".`
    : `The recipient switched off ${categoryOf(type) ?? type} notifications by ${channel}.`;
}

/** Deliveries that could never arrive: recorded so the status says why (never claimed). */
function unreachable(p: PlannedDelivery): Suppression | undefined {
  if (p.channel === 'email' && !p.recipient.email)
    return { reason: 'unreachable', detail: 'The recipient has no email address.' };
  if (p.channel !== 'email' && p.recipient.kind === 'contact' && !p.recipient.identityId)
    // A contact reads its inbox (and registers devices) by portal identity; before it has one, an
    // item could never be seen.
    return {
      reason: 'unreachable',
      detail: 'The client has not accepted a portal invitation yet, so has no portal inbox.',
    };
  return undefined;
}

const noTexts = (): Texts => ({
  render: () => Promise.reject(new Error('the notifier was built without texts; policies cannot render')),
});

export function notifier(deps: NotifierDeps) {
  const concurrency = Math.max(1, deps.concurrency ?? DEFAULT_CONCURRENCY);
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;

  const info = (event: DomainEvent) => ({
    type: event.type,
    ...(event.caseId ? { caseId: event.caseId } : {}),
  });

  async function suppress(event: DomainEvent, p: PlannedDelivery, why: Suppression): Promise<Result> {
    const key = deliveryKeyOf(event, p);
    const log = deps.gate?.suppressions;
    if (!log) return 'skipped'; // the core alone (tests): nothing to record in
    try {
      await log.suppress(key, { ...info(event), ...why, now: deps.clock.now() });
      return 'skipped';
    } catch (err) {
      return { recipient: key.recipient, channel: p.channel, error: describeError(err) };
    }
  }

  /**
   * Claims the delivery (with its dedupe marker). Returns 'go' when this attempt owns it, or the
   * result to report when it does not.
   */
  async function claimFor(event: DomainEvent, p: PlannedDelivery): Promise<'go' | Result> {
    const key = deliveryKeyOf(event, p);
    let claim: ClaimResult;
    try {
      claim = await deps.deliveries.claim(key, {
        ...info(event),
        now: deps.clock.now(),
        leaseMs,
        ...(p.dedupeKey ? { dedupeKey: p.dedupeKey } : {}),
      });
    } catch (err) {
      return { recipient: key.recipient, channel: p.channel, error: describeError(err) };
    }
    if (claim === 'claimed') return 'go';
    if (claim === 'sent') return 'skipped';
    if (claim === 'busy')
      return { recipient: key.recipient, channel: p.channel, error: 'another attempt is delivering it' };
    return suppress(event, p, duplicateOf(p, claim.duplicateOf));
  }

  async function fail(key: DeliveryKey, err: unknown): Promise<DeliveryFailure> {
    const error = describeError(err);
    await deps.deliveries
      .release(key, { error, at: deps.clock.now().toISOString() })
      .catch((e) =>
        log.warn('could not release a failed delivery; its claim goes stale instead', { key, error: e }),
      );
    return {
      recipient: key.recipient,
      channel: key.channel,
      error,
      ...((err as Error)?.name === 'MailThrottled' && { throttled: true }),
    };
  }

  async function deliver(
    event: DomainEvent,
    planned: PlannedDelivery,
    digestMinutes: number | undefined,
    pushDevices: number | undefined,
  ): Promise<Result> {
    const key = deliveryKeyOf(event, planned);
    const { recipient, channel } = planned;
    if (channel === 'inApp') return deliverInApp(event, planned);
    let devices: PushDevice[] = [];
    if (channel === 'push') {
      // Most people have no device registered: that is not a notice withheld, so no record; the
      // preference read already said so when it counts none (no lookup).
      if (!deps.pusher || pushDevices === 0) return 'skipped';
      try {
        devices = await deps.pusher.devicesOf(recipient);
      } catch (err) {
        return { recipient: key.recipient, channel, error: describeError(err) };
      }
      if (devices.length === 0) return 'skipped';
    }
    const claimed = await claimFor(event, planned);
    if (claimed !== 'go') return claimed;
    let mailed = false;
    try {
      const message = await planned.render();
      const at = deps.clock.now().toISOString();
      if (channel === 'push') {
        const payload: PushPayload = {
          ...(message.push ?? { title: message.title, body: message.body }),
          ...(message.link ? { link: message.link } : {}),
          tag: event.eventId,
        };
        const results = await Promise.all(devices.map((d) => deps.pusher!.push(recipient, d, payload)));
        const sent = results.filter((r) => r === 'sent').length;
        await deps.deliveries.markSent(key, { sentAt: at, messageId: `push:${sent}/${devices.length}` });
        return 'delivered';
      }
      if (digestMinutes && deps.digests && deps.deliveries.markDigested) {
        const category = categoryOf(event.type)!;
        const { digestId, dueAt } = await deps.digests.add({
          key,
          recipient,
          category,
          windowMinutes: digestMinutes,
          ...info(event),
          message,
          at: deps.clock.now(),
        });
        await deps.deliveries.markDigested(key, {
          digestId,
          dueAt,
          detail: `Batched into the ${category} digest mailed at ${dueAt} (digest ${digestId}).`,
        });
        return 'skipped';
      }
      const { messageId } = await deps.mailer.send({
        to: recipient.email!,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      // The mail is out. Releasing the claim now (the catch below) would let the retry mail it a
      // second time, so its record is retried in place and, failing that, the claim is kept.
      mailed = true;
      await retryInPlace(() =>
        deps.deliveries.markSent(key, { sentAt: deps.clock.now().toISOString(), messageId }),
      );
      return 'delivered';
    } catch (err) {
      if (mailed) {
        // Kept claimed: a retry finds it busy until the lease lapses (then, and only then, a mail whose
        // record could never be written goes out again: at least once rather than lost).
        log.error('mail sent but its delivery record could not be written; claim kept', { key, error: err });
        return { recipient: key.recipient, channel, error: describeError(err) };
      }
      // Withdrawn between the policy's read and the render (an invitation replaced or withdrawn): no
      // retry can send it, and a released claim would be left pending for good.
      if ((err as { kind?: unknown })?.kind === 'gone' && deps.deliveries.markWithdrawn) {
        await deps.deliveries.markWithdrawn(key, (err as Error).message);
        return 'skipped';
      }
      return fail(key, err);
    }
  }

  /**
   * Renders, then claims and delivers in one transaction (no claim before: a replay renders again and
   * writes nothing). A failure has written nothing (its release finds no pending record, and the
   * failure is still counted); the retry delivers it.
   */
  async function deliverInApp(event: DomainEvent, planned: PlannedDelivery): Promise<Result> {
    const key = deliveryKeyOf(event, planned);
    const { recipient } = planned;
    try {
      const message = await planned.render();
      const at = deps.clock.now().toISOString();
      const done = await deps.inbox.deliverInApp({
        key,
        owner: { firmId: recipient.firmId, kind: recipient.kind, id: recipient.id },
        ...(recipient.identityId ? { identityId: recipient.identityId } : {}),
        item: inboxItemOf(event, message, deps.ids.next(), at),
        at,
        ...(planned.dedupeKey ? { dedupeKey: planned.dedupeKey } : {}),
      });
      if (done === true) return 'delivered';
      if (done === false) return 'skipped';
      return suppress(event, planned, duplicateOf(planned, done.duplicateOf));
    } catch (err) {
      return fail(key, err);
    }
  }

  return async (event: DomainEvent): Promise<NotifyOutcome> => {
    const policy = deps.policies[event.type] as Policy<typeof event.type> | undefined;
    if (!policy) {
      log.info('no notification policy for this event type', { eventId: event.eventId, type: event.type });
      return { planned: 0, delivered: 0, skipped: 0, failed: 0 };
    }
    const texts = (deps.texts ?? noTexts)(event.firmId);
    const fromPolicy = uniqueDeliveries(
      event,
      await policy(event as never, { now: () => deps.clock.now(), ports: deps.ports, texts }),
    );
    // Push mirrors in-app: the same item, on the recipient's devices (what the policy decided
    // against is explained by the in-app record alone).
    const planned = deps.pusher
      ? fromPolicy.flatMap((p) =>
          p.channel === 'inApp' && !p.suppressed ? [p, { ...p, channel: 'push' as const }] : [p],
        )
      : fromPolicy;
    const gate = deps.gate;
    const matrix = gate ? await gate.matrixOf(event.firmId) : undefined;
    // Preferences matter only where the firm lets the delivery through: one read for all of those.
    const asked =
      matrix && gate
        ? planned.filter(
            (p) => !p.suppressed && gateDecision(matrix, undefined, event.type, p.channel) === 'deliver',
          )
        : [];
    const category = categoryOf(event.type);
    const digestMinutes = category ? matrix?.digest?.[category] : undefined;
    // Bounces and complaints: one read of the addresses this event would mail (not one per delivery),
    // in parallel with the preferences' (neither needs the other).
    const mailed = asked.flatMap((p) => (p.channel === 'email' && p.recipient.email ? [addressOf(p)] : []));
    const [preferences, marks] = await Promise.all([
      asked.length > 0
        ? gate!.preferencesOf(asked.map((p) => p.recipient))
        : new Map<string, RecipientPreferences>(),
      mailed.length > 0 && gate?.mailMarksOf ? gate.mailMarksOf(mailed) : new Map<string, MailMark>(),
    ]);
    const results = await mapLimit(planned, concurrency, async (p): Promise<Result> => {
      if (p.suppressed) return suppress(event, p, p.suppressed);
      const decision = matrix
        ? gateDecision(
            matrix,
            preferences.get(`${p.recipient.kind}-${p.recipient.id}`),
            event.type,
            p.channel,
          )
        : 'deliver';
      if (decision !== 'deliver')
        return suppress(event, p, { reason: decision, detail: gateDetail(decision, event.type, p.channel) });
      const cannot = unreachable(p);
      if (cannot) return p.channel === 'push' ? 'skipped' : suppress(event, p, cannot);
      const held =
        p.channel === 'email'
          ? mailSuppression(marks.get(addressOf(p)), category, matrix?.mandatory ?? [])
          : undefined;
      if (held) return suppress(event, p, held);
      return deliver(
        event,
        p,
        p.channel === 'email' ? digestMinutes : undefined,
        preferences.get(`${p.recipient.kind}-${p.recipient.id}`)?.pushDevices,
      );
    });
    const failures = results.filter((r): r is DeliveryFailure => typeof r === 'object');
    const outcome: NotifyOutcome = {
      planned: planned.length,
      delivered: results.filter((r) => r === 'delivered').length,
      skipped: results.filter((r) => r === 'skipped').length,
      failed: failures.length,
    };
    log.info('event notified', { eventId: event.eventId, type: event.type, ...outcome });
    if (failures.length > 0) {
      log.warn('deliveries failed; they stay pending for the retry', { eventId: event.eventId, failures });
      throw new DeliveryFailedError(event.eventId, failures);
    }
    return outcome;
  };
}

function inboxItemOf(event: DomainEvent, message: Message, itemId: string, at: string): InboxItem {
  return {
    itemId,
    firmId: event.firmId,
    ...(event.caseId ? { caseId: event.caseId } : {}),
    eventId: event.eventId,
    type: event.type,
    title: message.title,
    body: message.body,
    ...(message.link ? { link: message.link } : {}),
    createdAt: at,
  };
}

/** Marks are kept by address as SES reports it; contacts' are stored lower-cased already, staff's may not be. */
const addressOf = (p: PlannedDelivery) => normalizeEmail(p.recipient.email ?? '');

/** A policy that names the same recipient × channel twice still delivers once. */
function uniqueDeliveries(event: DomainEvent, planned: PlannedDelivery[]): PlannedDelivery[] {
  const seen = new Set<string>();
  return planned.filter((p) => {
    const k = deliveryKeyOf(event, p);
    const id = `${k.recipient}|${k.channel}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
