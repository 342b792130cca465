// A case's activity as people read it: the staff list (every entry) and the portal list (what
// concerns the contact, by the visibility table), each entry with who, what (a sentence in the
// reader's language), when, its type and the ids involved.
import type { EventType } from '../events/catalogue';
import type { ActivityEntryView } from './activity-entry';
import { typesVisibleToContacts, visibleToContact } from './activity-visibility';
import type { CallerRecord, StaffRecord } from './caller-record';
import { type CaseStore, pageOfCase } from './cases';
import { invalid } from './errors';
import { type GrantLookup, type GrantPlaces, withContactAccess } from './grants';
import { type Page, type PageRequest, pageOf } from './ports';
import type { ContactPrincipal, StaffPrincipal } from './principal';
import { WHO_WORDS } from './texts/activity';
import { ACTIVITY_EVENT_TYPES, ACTIVITY_MESSAGES, GENERIC_MESSAGES } from './texts/activity-shipped';
import { formatCompact } from './texts/compact-format';
import { resolveLocale } from './texts/locale';
import { LOCALES, type Locale } from './texts/template';

/** An activity entry as stored (the domain event; older entries may carry types no longer known). */
export interface StoredActivity {
  eventId: string;
  type: string;
  occurredAt: string;
  actor: { kind: 'staff' | 'contact' | 'system'; id: string };
  detail?: Record<string, unknown>;
}

/** A person named by entries: absent from the answer when gone (erased, removed). */
export interface NamedPerson {
  name?: string;
  locale?: string;
}

/** A staff user named by entries, with what the staff directory decides on (decision 0052). */
export type NamedStaff = NamedPerson & Partial<StaffRecord>;

export interface ActivityFilter {
  /** Only these types. */
  types?: string[];
  /** Only what this contact sees (the visibility table, applied by the Query's filter). */
  contactId?: string;
}

export interface ActivityStore {
  /** One page of a case's activity, newest first, filtered as asked. */
  activityOfCase(
    firmId: string,
    caseId: string,
    page: PageRequest,
    filter: ActivityFilter,
  ): Promise<Page<StoredActivity>>;
  /**
   * The staff users and contacts named (by id, absent when there is no such item) and the firm's
   * default language (where it saved one), in one read.
   */
  people(firmId: string, ids: { staff: string[]; contacts: string[] }): Promise<NamedPeople>;
}

export interface NamedPeople {
  staff: Map<string, NamedStaff>;
  contacts: Map<string, NamedPerson>;
  firmLocale?: string;
}

export interface CaseActivityDeps {
  activity: ActivityStore;
  cases: Pick<CaseStore, 'getCase'>;
  grants: GrantLookup & GrantPlaces;
}

export type ActivityQuery = PageRequest & { type?: string | undefined };

/**
 * The catalogued type names, generated from the catalogue with the sentences (decision 0040): the
 * catalogue itself (its schemas, ≈ 3.5 ms to build and 4 KB of bundle) is no part of this function.
 */
const eventTypes = ACTIVITY_EVENT_TYPES;

/** The types asked for, each catalogued; an unknown one is a 400 with its own code. */
function checkedTypes(filter: string | undefined): string[] | undefined {
  if (filter === undefined) return undefined;
  const types = [...new Set(filter.split(',').map((t) => t.trim()))].filter((t) => t.length > 0);
  const unknown = types.filter((t) => !(eventTypes as readonly string[]).includes(t));
  if (types.length === 0 || unknown.length > 0)
    throw invalid(
      'unknown_event_type',
      `Unknown event type${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ') || '(none given)'}. Known types: ${eventTypes.join(', ')}.`,
    );
  return types;
}

/** Every entry of a case, newest first, in the firm's language (staff). */
export async function listCaseActivity(
  deps: CaseActivityDeps,
  by: StaffPrincipal,
  caseId: string,
  query: ActivityQuery,
  caller?: CallerRecord,
): Promise<Page<ActivityEntryView>> {
  const types = checkedTypes(query.type);
  const page = await pageOfCase(
    deps.cases,
    by,
    caseId,
    (p) =>
      deps.activity.activityOfCase(by.firmId, caseId, p, types ? { types } : {}).then(
        (found) => {
          // No names to read: the directory reads the caller now, beside the case check.
          if (found.items.length === 0) caller?.decline();
          return found;
        },
        (err: unknown) => {
          caller?.decline();
          throw err;
        },
      ),
    pageOf(query),
  );
  // An empty page has nothing to name or say: no second read.
  if (page.items.length === 0) return { ...page, items: [] };
  const named = namedIn(page.items);
  // The caller's own record rides in the names' read when the directory left it to this route.
  const carrying = caller?.wanted() === true;
  const people = await deps.activity.people(
    by.firmId,
    carrying ? { ...named, staff: [...named.staff, by.userId] } : named,
  );
  if (carrying) caller?.carry(people.staff.get(by.userId));
  const locale = resolveLocale(undefined, people.firmLocale);
  return { ...page, items: page.items.map((e) => entryView(e, people, locale)) };
}

