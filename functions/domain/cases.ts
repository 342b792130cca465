// Cases: the matters / engagements firm staff work on. Create, read, list (filtered), rename,
// reassign, close and reopen; and the closed-case rule other contexts guard their portal writes with.

import type { DomainEvent } from '../events/catalogue';
import { activity } from './activity';
import { pageUnderCase } from './checks';
import { conflict, type DomainError, forbidden, invalid, notFound, unprocessable } from './errors';
import { type FirmStore, isActiveStaff, type StaffUser } from './firm';
import type { Clock, Ids, Page, PageRequest } from './ports';
import { type StaffPrincipal, staffActor } from './principal';
import type { RecipientSetting, SavedRecipients } from './recipients';

export interface Case {
  firmId: string;
  caseId: string;
  title: string;
  /** The firm's own reference (engagement number, matter code). */
  reference?: string;
  clientName?: string;
  ownerId: string;
  status: CaseStatus;
  /** When and by whom the case was last closed (kept after a reopen, for the record). */
  closedAt?: string;
  closedBy?: string;
  /** "Notify client" flag of this client/case (ONVIO). */
  notifyClient: boolean;
  /** When and by whom an admin last set the flag (PUT /cases/{caseId}/notify-client). */
  notifyClientChangedAt?: string;
  notifyClientChangedBy?: string;
  createdAt: string;
  createdBy: string;
}

export type CaseStatus = 'open' | 'closed';

/** Which cases a staff list shows; each combination the store serves with one Query (decision 0036). */
export interface CaseFilter {
  status?: CaseStatus;
  ownerId?: string;
  /** A searchable title prefix (searchableTitle of what was typed); with it, `status` is set. */
  titlePrefix?: string;
}

/** A lifecycle change of a case, written as one conditional update. */
export interface CaseChange {
  before: Case;
  after: Case;
  /** One activity entry per change made (a rename and a reassignment in one save: two). */
  events: DomainEvent[];
  /** A reassignment: the saved recipients list it read (absent: none saved), and the list to save. */
  recipients?: { read?: SavedRecipients; save?: SavedRecipients };
  /** A rename: the contacts whose grant repeats the case's title (the portal's "my cases" shows it). */
  retitleGrantsOf?: string[];
}

export interface CaseStore {
  /** Writes the case and its activity entry in one transaction. */
  createCase(c: Case, event: DomainEvent): Promise<void>;
  getCase(firmId: string, caseId: string): Promise<Case | undefined>;
  /** Cases of a firm, newest first; filtered, in the order decision 0036 gives each filter. */
  listCases(firmId: string, filter: CaseFilter, page: PageRequest): Promise<Page<Case>>;
  /**
   * The case, its saved recipients list and the staff user `ownerId` names (when asked), in one
   * consistent read: what a change of the case decides on.
   */
  caseParts(
    firmId: string,
    caseId: string,
    ask: { ownerId?: string; grants?: boolean },
  ): Promise<{ case?: Case; saved?: SavedRecipients; owner?: StaffUser; grants?: GrantTitle[] }>;
  /**
   * Writes the change, its index keys and its events in one transaction, only while the case still
   * has `before`'s title, owner and status (and the recipients list is as read): else throws
   * CASE_CHANGED_MEANWHILE.
   */
  changeCase(change: CaseChange): Promise<void>;
}

/** What a grant repeats of its case: the title, shown in the portal without reading the case. */
export interface GrantTitle {
  contactId: string;
  caseTitle: string;
}

/** The conflict changeCase fails with when another change of the case landed since it was read. */
export const CASE_CHANGED_MEANWHILE = 'concurrent_case_change';

export interface CaseDeps {
  cases: CaseStore;
  firm: FirmStore;
  clock: Clock;
  ids: Ids;
}

export interface NewCase {
  title: string;
  reference?: string;
  clientName?: string;
  ownerId?: string;
  notifyClient?: boolean;
}

