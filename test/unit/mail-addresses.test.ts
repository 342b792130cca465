// SES bounce and complaint events → marks per address, and what a mark stops (issue 16, item 4).
import { describe, expect, it } from 'vitest';
import {
  type MailMark,
  mailStatusOf,
  mailSuppression,
  parseMailFeedback,
  recordMailFeedback,
} from '../../functions/domain/mail-addresses';
import { busRules, matches } from '../../functions/events/rules';

/** An SES event-publishing record as EventBridge carries it (configuration set → default bus). */
const sesEnvelope = (detailType: string, detail: Record<string, unknown>) => ({
  version: '0',
  id: 'e1',
  'detail-type': detailType,
  source: 'aws.ses',
  account: '123456789012',
  time: '2026-12-06T05:00:00Z',
  region: 'eu-west-1',
  resources: [],
  detail,
});
const bounce = (bounceType: string, emails: string[]) => ({
  eventType: 'Bounce',
  bounce: {
    bounceType,
    bounceSubType: 'General',
    bouncedRecipients: emails.map((emailAddress) => ({
      emailAddress,
      diagnosticCode: 'smtp; 550 5.1.1 user unknown',
    })),
    timestamp: '2026-12-06T05:00:00.000Z',
    feedbackId: 'f1',
  },
  mail: { messageId: 'm1', destination: emails },
});
const complaint = (emails: string[]) => ({
  eventType: 'Complaint',
  complaint: {
    complainedRecipients: emails.map((emailAddress) => ({ emailAddress })),
    timestamp: '2026-12-06T06:00:00.000Z',
    feedbackId: 'f2',
  },
  mail: { messageId: 'm2', destination: emails },
});

function fakeStore() {
  const calls: string[] = [];
  return {
    calls,
    recordBounce: async (email: string, b: { at: string; detail: string }) => {
      calls.push(`bounce ${email} ${b.at} ${b.detail}`);
    },
    recordComplaint: async (email: string, at: string) => {
      calls.push(`complaint ${email} ${at}`);
    },
  };
}

describe('Module: mail-addresses', () => {
  describe('the MailFeedbackToNotify rule', () => {
    const rule = busRules.find((r) => r.id === 'MailFeedbackToNotify');

    it('sends SES bounces and complaints on the default bus to notify, and nothing else of SES', () => {
      expect(rule).toMatchObject({ bus: 'default', target: 'notify' });
      const pattern = rule!.pattern({ bucketName: 'b' });
      expect(matches(pattern, sesEnvelope('Email Bounced', bounce('Permanent', ['a@x.test'])))).toBe(true);
      expect(matches(pattern, sesEnvelope('Email Complaint Received', complaint(['a@x.test'])))).toBe(true);
      expect(matches(pattern, sesEnvelope('Email Delivered', {}))).toBe(false);
      expect(matches(pattern, { ...sesEnvelope('Email Bounced', {}), source: 'portico' })).toBe(false);
    });
  });

  describe('parseMailFeedback + recordMailFeedback', () => {
    it('marks every hard-bounced address, lower-cased, with SES words', async () => {
      const store = fakeStore();
      const marked = await recordMailFeedback(
        store,
        parseMailFeedback(bounce('Permanent', ['A@X.test', 'b@y.test'])),
      );
      expect(marked).toEqual(['a@x.test', 'b@y.test']);
      expect(store.calls).toEqual([
        'bounce a@x.test 2026-12-06T05:00:00.000Z General: smtp; 550 5.1.1 user unknown',
        'bounce b@y.test 2026-12-06T05:00:00.000Z General: smtp; 550 5.1.1 user unknown',
      ]);
    });

    it('ignores transient and undetermined bounces (the address may work tomorrow)', async () => {
      for (const type of ['Transient', 'Undetermined']) {
        const store = fakeStore();
        const feedback = parseMailFeedback(bounce(type, ['a@x.test']));
        expect(feedback.kind).toBe('ignored');
        expect(await recordMailFeedback(store, feedback)).toEqual([]);
        expect(store.calls).toEqual([]);
      }
    });

    it('records a complaint per complaining address', async () => {
      const store = fakeStore();
      await recordMailFeedback(store, parseMailFeedback(complaint(['c@z.test'])));
      expect(store.calls).toEqual(['complaint c@z.test 2026-12-06T06:00:00.000Z']);
    });

    it('refuses what is not a bounce or complaint (the event goes to retries, then the DLQ)', () => {
      expect(() => parseMailFeedback({ eventType: 'Delivery', delivery: {} })).toThrow(/not an SES bounce/);
      expect(() => parseMailFeedback(undefined)).toThrow();
    });
  });

  describe('mailSuppression', () => {
    const bounced: MailMark = {
      email: 'a@x.test',
      bounced: { since: '2026-12-06T05:00:00.000Z', detail: 'General' },
    };
    const complained: MailMark = { email: 'a@x.test', complained: { since: '2026-12-06T06:00:00.000Z' } };

    it('stops every mail to a bounced address, mandatory ones too (they cannot arrive)', () => {
      expect(mailSuppression(bounced, 'access', ['access'])).toMatchObject({ reason: 'unreachable' });
      expect(mailSuppression(bounced, 'documents', ['access'])?.detail).toContain('2026-12-06 05:00 UTC');
    });

    it('stops only categories the firm did not make mandatory after a complaint', () => {
      expect(mailSuppression(complained, 'documents', ['access'])).toMatchObject({ reason: 'preference' });
      expect(mailSuppression(complained, 'access', ['access'])).toBeUndefined();
      expect(mailSuppression(complained, 'documents', ['access', 'documents'])).toBeUndefined();
    });

    it('lets everything through for an address with no mark', () => {
      expect(mailSuppression(undefined, 'documents', [])).toBeUndefined();
    });
  });

  describe('mailStatusOf', () => {
    it('tells staff since when and why; a bounce outranks a complaint', () => {
      const both: MailMark = {
        email: 'a@x.test',
        bounced: { since: '2026-12-06T05:00:00.000Z', detail: 'General: 550' },
        complained: { since: '2026-12-06T04:00:00.000Z' },
      };
      expect(mailStatusOf(both)).toMatchObject({ status: 'unreachable', since: '2026-12-06T05:00:00.000Z' });
      expect(mailStatusOf(both)?.reason).toContain('550');
      expect(mailStatusOf({ email: 'a@x.test', complained: { since: 's' } })).toMatchObject({
        status: 'complained',
      });
      expect(mailStatusOf(undefined)).toBeUndefined();
    });
  });
});
