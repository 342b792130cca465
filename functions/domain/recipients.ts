// A case's internal notification recipients ("internal notifications" of Client Connect): who of
// the firm hears of the case's news, on which channel. Read with its default, saved whole.
import type { DomainEvent } from '../events/catalogue';
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { activity } from './activity';
import type { Case } from './cases';
import { checkedAlongside } from './checks';
import { conflict, type DomainError, notFound, unprocessable } from './errors';
import { isActiveStaff, type StaffUser } from './firm';
import type { Clock, Ids } from './ports';
import { type StaffPrincipal, staffActor } from './principal';

export interface RecipientSetting {
  userId: string;
  inApp: boolean;
  email: boolean;
}

/** The saved list of a case. */
export interface SavedRecipients {
  firmId: string;
  caseId: string;
  recipients: RecipientSetting[];
  updatedAt: string;
  updatedBy: string;
}

export const RecipientsView = lazySchema(() =>
  z.object({
    caseId: z.string(),
    ownerId: z.string(),
    recipients: z.array(
      z.object({ userId: z.string(), name: z.string(), inApp: z.boolean(), email: z.boolean() }),
    ),
    /** False until the list was saved once: the default (owner, in-app + email) applies. */
    saved: z.boolean(),
  }),
);
export type RecipientsView = z.output<typeof RecipientsView>;

export interface RecipientsStore {
  getRecipients(firmId: string, caseId: string): Promise<SavedRecipients | undefined>;
  /** The case and its saved list (when one was saved), in one consistent BatchGetItem. */
  caseWithRecipients(firmId: string, caseId: string): Promise<{ case?: Case; saved?: SavedRecipients }>;
  /** The case and the staff users of these ids (unknown ones absent), in one consistent BatchGetItem. */
  caseWithStaff(
    firmId: string,
    caseId: string,
    userIds: string[],
  ): Promise<{ case?: Case; staff: StaffUser[] }>;
  /** Saves the whole list and its activity entry in one transaction (last write wins). */
  saveRecipients(list: SavedRecipients, event: DomainEvent): Promise<void>;
}

/** Staff users by id, in one round trip (unknown ids are simply absent). */
export interface StaffDirectory {
  staffUsers(firmId: string, userIds: string[]): Promise<StaffUser[]>;
  /** Every staff user of the firm (one Query for a firm's usual size), for naming without knowing ids first. */
  staffOfFirm(firmId: string): Promise<StaffUser[]>;
}

export interface RecipientsDeps {
  recipients: RecipientsStore;
  staff: StaffDirectory;
  clock: Clock;
  ids: Ids;
}

/** Who is told when nothing was saved: the case owner, in-app and by email. */
export const defaultRecipients = (ownerId: string): RecipientSetting[] => [
  { userId: ownerId, inApp: true, email: true },
];

/** The list that applies to a case: the saved one, or the default. */
export const effectiveRecipients = (
  c: Pick<Case, 'ownerId'>,
  saved: SavedRecipients | undefined,
): RecipientSetting[] => (saved ? saved.recipients : defaultRecipients(c.ownerId));

const isOn = (r: RecipientSetting) => r.inApp || r.email;

/**
 * The recipient rule for deactivated staff (decision 0025): an inactive user is never told
 * anything. When the case owner is inactive and, without them, nobody active would hear of the
 * case (the owner rule's promise), the firm's active admins take the owner's place, on the
 * owner's channels. `actorId` (who made the change) does not count as hearing of it.
 */
export function activeRecipients(
  list: RecipientSetting[],
  ownerId: string,
  users: readonly Pick<StaffUser, 'userId' | 'status'>[],
  actorId: string | undefined,
): { list: RecipientSetting[]; ownerStandIn: RecipientSetting | undefined } {
  const inactive = new Set(users.filter((u) => !isActiveStaff(u)).map((u) => u.userId));
  const kept = list.filter((r) => !inactive.has(r.userId));
  const owner = list.find((r) => r.userId === ownerId);
  const someoneHears = kept.some((r) => r.userId !== actorId && isOn(r));
  return {
    list: kept,
    ownerStandIn: owner && isOn(owner) && inactive.has(ownerId) && !someoneHears ? owner : undefined,
  };
}

