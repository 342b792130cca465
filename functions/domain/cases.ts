// Cases: the matters / engagements firm staff work on. Create, read, list.

import type { DomainEvent } from '../events/catalogue';
import { activity } from './activity';
import { conflict, notFound, unprocessable } from './errors';
import { type FirmStore, isActiveStaff } from './firm';
import type { Clock, Ids, Page, PageRequest } from './ports';
import { type StaffPrincipal, staffActor } from './principal';

export interface Case {
  firmId: string;
  caseId: string;
  title: string;
  /** The firm's own reference (engagement number, matter code). */
  reference?: string;
  clientName?: string;
  ownerId: string;
  status: 'open' | 'closed';
  /** "Notify client" flag of this client/case (ONVIO). */
  notifyClient: boolean;
  /** When and by whom an admin last set the flag (PUT /cases/{caseId}/notify-client). */
  notifyClientChangedAt?: string;
  notifyClientChangedBy?: string;
  createdAt: string;
  createdBy: string;
}

export interface CaseStore {
  /** Writes the case and its activity entry in one transaction. */
  createCase(c: Case, event: DomainEvent): Promise<void>;
  getCase(firmId: string, caseId: string): Promise<Case | undefined>;
  /** Cases of a firm, newest first. */
  listCases(firmId: string, page: PageRequest): Promise<Page<Case>>;
}

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

export function listCases(
  deps: Pick<CaseDeps, 'cases'>,
  by: StaffPrincipal,
  page: PageRequest,
): Promise<Page<Case>> {
  return deps.cases.listCases(by.firmId, page);
}

/**
 * One page of a list kept under a case, in one round trip on the happy path: the Query runs first,
 * and the case is read only when the page is empty or the Query failed (a bad cursor). Cases are
 * never deleted and every such item is written under an existing case, so a non-empty page proves
 * the case exists; an empty page of an unknown case (or another firm's) still answers 404
 * case_not_found, and an unknown case with a bad cursor still answers 404 before 400, as when the
 * case was read first.
 */
export async function pageOfCase<T>(
  cases: Pick<CaseStore, 'getCase'>,
  by: StaffPrincipal,
  caseId: string,
  list: (page: PageRequest) => Promise<Page<T>>,
  query: PageRequest,
): Promise<Page<T>> {
  const unknownCase = async () => !(await cases.getCase(by.firmId, caseId));
  let page: Page<T>;
  try {
    page = await list({ limit: query.limit, ...(query.nextToken ? { nextToken: query.nextToken } : {}) });
  } catch (err) {
    if (await unknownCase()) throw notFound('case');
    throw err;
  }
  if (page.items.length === 0 && (await unknownCase())) throw notFound('case');
  return page;
}
