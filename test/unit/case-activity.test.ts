// The case activity's rules without the stack: the portal visibility table (and the Query filter
// built from it), the sentences per type and locale, and who is named when a person is gone.
import { describe, expect, it } from 'vitest';
import {
  CONTACT_VISIBILITY,
  typesVisibleToContacts,
  type VisibleEntry,
  visibleToContact,
} from '../../functions/domain/activity-visibility';
import { entryView, type StoredActivity, sentence } from '../../functions/domain/case-activity';
import { ACTIVITY_SENTENCES } from '../../functions/domain/texts/activity';
import { LOCALES } from '../../functions/domain/texts/template';
import { eventTypes } from '../../functions/events/catalogue';
import { activityFilter } from '../../functions/store/activity';

const ME = 'CONTACT_ME';
const OTHER = 'CONTACT_OTHER';
const staff = { kind: 'staff', id: 'STAFF1' };
const entry = (type: string, detail: Record<string, unknown>, actor = staff): VisibleEntry => ({
  type,
  actor,
  detail,
});

describe('Domain: activity visibility table', () => {
  it('decides every catalogued type explicitly (a new type needs its line)', () => {
    const undecided = eventTypes.filter((t) => CONTACT_VISIBILITY[t] === undefined);
    expect(undecided).toEqual([]);
  });

  it.each([
    ['its own grant', entry('access.granted', { contactId: ME }), true],
    ["another contact's grant", entry('access.granted', { contactId: OTHER }), false],
    ["another contact's revoke", entry('access.revoked', { contactId: OTHER }), false],
    ['a document shared with it', entry('document.shared', { added: [OTHER, ME], removed: [] }), true],
    [
      'a document shared with others only',
      entry('document.shared', { added: [OTHER], removed: [ME] }),
      false,
    ],
    ['its own upload', entry('document.uploaded', { source: 'client', contactId: ME }), true],
    ["the firm's upload (not yet shared)", entry('document.uploaded', { source: 'firm' }), false],
    ['a request addressed to it', entry('filerequest.created', { contactIds: [ME] }), true],
    ['a request addressed to others', entry('filerequest.created', { contactIds: [OTHER] }), false],
    ['its own comment', entry('comment.added', {}, { kind: 'contact', id: ME }), true],
    ["another contact's comment", entry('comment.added', {}, { kind: 'contact', id: OTHER }), false],
    ['a staff comment', entry('comment.added', {}, staff), false],
    ['its own tick', entry('task.changed', { change: 'completed' }, { kind: 'contact', id: ME }), true],
    ['internal recipients (even naming it)', entry('recipients.updated', { contactId: ME }), false],
    ['a type the table does not know', entry('case.exploded', { contactId: ME, contactIds: [ME] }), false],
  ])('%s → %s', (_, e, seen) => {
    expect(visibleToContact(e, ME)).toBe(seen);
  });

  it('builds the Query filter from the same rules: only visible types, each once, bound to the contact', () => {
    // Prepare
    const visible = typesVisibleToContacts(eventTypes);
    // Act
    const filter = activityFilter({ types: [...eventTypes], contactId: ME });
    // Assess
    const typeValues = Object.entries(filter?.values ?? {})
      .filter(([k]) => k !== ':me' && k !== ':contactKind')
      .map(([, v]) => v);
    expect([...typeValues].sort()).toEqual([...visible].sort());
    expect(visible).not.toContain('recipients.updated');
    expect(filter?.values?.[':me']).toBe(ME);
    expect(filter?.expression).toContain('contains(#detail.');
  });

  it('a staff filter is the asked types only; no filter without types', () => {
    expect(activityFilter({})).toBeUndefined();
    const filter = activityFilter({ types: ['case.created', 'comment.added'] });
    expect(filter?.expression).toBe('#type IN (:t0, :t1)');
    expect(filter?.values).toEqual({ ':t0': 'case.created', ':t1': 'comment.added' });
  });
});

describe('Domain: activity sentences', () => {
  it('renders every shipped sentence in every locale, first letter up', () => {
    const vars = {
      actor: 'ana',
      contact: 'Carla',
      title: 'T',
      name: 'n.pdf',
      subject: 'S',
      version: 2,
      added: 1,
      removed: 0,
      kind: 'new',
      change: 'added',
      tasks: 2,
      completed: 1,
      total: 3,
      openTasks: 2,
    };
    for (const type of Object.keys(ACTIVITY_SENTENCES))
      for (const locale of LOCALES) {
        const text = sentence(type, locale, vars);
        expect(text.length, `${type} ${locale}`).toBeGreaterThan(3);
        expect(text[0], `${type} ${locale}`).toBe(text[0]!.toUpperCase());
      }
    expect(sentence('document.uploaded', 'en', vars)).toBe('Ana uploaded "n.pdf" (version 2).');
  });

  it('reads a type without a sentence, or an entry missing a value, as the generic sentence', () => {
    expect(sentence('case.exploded', 'en', { actor: 'Ana' })).toBe('Ana made a change to the case.');
    expect(sentence('case.exploded', 'es', { actor: 'Ana' })).toBe('Ana hizo un cambio en el expediente.');
    expect(sentence('filerequest.created', 'en', { actor: 'Ana' })).toBe('Ana made a change to the case.');
  });

  it('names a contact who is gone "former contact", and hides other contacts from a contact', () => {
    // Prepare
    const e: StoredActivity = {
      eventId: 'E1',
      type: 'filerequest.fulfilled',
      occurredAt: '2026-12-06T10:00:00.000Z',
      actor: { kind: 'contact', id: 'GONE' },
      detail: {
        requestId: 'R1',
        documentId: 'D1',
        name: 'a.pdf',
        contactId: 'GONE',
        kind: 'new',
        version: 1,
      },
    };
    const people = { staff: new Map(), contacts: new Map() };
    const shared: StoredActivity = {
      eventId: 'E2',
      type: 'document.shared',
      occurredAt: '2026-12-06T10:00:00.000Z',
      actor: { kind: 'staff', id: 'S1' },
      detail: { documentId: 'D1', name: 'a.pdf', added: [ME, OTHER], removed: [] },
    };
    // Act
    const view = entryView(e, people, 'en');
    const forMe = entryView(shared, people, 'en', ME);
    // Assess
    expect(view.who).toEqual({ kind: 'contact', id: 'GONE', name: 'former contact' });
    expect(view.what).toBe('Former contact provided "a.pdf" for a file request.');
    expect(view.ids).toEqual({ requestId: 'R1', documentId: 'D1', contactId: 'GONE' });
    expect(forMe.who.name).toBe('former staff member');
    expect(forMe.ids).toEqual({ documentId: 'D1', addedContactIds: [ME], removedContactIds: [] });
    // the count does not tell the contact how many others got it; staff read the whole count
    expect(forMe.what).toBe('Former staff member shared "a.pdf" with 1 contact.');
    expect(entryView(shared, people, 'en').what).toBe('Former staff member shared "a.pdf" with 2 contacts.');
  });
});
