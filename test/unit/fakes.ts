// In-memory fakes of the domain ports (stores, clock, ids) and hand-built Lambda inputs, shared by
// the unit tests. They implement the port interfaces, so a port change breaks them at compile time.
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandInput,
  type PutEventsCommandOutput,
} from '@aws-sdk/client-eventbridge';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { ActivityStore } from '../../functions/domain/case-activity';
import {
  CASE_CHANGED_MEANWHILE,
  type Case,
  type CaseChange,
  type CaseFilter,
  type CaseStore,
  searchableTitle,
} from '../../functions/domain/cases';
import type { Contact, ContactStore } from '../../functions/domain/contacts';
import { conflict } from '../../functions/domain/errors';
import type { FirmStore, StaffUser } from '../../functions/domain/firm';
import type { GrantLookup, GrantPlaces } from '../../functions/domain/grants';
import type { Clock, Ids, Page, PageRequest } from '../../functions/domain/ports';
import type { StaffPrincipal } from '../../functions/domain/principal';
import type { SavedRecipients } from '../../functions/domain/recipients';
import type { DomainEvent } from '../../functions/events/catalogue';
import type { Gate, StaffStanding } from '../../functions/http/auth';
import { LOCAL_CONTACT_CLIENT, LOCAL_STAFF_CLIENT, localClientClaims } from '../../local/auth';

/** A 26-character id that Portico's `Id` schema accepts (digits are valid Crockford base32). */
export const ulidOf = (n: number): string => String(n).padStart(26, '0');

export const FIRM_A = '01HZX3K4M5N6P7Q8R9S0TVWXYA';
export const FIRM_B = '01HZX3K4M5N6P7Q8R9S0TVWXYB';
/** Staff users (token `sub`s). */
export const ALICE = '01HZX3K4M5N6P7Q8R9S0TVWX01';
export const BOB = '01HZX3K4M5N6P7Q8R9S0TVWX02';
export const NOW = '2024-05-06T07:08:09.000Z';

export const fixedClock = (iso = NOW): Clock => ({ now: () => new Date(iso) });

/**
 * Dedupe markers of the notify core in memory (dedupe key × recipient × channel → the event holding
 * it), with the adapters' rule: free, or held by this very event. `take` answers the other holder.
 */
export function dedupeMarkers() {
  const markers = new Map<string, string>();
  return {
    markers,
    take(key: { eventId: string; recipient: string; channel: string }, dedupeKey: string | undefined) {
      if (!dedupeKey) return undefined;
      const marker = `${dedupeKey}|${key.recipient}|${key.channel}`;
      const holder = markers.get(marker);
      if (holder && holder !== key.eventId) return holder;
      markers.set(marker, key.eventId);
      return undefined;
    },
  };
}

/** Ids 1, 2, 3… as ULID-shaped strings, so tests can predict them. */
export function counterIds(start = 1): Ids & { issued: string[] } {
  let n = start;
  const issued: string[] = [];
  return {
    issued,
    next() {
      const id = ulidOf(n++);
      issued.push(id);
      return id;
    },
  };
}

export const staffOf = (
  firmId: string,
  userId: string,
  role: 'admin' | 'staff' = 'staff',
): StaffPrincipal => ({
  kind: 'staff',
  firmId,
  userId,
  role,
});

function page<T>(all: T[], req: PageRequest): Page<T> {
  const from = req.nextToken ? Number(req.nextToken) : 0;
  const items = all.slice(from, from + req.limit);
  const next = from + req.limit;
  return next < all.length ? { items, nextToken: String(next) } : { items };
}

export class InMemoryCaseStore implements CaseStore {
  readonly cases: Case[] = [];
  readonly events: DomainEvent[] = [];
  /** When set, getCase answers this instead of the stored case (to fake a corrupted item). */
  override?: (firmId: string, caseId: string) => Case | undefined;

  async createCase(c: Case, event: DomainEvent): Promise<void> {
    if (this.cases.some((x) => x.firmId === c.firmId && x.caseId === c.caseId)) {
      throw conflict('case_exists', 'A case with this id already exists.');
    }
    this.cases.push(structuredClone(c));
    this.events.push(structuredClone(event));
  }

  async getCase(firmId: string, caseId: string): Promise<Case | undefined> {
    if (this.override) return this.override(firmId, caseId);
    return this.cases.find((c) => c.firmId === firmId && c.caseId === caseId);
  }

  /** Staff users and saved recipients lists caseParts answers from. */
  readonly staff: StaffUser[] = [];
  readonly recipients: SavedRecipients[] = [];

