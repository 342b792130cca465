// What notify's modules cost at import, in zod schemas constructed: notify (and the publisher) import
// them on every cold start, and one invocation parses one or a few event types, or one SES feedback
// event. A schema is built when it is first used, never at import. Alone in this file: the modules
// must not have been imported before a count starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../functions/zod-mini';

/** Zod schemas and checks constructed so far: each one defines its `_zod` internals once. */
let constructed = 0;
const defineProperty = Object.defineProperty;

beforeAll(() => {
  Object.defineProperty = <T>(o: T, key: PropertyKey, desc: PropertyDescriptor & ThisType<unknown>) => {
    if (key === '_zod') constructed += 1;
    return defineProperty(o, key, desc) as T;
  };
});

afterAll(() => {
  Object.defineProperty = defineProperty;
});

const event = {
  type: 'case.created',
  eventId: '01JEVENT',
  firmId: 'firm-1',
  caseId: 'case-1',
  actor: { kind: 'staff', id: 'u-1' },
  occurredAt: '2026-12-06T15:00:00.000Z',
  detail: { title: 'Tax return 2026', ownerId: 'u-1' },
};

describe('Notify: schemas built at import', () => {
  it('constructs no schema at import, one type’s on its first event, and all only for the union', async () => {
    // Act
    const before = constructed;
    const catalogue = await import('../../functions/events/catalogue');
    const atImport = constructed - before;
    expect(catalogue.DomainEventSchema.safeParse(event).success).toBe(true);
    const forOneType = constructed - before - atImport;
    expect(catalogue.DomainEventSchema.safeParse({ ...event, eventId: '01JOTHER' }).success).toBe(true);
    const again = constructed - before - atImport - forOneType;
    catalogue.domainEventUnion();
    const forAll = constructed - before - atImport - forOneType - again;

    // Assess
    expect(atImport).toBe(0);
    expect(again).toBe(0);
    // The counter counts: every type's schema is many times one type's (the envelope included).
    expect(forOneType).toBeGreaterThan(0);
    expect(forAll).toBeGreaterThan(10 * forOneType);
  });

  it('builds the SES feedback schema on the first SES event, not at import', async () => {
    // Act
    const before = constructed;
    const mail = await import('../../functions/domain/mail-addresses');
    const atImport = constructed - before;
    const feedback = mail.parseMailFeedback({
      eventType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: 'Ana@Example.test' }],
        timestamp: '2026-12-06T15:00:00Z',
      },
    });
    const onFirstEvent = constructed - before - atImport;

    // Assess: at import only the contact view's few schemas (MailStatusView).
    expect(feedback).toMatchObject({ kind: 'complaint', emails: ['ana@example.test'] });
    expect(atImport).toBeLessThanOrEqual(5);
    expect(onFirstEvent).toBeGreaterThan(15);
  });

  it('builds no schema when config is imported (every function imports it; push views stay in push.ts)', async () => {
    // Act
    const before = constructed;
    await import('../../functions/config');

    // Assess
    expect(constructed - before).toBe(0);
  });
});
