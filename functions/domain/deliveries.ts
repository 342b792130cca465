// Delivery status for staff: the records the notify core keeps per event × recipient × channel,
// listed by event or by case, each saying whether it was sent, suppressed (and why) or failed.
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import type { Case } from './cases';
import { checkedAlongside } from './checks';
import { notFound } from './errors';
import type { Page, PageRequest } from './ports';
import type { StaffPrincipal } from './principal';

/**
 * Why a planned delivery was not made: `policy` (the firm's matrix, document path or notify-client
 * flags), `preference` (the recipient's own), `dedupe` (already told of this news on this channel),
 * `digest` (batched into a digest mail), `unreachable` (no address, or no portal identity yet),
 * `withdrawn` (what it would carry was withdrawn before it went out: an invitation replaced, accepted,
 * revoked, or withdrawn by an email change, between the policy's read and the mail).
 */
export const SUPPRESS_REASONS = [
  'policy',
  'preference',
  'dedupe',
  'digest',
  'unreachable',
  'withdrawn',
] as const;
export type SuppressReason = (typeof SUPPRESS_REASONS)[number];

/** A delivery record as the notify core writes it. */
export interface DeliveryRecord {
  firmId: string;
  eventId: string;
  type: string;
  caseId?: string;
  recipient: string;
  channel: string;
  status: 'pending' | 'sent' | 'suppressed';
  reason?: SuppressReason;
  /** Words for people: why it was suppressed (which setting, which earlier event, which digest). */
  detail?: string;
  attempts?: number;
  leaseUntil?: number;
  lastError?: string;
  lastErrorAt?: string;
  createdAt: string;
  sentAt?: string;
}

export const DeliveryView = lazySchema(() =>
  z.object({
    eventId: z.string(),
    type: z.string(),
    caseId: z.optional(z.string()),
    recipient: z.object({ kind: z.enum(['staff', 'contact']), id: z.string() }),
    channel: z.string(),
    /** `failed`: the last attempt failed and the retry has not (yet) delivered it; `pending`: in flight. */
    status: z.enum(['pending', 'sent', 'suppressed', 'failed']),
    reason: z.optional(z.enum(SUPPRESS_REASONS)),
    /** Why it was suppressed, in words (which setting, which earlier event, which digest). */
    detail: z.optional(z.string()),
    error: z.optional(z.string()),
    attempts: z.optional(z.number().check(z.int())),
    createdAt: z.string(),
    at: z.optional(z.string()),
  }),
);
export type DeliveryView = z.output<typeof DeliveryView>;

export interface DeliveryListStore {
  ofEvent(firmId: string, eventId: string, page: PageRequest): Promise<Page<DeliveryRecord>>;
  ofCase(firmId: string, caseId: string, page: PageRequest): Promise<Page<DeliveryRecord>>;
}

export interface DeliveryListDeps {
  deliveryLists: DeliveryListStore;
  cases: { getCase(firmId: string, caseId: string): Promise<Case | undefined> };
}

export function deliveryView(r: DeliveryRecord): DeliveryView {
  const [kind, ...rest] = r.recipient.split('-');
  const failed = r.status === 'pending' && typeof r.lastError === 'string';
  return {
    eventId: r.eventId,
    type: r.type,
    ...(r.caseId ? { caseId: r.caseId } : {}),
    recipient: { kind: kind === 'contact' ? 'contact' : 'staff', id: rest.join('-') },
    channel: r.channel,
    status: failed ? 'failed' : r.status,
    ...(r.status === 'suppressed' && r.reason ? { reason: r.reason } : {}),
    ...(r.status === 'suppressed' && r.detail ? { detail: r.detail } : {}),
    ...(failed ? { error: r.lastError! } : {}),
    ...(typeof r.attempts === 'number' ? { attempts: r.attempts } : {}),
    createdAt: r.createdAt,
    ...(r.status === 'sent' && r.sentAt ? { at: r.sentAt } : {}),
    ...(failed && r.lastErrorAt ? { at: r.lastErrorAt } : {}),
  };
}

const viewPage = (p: Page<DeliveryRecord>): Page<DeliveryView> => ({
  items: p.items.map(deliveryView),
  ...(p.nextToken ? { nextToken: p.nextToken } : {}),
});

/** Deliveries of one event of the caller's firm (another firm's event id lists nothing). */
export async function listEventDeliveries(
  deps: Pick<DeliveryListDeps, 'deliveryLists'>,
  by: StaffPrincipal,
  eventId: string,
  page: PageRequest,
): Promise<Page<DeliveryView>> {
  return viewPage(await deps.deliveryLists.ofEvent(by.firmId, eventId, page));
}

/** Deliveries of a case's events, newest event first. */
export async function listCaseDeliveries(
  deps: DeliveryListDeps,
  by: StaffPrincipal,
  caseId: string,
  page: PageRequest,
): Promise<Page<DeliveryView>> {
  const [, found] = await checkedAlongside(
    deps.cases.getCase(by.firmId, caseId).then((c) => {
      if (!c) throw notFound('case');
    }),
    deps.deliveryLists.ofCase(by.firmId, caseId, page),
  );
  return viewPage(found);
}