  async listCases(firmId: string, filter: CaseFilter, req: PageRequest): Promise<Page<Case>> {
    const mine = this.cases
      .filter((c) => c.firmId === firmId)
      .filter((c) => !filter.status || c.status === filter.status)
      .filter((c) => !filter.ownerId || c.ownerId === filter.ownerId)
      .filter((c) => !filter.titlePrefix || searchableTitle(c.title).startsWith(filter.titlePrefix))
      .sort((a, b) => b.caseId.localeCompare(a.caseId));
    return page(mine, req);
  }

  async caseParts(firmId: string, caseId: string, { ownerId }: { ownerId?: string }) {
    const c = await this.getCase(firmId, caseId);
    const saved = this.recipients.find((r) => r.firmId === firmId && r.caseId === caseId);
    const owner = ownerId ? this.staff.find((u) => u.firmId === firmId && u.userId === ownerId) : undefined;
    return {
      ...(c ? { case: structuredClone(c) } : {}),
      ...(saved ? { saved } : {}),
      ...(owner ? { owner } : {}),
    };
  }

  async changeCase(change: CaseChange): Promise<void> {
    const i = this.cases.findIndex(
      (c) => c.firmId === change.before.firmId && c.caseId === change.before.caseId,
    );
    const now = this.cases[i];
    if (
      !now ||
      now.title !== change.before.title ||
      now.ownerId !== change.before.ownerId ||
      now.status !== change.before.status
    )
      throw conflict(CASE_CHANGED_MEANWHILE, 'changed meanwhile');
    this.cases[i] = structuredClone(change.after);
    this.events.push(...structuredClone(change.events));
    const save = change.recipients?.save;
    if (save) {
      const j = this.recipients.findIndex((r) => r.firmId === save.firmId && r.caseId === save.caseId);
      this.recipients.splice(j, 1, save);
    }
  }

  get writes(): number {
    return this.cases.length + this.events.length;
  }
}

export class InMemoryContactStore implements ContactStore {
  readonly contacts: Contact[] = [];
  readonly events: DomainEvent[] = [];

  async createContact(c: Contact, event: DomainEvent): Promise<void> {
    if (c.email && this.contacts.some((x) => x.firmId === c.firmId && x.email === c.email)) {
      throw conflict('contact_email_taken', 'Another contact of this firm already has this email.', {
        email: c.email,
      });
    }
    this.contacts.push(structuredClone(c));
    this.events.push(structuredClone(event));
  }

  async getContact(firmId: string, contactId: string): Promise<Contact | undefined> {
    return this.contacts.find((c) => c.firmId === firmId && c.contactId === contactId);
  }

  async listContacts(firmId: string, req: PageRequest): Promise<Page<Contact>> {
    return page(
      this.contacts.filter((c) => c.firmId === firmId),
      req,
    );
  }

  /** Contacts whose address was set by updateContact (the DynamoDB adapter clears its mail mark). */
  readonly cleared: string[] = [];

  async updateContact(
    firmId: string,
    contactId: string,
    edit: (before: Contact) => Contact,
  ): Promise<Contact | undefined> {
    const i = this.contacts.findIndex((c) => c.firmId === firmId && c.contactId === contactId);
    if (i < 0) return undefined;
    const after = edit(structuredClone(this.contacts[i]!));
    if (
      after.email &&
      this.contacts.some(
        (x) => x.firmId === after.firmId && x.email === after.email && x.contactId !== after.contactId,
      )
    )
      throw conflict('contact_email_taken', 'Another contact of this firm already has this email.', {
        email: after.email,
      });
    this.contacts[i] = structuredClone(after);
    if (after.email) this.cleared.push(after.email);
    return after;
  }

  get writes(): number {
    return this.contacts.length + this.events.length + this.cleared.length;
  }
}

export class InMemoryFirmStore implements FirmStore {
  readonly staff: StaffUser[] = [];
  readonly lookups: { firmId: string; userId: string }[] = [];

  addStaff(firmId: string, userId: string, role: 'admin' | 'staff' = 'staff'): StaffUser {
    const user: StaffUser = {
      firmId,
      userId,
      name: `User ${userId}`,
      email: `${userId.toLowerCase()}@firm.example`,
      role,
      createdAt: NOW,
    };
    this.staff.push(user);
    return user;
  }

  async getStaffUser(firmId: string, userId: string): Promise<StaffUser | undefined> {
    this.lookups.push({ firmId, userId });
    return this.staff.find((u) => u.firmId === firmId && u.userId === userId);
  }
}

/**
 * The authorize step's gate: the local sign-in's clients and an uncached staff directory that
 * lists ALICE (firm A) and BOB (firm B) as active staff; tests add or change users through `staff`.
 */
export function fakeGate() {
  const staff = new Map<string, StaffStanding>([
    [`${FIRM_A}/${ALICE}`, { role: 'staff' }],
    [`${FIRM_B}/${BOB}`, { role: 'staff' }],
  ]);
  const lookups: string[] = [];
  const gate: Gate = {
    clients: { staff: [LOCAL_STAFF_CLIENT], contact: [LOCAL_CONTACT_CLIENT] },
    directory: {
      standing: async (firmId, userId) => {
        lookups.push(`${firmId}/${userId}`);
        return staff.get(`${firmId}/${userId}`);
      },
    },
  };
  return { gate, staff, lookups };
}

