import { describe, expect, it } from 'vitest';
import { EVENT_SOURCE, eventTypes } from '../../functions/events/catalogue';
import { busRules, type EventPattern, matches } from '../../functions/events/rules';

const BUCKET = 'portico-uploads-123';

/** What S3 sends to the default bus when an object lands (EventBridge notifications). */
const s3ObjectCreated = (bucket = BUCKET) => ({
  version: '0',
  id: '17793124-05d4-b198-2fde-7ededc63b103',
  'detail-type': 'Object Created',
  source: 'aws.s3',
  account: '123456789012',
  time: '2024-05-06T07:08:09Z',
  region: 'eu-west-1',
  resources: [`arn:aws:s3:::${bucket}`],
  detail: {
    version: '0',
    bucket: { name: bucket },
    object: {
      key: 'firms/F/cases/C/U/scan.pdf',
      size: 5,
      etag: 'b1946ac92492d2347c6235b4d2611184',
      sequencer: '1',
    },
    'request-id': 'N4N7GDK58NMKJ12R',
    requester: '123456789012',
    reason: 'PutObject',
  },
});

/** A Portico domain event as it travels on the domain bus. */
const domainEnvelope = (overrides: Record<string, unknown> = {}) => ({
  version: '0',
  id: 'a1b2',
  'detail-type': 'case.created',
  source: 'portico',
  account: '123456789012',
  time: '2024-05-06T07:08:09Z',
  region: 'eu-west-1',
  resources: [],
  detail: {
    type: 'case.created',
    eventId: 'E1',
    firmId: 'F1',
    caseId: 'C1',
    actor: { kind: 'staff', id: 'U1' },
    occurredAt: '2024-05-06T07:08:09.000Z',
    detail: { title: 'T', ownerId: 'U1' },
  },
  ...overrides,
});

function rule(id: string) {
  const found = busRules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

describe('Module: rules', () => {
  describe('matches', () => {
    const cases: [string, EventPattern, Record<string, unknown>, boolean][] = [
      ['an exact value', { source: ['a'] }, { source: 'a' }, true],
      ['another value', { source: ['a'] }, { source: 'b' }, false],
      ['one of several values', { source: ['a', 'b'] }, { source: 'b' }, true],
      ['a missing field', { source: ['a'] }, {}, false],
      ['a null field', { source: ['a'] }, { source: null }, false],
      ['a value of another type', { size: ['5'] }, { size: 5 }, false],
      ['an array containing the value', { resources: ['r2'] }, { resources: ['r1', 'r2'] }, true],
      ['an array without the value', { resources: ['r3'] }, { resources: ['r1', 'r2'] }, false],
      ['an empty array', { resources: ['r1'] }, { resources: [] }, false],
      ['every field must match', { source: ['a'], kind: ['k'] }, { source: 'a', kind: 'x' }, false],
      ['all fields matching', { source: ['a'], kind: ['k'] }, { source: 'a', kind: 'k', extra: 1 }, true],
      [
        'a nested object',
        { detail: { bucket: { name: ['b'] } } },
        { detail: { bucket: { name: 'b' } } },
        true,
      ],
      [
        'a nested mismatch',
        { detail: { bucket: { name: ['b'] } } },
        { detail: { bucket: { name: 'c' } } },
        false,
      ],
      ['a missing nested object', { detail: { bucket: { name: ['b'] } } }, { detail: {} }, false],
      ['a scalar where an object is expected', { detail: { name: ['b'] } }, { detail: 'b' }, false],
      ['a null where an object is expected', { detail: { name: ['b'] } }, { detail: null }, false],
    ];

    it.each(cases)('%s → %s', (_name, pattern, event, expected) => {
      expect(matches(pattern, event)).toBe(expected);
    });
  });

  describe('UploadedObjects rule', () => {
    const upload = rule('UploadedObjects');

    it('sends S3 Object Created events of the upload bucket to ingest', () => {
      expect(upload).toMatchObject({ bus: 'default', target: 'ingest' });
      expect(matches(upload.pattern({ bucketName: BUCKET }), s3ObjectCreated())).toBe(true);
    });

    it('ignores other buckets, other S3 events and other sources', () => {
      const pattern = upload.pattern({ bucketName: BUCKET });
      expect(matches(pattern, s3ObjectCreated('someone-elses-bucket'))).toBe(false);
      expect(matches(pattern, { ...s3ObjectCreated(), 'detail-type': 'Object Deleted' })).toBe(false);
      expect(matches(pattern, { ...s3ObjectCreated(), source: 'portico' })).toBe(false);
      expect(matches(pattern, domainEnvelope())).toBe(false);
    });
  });

  describe('DomainEventsToNotify rule', () => {
    const notify = rule('DomainEventsToNotify');
    const pattern = notify.pattern({ bucketName: BUCKET });

    it('sends every catalogued Portico event to notify', () => {
      expect(notify).toMatchObject({ bus: 'domain', target: 'notify' });
      expect(eventTypes.length).toBeGreaterThan(0);
      for (const type of eventTypes) {
        expect(matches(pattern, domainEnvelope({ 'detail-type': type, source: EVENT_SOURCE }))).toBe(true);
      }
    });

    it('ignores other sources, unknown detail-types and S3 events', () => {
      expect(matches(pattern, domainEnvelope({ source: 'someone.else' }))).toBe(false);
      expect(matches(pattern, domainEnvelope({ 'detail-type': 'case.deleted' }))).toBe(false);
      expect(matches(pattern, s3ObjectCreated())).toBe(false);
    });
  });

  it('has unique rule ids', () => {
    expect(new Set(busRules.map((r) => r.id)).size).toBe(busRules.length);
  });
});