export async function createCase(deps: CaseDeps, by: StaffPrincipal, input: NewCase): Promise<Case> {
  const ownerId = input.ownerId ?? by.userId;
  if (ownerId !== by.userId) {
    const owner = await deps.firm.getStaffUser(by.firmId, ownerId);
    if (!owner) throw unprocessable('owner_not_staff', `Owner ${ownerId} is not a staff user of this firm.`);
    if (!isActiveStaff(owner))
      throw conflict('owner_inactive', `Owner ${ownerId} is a deactivated staff user: choose an active one.`);
  }
  const c: Case = {
    firmId: by.firmId,
    caseId: deps.ids.next(),
    title: input.title,
    ...(input.reference ? { reference: input.reference } : {}),
    ...(input.clientName ? { clientName: input.clientName } : {}),
    ownerId,
    status: 'open',
    notifyClient: input.notifyClient ?? true,
    createdAt: deps.clock.now().toISOString(),
    createdBy: by.userId,
  };
  const event = activity(deps, 'case.created', c, staffActor(by), { title: c.title, ownerId });
  await deps.cases.createCase(c, event);
  return c;
}

export async function getCase(
  deps: Pick<CaseDeps, 'cases'>,
  by: StaffPrincipal,
  caseId: string,
): Promise<Case> {
  const c = await deps.cases.getCase(by.firmId, caseId);
  if (!c) throw notFound('case');
  return c;
}

export interface CaseListQuery extends PageRequest {
  status?: CaseStatus;
  ownerId?: string;
  /** Title prefix as typed. */
  q?: string;
}

export function listCases(
  deps: Pick<CaseDeps, 'cases'>,
  by: StaffPrincipal,
  query: CaseListQuery,
): Promise<Page<Case>> {
  const { limit, nextToken, status, ownerId, q } = query;
  return deps.cases.listCases(by.firmId, caseFilter({ status, ownerId, q }), {
    limit,
    ...(nextToken ? { nextToken } : {}),
  });
}

/**
 * The filter a list asks for, as the indexes serve it (decision 0036): a title search runs within
 * one status (open unless asked otherwise) and does not combine with an owner.
 */
export function caseFilter(q: { status?: CaseStatus; ownerId?: string; q?: string }): CaseFilter {
  const typed = q.q === undefined ? undefined : searchableTitle(q.q);
  if (typed !== undefined && typed === '')
    throw invalid('search_empty', 'The title search has no letters or digits to search by.');
  if (typed !== undefined && q.ownerId)
    throw invalid(
      'filter_combination',
      'A title search runs within one status (open or closed), not within one owner: leave out ownerId or q.',
    );
  return {
    ...(q.status || typed ? { status: q.status ?? 'open' } : {}),
    ...(q.ownerId ? { ownerId: q.ownerId } : {}),
    ...(typed ? { titlePrefix: typed } : {}),
  };
}

/**
 * What a title search compares: letters and digits, case and accents folded (`Müller GmbH` →
 * `muller gmbh`), punctuation dropped, spaces collapsed. Typed prefixes go through the same rule.
 */
export function searchableTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// ── lifecycle: rename, reassign, close, reopen ──

/** The closed-case rule: a closed case is read-only in the portal (decision 0036). */
export const CASE_CLOSED = 'case_closed';
export const caseClosed = (): DomainError =>
  forbidden(CASE_CLOSED, 'This case is closed: it can be read, not changed, until the firm reopens it.');

/** Throws 403 case_closed for a closed case: portal write routes call it on the case they read. */
export function requireOpenCase(c: Pick<Case, 'status'>): void {
  if (c.status === 'closed') throw caseClosed();
}

export interface CaseEdit {
  title?: string;
  ownerId?: string;
}

/** Rename and/or reassign. Fields equal to the case's are no change: a retried save writes nothing. */
export async function updateCase(
  deps: CaseDeps,
  by: StaffPrincipal,
  caseId: string,
  edit: CaseEdit,
): Promise<Case> {
  const ask = { ...(edit.ownerId ? { ownerId: edit.ownerId } : {}), grants: edit.title !== undefined };
  return changeWithRetry(deps, by, caseId, ask, (c, parts) => {
    const title = edit.title ?? c.title;
    const ownerId = edit.ownerId ?? c.ownerId;
    const events: DomainEvent[] = [];
    const after: Case = { ...c, title, ownerId };
    if (title !== c.title)
      events.push(activity(deps, 'case.renamed', c, staffActor(by), { title, previousTitle: c.title }));
    let recipients: CaseChange['recipients'];
    if (ownerId !== c.ownerId) {
      requireOwner(ownerId, parts.owner);
      const save = parts.saved && withOwner(parts.saved, ownerId, by, deps.clock.now().toISOString());
      recipients = { ...(parts.saved ? { read: parts.saved } : {}), ...(save ? { save } : {}) };
      events.push(
        activity(deps, 'case.reassigned', c, staffActor(by), {
          ownerId,
          previousOwnerId: c.ownerId,
          ownerAddedToRecipients: Boolean(save),
        }),
      );
    }
    // Every copy that differs is rewritten, so a retried rename also mends copies a first one left.
    const stale = (parts.grants ?? []).filter((g) => g.caseTitle !== title).map((g) => g.contactId);
    return {
      after,
      events,
      ...(recipients ? { recipients } : {}),
      ...(stale.length > 0 ? { retitleGrantsOf: stale } : {}),
    };
  });
}