/**
 * The rules a saved list must keep, checked on the whole list: no user twice, every user an active
 * staff user of the firm, and the owner off (or absent) only while someone else still hears of the case.
 * Returns the first broken rule, or undefined.
 */
export function checkRecipients(
  ownerId: string,
  list: RecipientSetting[],
  staffIds: ReadonlySet<string>,
  inactiveIds: ReadonlySet<string> = new Set(),
): DomainError | undefined {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const r of list) (seen.has(r.userId) ? duplicates : seen).add(r.userId);
  if (duplicates.size > 0) {
    return unprocessable('duplicate_recipient', 'Each user may appear only once in the recipients list.', {
      userIds: [...duplicates],
    });
  }
  const notStaff = list.filter((r) => !staffIds.has(r.userId)).map((r) => r.userId);
  if (notStaff.length > 0) {
    return unprocessable('recipient_not_staff', 'Every recipient must be a staff user of this firm.', {
      userIds: notStaff,
    });
  }
  const inactive = list.filter((r) => inactiveIds.has(r.userId)).map((r) => r.userId);
  if (inactive.length > 0) {
    return conflict(
      'recipient_inactive',
      'A deactivated staff user cannot be a recipient: remove them from the list (or reactivate them).',
      { userIds: inactive },
    );
  }
  const owner = list.find((r) => r.userId === ownerId);
  const othersOn = list.some((r) => r.userId !== ownerId && isOn(r));
  if (!(owner && isOn(owner)) && !othersOn) {
    return unprocessable(
      'owner_required_without_other_recipient',
      'The case owner can be switched off or removed only when at least one other recipient has in-app or email on.',
    );
  }
  return undefined;
}

export async function getRecipients(
  deps: RecipientsDeps,
  by: StaffPrincipal,
  caseId: string,
): Promise<RecipientsView> {
  // The names come from the firm's staff list, read alongside: the ids are known only once the
  // list is, and a read after it would be a second round trip.
  const [{ c, saved }, staff] = await checkedAlongside(
    deps.recipients.caseWithRecipients(by.firmId, caseId).then((p) => {
      if (!p.case) throw notFound('case');
      return { c: p.case, saved: p.saved };
    }),
    deps.staff.staffOfFirm(by.firmId),
  );
  return withNames(c, effectiveRecipients(c, saved), staff, Boolean(saved));
}

export async function putRecipients(
  deps: RecipientsDeps,
  by: StaffPrincipal,
  caseId: string,
  input: { recipients: RecipientSetting[] },
): Promise<RecipientsView> {
  const list = input.recipients.map(({ userId, inApp, email }) => ({ userId, inApp, email }));
  const ids = [...new Set(list.map((r) => r.userId))];
  const { case: c, staff } = await deps.recipients.caseWithStaff(by.firmId, caseId, ids);
  if (!c) throw notFound('case');
  const problem = checkRecipients(
    c.ownerId,
    list,
    new Set(staff.map((u) => u.userId)),
    new Set(staff.filter((u) => !isActiveStaff(u)).map((u) => u.userId)),
  );
  if (problem) throw problem;
  const saved: SavedRecipients = {
    firmId: by.firmId,
    caseId,
    recipients: list,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: by.userId,
  };
  const event = activity(deps, 'recipients.updated', c, staffActor(by), { recipients: list });
  await deps.recipients.saveRecipients(saved, event);
  return withNames(c, list, staff, true);
}

function withNames(c: Case, list: RecipientSetting[], staff: StaffUser[], saved: boolean): RecipientsView {
  const names = new Map(staff.map((u) => [u.userId, u.name]));
  return {
    caseId: c.caseId,
    ownerId: c.ownerId,
    // A user who left the firm since the save still shows (named by id), so the firm sees it and removes it.
    recipients: list.map((r) => ({ ...r, name: names.get(r.userId) ?? r.userId })),
    saved,
  };
}