/** What of a case concerns the calling contact, newest first, in its language (portal). */
export async function listPortalActivity(
  deps: CaseActivityDeps,
  by: ContactPrincipal,
  caseId: string,
  query: ActivityQuery,
): Promise<Page<ActivityEntryView>> {
  const asked = checkedTypes(query.type);
  const types = typesVisibleToContacts(asked ?? eventTypes);
  const { grant, data: page } = await withContactAccess(deps, by, caseId, 'view', (at) =>
    types.length > 0
      ? deps.activity.activityOfCase(at.firmId, caseId, pageOf(query), {
          types,
          contactId: at.contactId,
        })
      : Promise.resolve<Page<StoredActivity>>({ items: [] }),
  );
  const me = grant.contactId;
  // The filter already decided; the table decides again in memory, so a filter bug can only hide.
  const items = page.items.filter((e) => visibleToContact(e, me));
  if (items.length === 0) return { ...page, items: [] };
  const named = namedIn(items);
  const people = await deps.activity.people(grant.firmId, { ...named, contacts: [...named.contacts, me] });
  const locale = resolveLocale(people.contacts.get(me)?.locale, people.firmLocale);
  return { ...page, items: items.map((e) => entryView(e, people, locale, me)) };
}

/** The distinct staff users and contacts a page names: actors and the contact each entry is about. */
function namedIn(entries: StoredActivity[]): { staff: string[]; contacts: string[] } {
  const staff = new Set<string>();
  const contacts = new Set<string>();
  for (const e of entries) {
    if (e.actor.kind === 'staff') staff.add(e.actor.id);
    if (e.actor.kind === 'contact') contacts.add(e.actor.id);
    const about = e.detail?.contactId;
    if (typeof about === 'string') contacts.add(about);
  }
  return { staff: [...staff], contacts: [...contacts] };
}

type People = Awaited<ReturnType<ActivityStore['people']>>;

function whoOf(actor: StoredActivity['actor'], people: People, locale: Locale): ActivityEntryView['who'] {
  if (actor.kind === 'system') return { kind: 'system', id: actor.id, name: WHO_WORDS.system[locale] };
  const known = (actor.kind === 'staff' ? people.staff : people.contacts).get(actor.id)?.name;
  const gone = actor.kind === 'staff' ? WHO_WORDS.formerStaff : WHO_WORDS.formerContact;
  return { kind: actor.kind, id: actor.id, name: known || gone[locale] };
}

/** One entry as read: names resolved, the sentence rendered, the ids (for a contact: `detailFor`). */
export function entryView(
  e: StoredActivity,
  people: People,
  locale: Locale,
  viewer?: string,
): ActivityEntryView {
  const who = whoOf(e.actor, people, locale);
  const detail = detailFor(e.detail, viewer);
  const about = detail?.contactId;
  const contact =
    typeof about === 'string' ? people.contacts.get(about)?.name || WHO_WORDS.formerContact[locale] : '';
  return {
    eventId: e.eventId,
    type: e.type,
    occurredAt: e.occurredAt,
    who,
    what: sentence(e.type, locale, { ...variablesOf(detail), actor: who.name, contact }),
    ids: idsOf(detail),
  };
}

/** Detail values a sentence may use: text and numbers as they are, lists by their length. */
function variablesOf(detail: Record<string, unknown> | undefined): Record<string, string | number> {
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(detail ?? {})) {
    if (typeof v === 'string' || typeof v === 'number') vars[k] = v;
    else if (typeof v === 'boolean') vars[k] = String(v);
    else if (Array.isArray(v)) vars[k] = v.length;
  }
  return vars;
}

/**
 * The entry's sentence, first letter up. A type without a sentence, or a sentence its entry cannot
 * fill (an older entry without a field), reads the generic one: the list never fails on an entry.
 */
export function sentence(type: string, locale: Locale, vars: Record<string, string | number>): string {
  // Parsed ahead (texts/activity-shipped.ts, generated from texts/activity.ts): no parser in this function.
  const at = LOCALES.indexOf(locale);
  const own = ACTIVITY_MESSAGES[ACTIVITY_EVENT_TYPES.indexOf(type as EventType)]?.[at];
  const generic = GENERIC_MESSAGES[at]!;
  let text: string;
  try {
    text = formatCompact(own ?? generic, locale, vars);
  } catch {
    text = formatCompact(generic, locale, vars);
  }
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** Lists of contact ids under names that do not say so. */
const CONTACT_LISTS: Record<string, string> = { added: 'addedContactIds', removed: 'removedContactIds' };

const aboutContacts = (field: string) => /contact/i.test(CONTACT_LISTS[field] ?? field);

/**
 * The detail as a contact may read it: contact ids other than its own are left out, and lists of
 * contacts keep only it, so neither the ids nor a sentence's counts tell who else is on the case.
 */
function detailFor(detail: Record<string, unknown> | undefined, viewer: string | undefined) {
  if (detail === undefined || viewer === undefined) return detail;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(detail)) {
    if (!aboutContacts(k)) out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x) => x === viewer);
    else if (v === viewer) out[k] = v;
  }
  return out;
}

/** The ids an entry is about: detail fields named `…Id` (text) and `…Ids` (lists). */
function idsOf(detail: Record<string, unknown> | undefined): ActivityEntryView['ids'] {
  const ids: ActivityEntryView['ids'] = {};
  for (const [k, v] of Object.entries(detail ?? {})) {
    const name = CONTACT_LISTS[k] ?? k;
    if (typeof v === 'string' && name.endsWith('Id')) ids[name] = v;
    else if (Array.isArray(v) && name.endsWith('Ids'))
      ids[name] = v.filter((x): x is string => typeof x === 'string');
  }
  return ids;
}