export function closeCase(deps: CaseDeps, by: StaffPrincipal, caseId: string): Promise<Case> {
  return changeWithRetry(deps, by, caseId, {}, (c) =>
    c.status === 'closed'
      ? { after: c, events: [] }
      : {
          after: { ...c, status: 'closed', closedAt: deps.clock.now().toISOString(), closedBy: by.userId },
          events: [activity(deps, 'case.closed', c, staffActor(by), { title: c.title })],
        },
  );
}

export function reopenCase(deps: CaseDeps, by: StaffPrincipal, caseId: string): Promise<Case> {
  return changeWithRetry(deps, by, caseId, {}, (c) =>
    c.status === 'open'
      ? { after: c, events: [] }
      : {
          after: { ...c, status: 'open' },
          events: [activity(deps, 'case.reopened', c, staffActor(by), { title: c.title })],
        },
  );
}

type Parts = Awaited<ReturnType<CaseStore['caseParts']>>;
type Planned = Omit<CaseChange, 'before'>;

/**
 * Reads the case (and what a reassignment decides on), plans the change, writes it guarded by what
 * was read. A change that lost a race is planned again on what is true then: a retry of the same
 * request then finds nothing left to do and answers the case as it is (one event in all).
 */
async function changeWithRetry(
  deps: CaseDeps,
  by: StaffPrincipal,
  caseId: string,
  ask: { ownerId?: string; grants?: boolean },
  plan: (c: Case, parts: Parts) => Planned,
): Promise<Case> {
  for (let attempt = 1; ; attempt++) {
    const parts = await deps.cases.caseParts(by.firmId, caseId, ask);
    if (!parts.case) throw notFound('case');
    const planned = plan(parts.case, parts);
    if (planned.events.length === 0 && !planned.retitleGrantsOf) return parts.case;
    try {
      await deps.cases.changeCase({ before: parts.case, ...planned });
      return planned.after;
    } catch (err) {
      if ((err as DomainError).code !== CASE_CHANGED_MEANWHILE || attempt >= 3) throw err;
    }
  }
}

function requireOwner(ownerId: string, owner: StaffUser | undefined): void {
  if (!owner) throw unprocessable('owner_not_staff', `Owner ${ownerId} is not a staff user of this firm.`);
  if (!isActiveStaff(owner))
    throw conflict('owner_inactive', `Owner ${ownerId} is a deactivated staff user: choose an active one.`);
}

/**
 * The owner rule after a reassignment: the new owner hears of their case. An unsaved list follows
 * the owner by itself (its default is the owner); a saved one that lacks the new owner gains them,
 * in-app and by email, as the default would have them (the old owner stays as the firm saved it).
 * Undefined: nothing to save.
 */
export function withOwner(
  saved: SavedRecipients,
  ownerId: string,
  by: StaffPrincipal,
  at: string,
): SavedRecipients | undefined {
  if (saved.recipients.some((r) => r.userId === ownerId)) return undefined;
  const owner: RecipientSetting = { userId: ownerId, inApp: true, email: true };
  return { ...saved, recipients: [...saved.recipients, owner], updatedAt: at, updatedBy: by.userId };
}

/** One page of a list kept under a case, the case read only when the page cannot prove it (./checks.ts). */
export const pageOfCase = <T>(
  cases: Pick<CaseStore, 'getCase'>,
  by: StaffPrincipal,
  caseId: string,
  list: (page: PageRequest) => Promise<Page<T>>,
  query: PageRequest,
): Promise<Page<T>> => pageUnderCase(async () => !!(await cases.getCase(by.firmId, caseId)), list, query);
