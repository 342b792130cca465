// DynamoDB adapter of the ActivityStore port: a case's activity entries (one Query per page, the
// type filter and the contact's visibility rules as its FilterExpression), and the people they name.
import { contactRuleOf } from '../domain/activity-visibility';
import type {
  ActivityFilter,
  ActivityStore,
  NamedPerson,
  NamedStaff,
  StoredActivity,
} from '../domain/case-activity';
import type { StaffUser } from '../domain/firm';
import { firmLocaleInBatch } from './firm-settings';
import { activityOfCasePattern, contactKey, Entity, staffKey } from './keys';
import { getManyStored, type QueryFilter, queryPage, type Table } from './table';

/** `#type IN (…)` over the given types, their values named `:<prefix><n>`. */
function typeIn(types: string[], prefix: string, values: Record<string, unknown>): string {
  const names = types.map((t, i) => {
    values[`:${prefix}${i}`] = t;
    return `:${prefix}${i}`;
  });
  return `#type IN (${names.join(', ')})`;
}

/**
 * The FilterExpression of a filter: the asked types, or (for a contact) each visible type under its
 * rule, grouped by rule so the expression stays short. Undefined when nothing filters.
 */
export function activityFilter(filter: ActivityFilter): QueryFilter | undefined {
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = { '#type': 'type' };
  const { types, contactId } = filter;
  if (contactId === undefined) {
    if (!types) return undefined;
    return { expression: typeIn(types, 't', values), names, values };
  }
  // A contact's filter is always bounded by the types it may see (the caller passes them).
  const groups = new Map<string, string[]>();
  for (const t of types ?? []) {
    const rule = contactRuleOf(t);
    if (rule.kind === 'never') continue;
    const group = rule.kind === 'field' || rule.kind === 'listed' ? `${rule.kind}:${rule.field}` : rule.kind;
    groups.set(group, [...(groups.get(group) ?? []), t]);
  }
  values[':me'] = contactId;
  const parts = [...groups.entries()].map(([group, inGroup], g) => {
    const typed = typeIn(inGroup, `g${g}t`, values);
    const [kind, field] = group.split(':');
    if (kind === 'always') return `(${typed})`;
    if (kind === 'actor') {
      names['#actor'] = 'actor';
      names['#kind'] = 'kind';
      names['#id'] = 'id';
      values[':contactKind'] = 'contact';
      return `(${typed} AND #actor.#kind = :contactKind AND #actor.#id = :me)`;
    }
    names['#detail'] = 'detail';
    names[`#f${g}`] = field!;
    return kind === 'field'
      ? `(${typed} AND #detail.#f${g} = :me)`
      : `(${typed} AND contains(#detail.#f${g}, :me))`;
  });
  // Nothing visible: a condition no entry meets (the caller avoids the Query in that case).
  if (parts.length === 0) return { expression: 'attribute_not_exists(#type)', names };
  return { expression: parts.join(' OR '), names, values };
}

const personOf = (item: Record<string, unknown>): NamedPerson => ({
  ...(typeof item.name === 'string' ? { name: item.name } : {}),
  ...(typeof item.locale === 'string' ? { locale: item.locale } : {}),
});

/** A staff item: its name, and the role and status the staff directory decides on. */
const staffOf = (item: Record<string, unknown>): NamedStaff => {
  const { role, status } = item as Partial<StaffUser>;
  return { ...personOf(item), ...(role ? { role } : {}), ...(status ? { status } : {}) };
};

export function activityStore(table: Table): ActivityStore {
  return {
    activityOfCase: (firmId, caseId, page, filter) =>
      queryPage<StoredActivity>(table, activityOfCasePattern(firmId, caseId), page, activityFilter(filter)),
    people: async (firmId, ids) => {
      // BatchGetItem refuses a key asked twice.
      const staffKeys = [...new Set(ids.staff)].map((id) => staffKey(firmId, id));
      const contactKeys = [...new Set(ids.contacts)].map((id) => contactKey(firmId, id));
      // The firm's language rides in the same read: the names already cost this round trip.
      const firm = firmLocaleInBatch(firmId);
      const staff = new Map<string, NamedStaff>();
      const contacts = new Map<string, NamedPerson>();
      let firmLocale: string | undefined;
      // Names shown in a list: an eventually consistent read is enough, at half the price.
      const keys = [firm.key, ...staffKeys, ...contactKeys];
      for (const item of await getManyStored(table, keys, { consistent: false })) {
        if (item.entity === Entity.staff && typeof item.userId === 'string')
          staff.set(item.userId, staffOf(item));
        if (item.entity === Entity.contact && typeof item.contactId === 'string')
          contacts.set(item.contactId, personOf(item));
        firmLocale ??= firm.localeOf(item);
      }
      return { staff, contacts, ...(firmLocale ? { firmLocale } : {}) };
    },
  };
}
