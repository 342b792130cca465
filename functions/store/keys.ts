// The key module: the only place that builds PK/SK/GSI key strings. Every key starts with the
// firm (tenant). Each access pattern is a named function with a one-line comment saying what it
// fetches. Other modules call these; none concatenates key strings itself.

/** Generic key attribute names, as the table defines them. */
export interface ItemKey {
  PK: string;
  SK: string;
}

/** A key segment must not contain the separator, or one tenant could address another's items. */
const SEGMENT = /^[A-Za-z0-9_.@+-]{1,200}$/;

export class KeySegmentError extends Error {}

export function seg(value: string, what: string): string {
  if (!SEGMENT.test(value)) throw new KeySegmentError(`invalid ${what} for a key: ${JSON.stringify(value)}`);
  return value;
}

const firmPk = (firmId: string) => `FIRM#${seg(firmId, 'firmId')}`;
const casePk = (firmId: string, caseId: string) => `${firmPk(firmId)}#CASE#${seg(caseId, 'caseId')}`;

/** Entity names stored in the `entity` attribute of every item. */
export const Entity = {
  firm: 'firm',
  staff: 'staff',
  contact: 'contact',
  contactEmail: 'contactEmail',
  case: 'case',
  activity: 'activity',
} as const;
export type EntityName = (typeof Entity)[keyof typeof Entity];

export const keys = {
  firm: (firmId: string): ItemKey => ({ PK: firmPk(firmId), SK: 'FIRM' }),
  staff: (firmId: string, userId: string): ItemKey => ({ PK: firmPk(firmId), SK: `STAFF#${seg(userId, 'userId')}` }),
  contact: (firmId: string, contactId: string): ItemKey => ({
    PK: firmPk(firmId),
    SK: `CONTACT#${seg(contactId, 'contactId')}`,
  }),
  /** Uniqueness claim: one contact per email within a firm. The email is hex-encoded, so any address fits a key. */
  contactEmail: (firmId: string, email: string): ItemKey => ({
    PK: firmPk(firmId),
    SK: `CONTACTEMAIL#${Buffer.from(email, 'utf8').toString('hex')}`,
  }),
  case: (firmId: string, caseId: string): ItemKey => ({ PK: firmPk(firmId), SK: `CASE#${seg(caseId, 'caseId')}` }),
  /** A case's activity entry (its event); firm-level events live in the firm's own trail. */
  activity: (firmId: string, caseId: string | undefined, eventId: string): ItemKey => ({
    PK: caseId ? casePk(firmId, caseId) : `${firmPk(firmId)}#TRAIL`,
    SK: `ACTIVITY#${seg(eventId, 'eventId')}`,
  }),
};

/** A Query: partition key value and an SK prefix. */
export interface QuerySpec {
  /** Names the pattern; cursors are bound to it so a token cannot be replayed on another query. */
  name: string;
  index?: 'GSI1' | 'GSI2';
  pk: string;
  skPrefix: string;
  /** false = newest first (ULID sort keys). */
  forward: boolean;
}

export const patterns = {
  /** Cases of a firm, newest first. */
  casesOfFirm: (firmId: string): QuerySpec => ({
    name: 'casesOfFirm',
    pk: firmPk(firmId),
    skPrefix: 'CASE#',
    forward: false,
  }),
  /** Contacts of a firm, oldest first. */
  contactsOfFirm: (firmId: string): QuerySpec => ({
    name: 'contactsOfFirm',
    pk: firmPk(firmId),
    skPrefix: 'CONTACT#',
    forward: true,
  }),
  /** The activity trail of a case, newest first. */
  activityOfCase: (firmId: string, caseId: string): QuerySpec => ({
    name: 'activityOfCase',
    pk: casePk(firmId, caseId),
    skPrefix: 'ACTIVITY#',
    forward: false,
  }),
};
