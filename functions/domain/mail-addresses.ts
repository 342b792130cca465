// Mail feedback: what SES reports of an address (hard bounce, complaint) and what follows from it.
// A hard bounce makes the address unreachable (mail to it is suppressed `unreachable`); a complaint
// stops every category the firm did not make mandatory (suppressed `preference`). Both are kept per
// address, not per person: SES names an address, and one address may belong to contacts of several
// firms and to a staff user. Setting a contact's address (PATCH /contacts/{id}) clears its mark.
import * as z from '../zod-mini';
import type { SuppressReason } from './deliveries';
import type { NotificationCategory } from './notification-matrix';

/**
 * Emails compare case-insensitively and without surrounding space (as SES reports them, as contacts
 * and staff are stored, and as the staff pool's usernames are).
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What is stored for one address; an address SES never complained of has no item. */
export interface MailMark {
  email: string;
  /** The first hard bounce since the mark was last cleared, with SES's words for it. */
  bounced?: { since: string; detail: string };
  /** The first complaint ("this is spam") since the mark was last cleared. */
  complained?: { since: string };
}

export interface MailAddressStore {
  /** The marks of these addresses, by address, in one read (addresses with none are absent). */
  marksOf(emails: string[]): Promise<Map<string, MailMark>>;
  /** Marks the address bounced; an existing mark keeps its first `since`. */
  recordBounce(email: string, bounce: { at: string; detail: string }): Promise<void>;
  /** Marks the address complained; an existing mark keeps its first `since`. */
  recordComplaint(email: string, at: string): Promise<void>;
}

/**
 * The parts of an SES event-publishing record we read (SES sends more; it is ignored). Built on the
 * first SES event a container parses, not at import: notify loads this module for every domain event.
 */
function sesEventDetailSchema() {
  const Recipients = z.array(
    z.object({ emailAddress: z.string().check(z.minLength(1)), diagnosticCode: z.optional(z.string()) }),
  );
  return z.union([
    z.object({
      eventType: z.literal('Bounce'),
      bounce: z.object({
        bounceType: z.string(),
        bounceSubType: z.optional(z.string()),
        bouncedRecipients: Recipients,
        timestamp: z.string(),
      }),
    }),
    z.object({
      eventType: z.literal('Complaint'),
      complaint: z.object({
        complainedRecipients: Recipients,
        timestamp: z.string(),
        complaintFeedbackType: z.optional(z.string()),
      }),
    }),
  ]);
}
let SesEventDetail: ReturnType<typeof sesEventDetailSchema> | undefined;

export type MailFeedback =
  | { kind: 'bounce'; emails: string[]; at: string; detail: (email: string) => string }
  | { kind: 'complaint'; emails: string[]; at: string }
  /** Transient and undetermined bounces: SES retried already; the address may work tomorrow. */
  | { kind: 'ignored'; why: string };

/** Reads an SES bounce or complaint event's detail. Throws when it is not one (the DLQ keeps it). */
export function parseMailFeedback(detail: unknown): MailFeedback {
  SesEventDetail ??= sesEventDetailSchema();
  const parsed = SesEventDetail.safeParse(detail);
  if (!parsed.success) throw new Error('not an SES bounce or complaint event');
  const d = parsed.data;
  if (d.eventType === 'Complaint') {
    const at = isoOr(d.complaint.timestamp);
    return {
      kind: 'complaint',
      emails: d.complaint.complainedRecipients.map((r) => normalizeEmail(r.emailAddress)),
      at,
    };
  }
  if (d.bounce.bounceType !== 'Permanent')
    return {
      kind: 'ignored',
      why: `${d.bounce.bounceType} bounce (only a permanent bounce marks an address)`,
    };
  const codes = new Map(
    d.bounce.bouncedRecipients.map((r) => [normalizeEmail(r.emailAddress), r.diagnosticCode] as const),
  );
  const subType = d.bounce.bounceSubType ?? 'General';
  return {
    kind: 'bounce',
    emails: [...codes.keys()],
    at: isoOr(d.bounce.timestamp),
    detail: (email) => {
      const code = codes.get(email);
      return code ? `${subType}: ${code}` : subType;
    },
  };
}

/** SES timestamps are ISO already; anything else is stored as the time we learnt of it. */
function isoOr(value: string, now = new Date()): string {
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? now.toISOString() : t.toISOString();
}

/** Records what SES reported; returns the addresses it marked (none for an ignored event). */
export async function recordMailFeedback(
  store: Pick<MailAddressStore, 'recordBounce' | 'recordComplaint'>,
  feedback: MailFeedback,
): Promise<string[]> {
  if (feedback.kind === 'ignored') return [];
  for (const email of feedback.emails) {
    if (feedback.kind === 'bounce')
      await store.recordBounce(email, { at: feedback.at, detail: feedback.detail(email) });
    else await store.recordComplaint(email, feedback.at);
  }
  return feedback.emails;
}

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** What staff see on a contact: whether its address still receives mail, since when, and why not. */
export const MailStatusView = z.object({
  status: z.enum(['unreachable', 'complained']),
  since: z.string(),
  reason: z.string(),
});
export type MailStatusView = z.output<typeof MailStatusView>;

/**
 * Whether a mark stops a mail of this category: a bounce stops every mail (even mandatory ones: it
 * cannot arrive), a complaint every category the firm did not make mandatory. Words say when and why.
 */
export function mailSuppression(
  mark: MailMark | undefined,
  category: NotificationCategory | undefined,
  mandatory: readonly NotificationCategory[],
): { reason: SuppressReason; detail: string } | undefined {
  if (!mark) return undefined;
  if (mark.bounced)
    return {
      reason: 'unreachable',
      detail: `Mail to ${mark.email} bounced permanently on ${when(mark.bounced.since)} (${mark.bounced.detail}); nothing is mailed to it until a staff user sets the contact's address again.`,
    };
  if (mark.complained && category && !mandatory.includes(category))
    return {
      reason: 'preference',
      detail: `${mark.email} reported a mail from us as spam on ${when(mark.complained.since)}; only notifications the firm made mandatory are mailed to it.`,
    };
  return undefined;
}

export function mailStatusOf(mark: MailMark | undefined): MailStatusView | undefined {
  if (mark?.bounced)
    return {
      status: 'unreachable',
      since: mark.bounced.since,
      reason: `Mail to this address bounced permanently (${mark.bounced.detail}). Correct the address (or set it again once it works) to mail it again.`,
    };
  if (mark?.complained)
    return {
      status: 'complained',
      since: mark.complained.since,
      reason:
        'The recipient reported a mail from us as spam: only notifications the firm made mandatory are mailed. Setting the address again clears this.',
    };
  return undefined;
}