/** Everything `casesApi` needs, all in memory. */
export function fakeDeps(opts: { ids?: Ids; clock?: Clock } = {}) {
  return {
    cases: new InMemoryCaseStore(),
    contacts: new InMemoryContactStore(),
    firm: new InMemoryFirmStore(),
    clock: opts.clock ?? fixedClock(),
    ids: opts.ids ?? counterIds(1000),
    // The case's activity list: no entries and no grants (its rules have their own tests).
    activity: {
      activityOfCase: async () => ({ items: [] }),
      people: async () => ({ staff: new Map(), contacts: new Map() }),
    } satisfies ActivityStore,
    grants: grantsFrom(async () => undefined),
  };
}

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type Claims = Record<string, string>;

/** An API Gateway HTTP API (payload v2) event with a JWT authorizer, as API Gateway would send it. */
export function httpEvent(
  routeKey: string,
  opts: {
    claims?: Claims;
    pathParameters?: Record<string, string>;
    query?: Record<string, string>;
    body?: string;
    isBase64Encoded?: boolean;
    requestId?: string;
  } = {},
): HttpEvent {
  const [method = 'GET', routePath = '/'] = routeKey.split(' ');
  let rawPath = routePath;
  for (const [k, v] of Object.entries(opts.pathParameters ?? {})) rawPath = rawPath.replace(`{${k}}`, v);
  const rawQueryString = new URLSearchParams(opts.query ?? {}).toString();
  // Issued to the client the local sign-in would use (staff claims: staff client), unless the test says.
  const claims = opts.claims ? { ...localClientClaims(opts.claims), ...opts.claims } : undefined;
  const authorizer = claims
    ? { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } }
    : undefined;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers: { 'content-type': 'application/json' },
    ...(opts.query ? { queryStringParameters: opts.query } : {}),
    ...(opts.pathParameters ? { pathParameters: opts.pathParameters } : {}),
    ...(opts.body !== undefined ? { body: opts.body } : {}),
    isBase64Encoded: opts.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      // No authorizer at all is what API Gateway sends when the caller has no token.
      authorizer: authorizer as HttpEvent['requestContext']['authorizer'],
      domainName: 'api.portico.test',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: opts.requestId ?? 'req-1',
      routeKey,
      stage: '$default',
      time: '06/May/2024:07:08:09 +0000',
      timeEpoch: Date.parse(NOW),
    },
  };
}

export function lambdaContext(awsRequestId = 'lambda-req-1'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'cases',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:cases',
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: '/aws/lambda/cases',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 30000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Decides the answer to one PutEvents call: per-entry results, or throw to fail the whole call. */
export type PutEventsBehaviour = (input: PutEventsCommandInput, call: number) => PutEventsCommandOutput;

/** An EventBridge client that records each PutEvents input; every entry succeeds unless told otherwise. */
export class FakeEventBridge {
  readonly calls: PutEventsCommandInput[] = [];

  constructor(
    private readonly behaviour: PutEventsBehaviour = (input) => ({
      $metadata: {},
      FailedEntryCount: 0,
      Entries: (input.Entries ?? []).map((_, i) => ({ EventId: `ev-${i}` })),
    }),
  ) {}

  async send(command: PutEventsCommand): Promise<PutEventsCommandOutput> {
    if (!(command instanceof PutEventsCommand)) throw new Error('FakeEventBridge only knows PutEvents');
    this.calls.push(command.input);
    return this.behaviour(command.input, this.calls.length - 1);
  }

  asClient(): EventBridgeClient {
    return this as unknown as EventBridgeClient;
  }
}

/** A grant lookup, with its two-step form (GrantPlaces), over one function that finds the grant. */
export function grantsFrom(find: GrantLookup['findGrantForIdentity']): GrantLookup & GrantPlaces {
  // Who each located place was asked for, so readGrant re-reads it through `find` (fresh each time).
  const askedBy = new Map<string, string>();
  const placeKey = (p: { firmId: string; caseId: string; contactId: string }) =>
    `${p.firmId}/${p.caseId}/${p.contactId}`;
  return {
    findGrantForIdentity: find,
    locateGrant: async (identityId, caseId) => {
      const g = await find(identityId, caseId);
      if (!g) return undefined;
      askedBy.set(placeKey(g), identityId);
      return { firmId: g.firmId, caseId: g.caseId, contactId: g.contactId, memoized: false };
    },
    readGrant: async (place) => {
      const identityId = askedBy.get(placeKey(place));
      return identityId === undefined ? undefined : find(identityId, place.caseId);
    },
  };
}
