// Event rules: which events reach which function. CDK creates EventBridge rules from this list
// and the local event bus dispatches with the same patterns, so the two cannot disagree.
import { EVENT_SOURCE, eventTypes } from './catalogue';

/** The functions a rule can target (their Lambda entries are functions/handlers/<target>.ts). */
export type RuleTarget = 'notify' | 'ingest';

/** An EventBridge event pattern (the subset we use: exact-value lists, nested objects). */
export interface EventPattern {
  [field: string]: string[] | EventPattern;
}

export interface BusRule {
  id: string;
  description: string;
  /** `domain`: Portico's custom bus; `default`: the account's default bus (where S3 sends events). */
  bus: 'domain' | 'default';
  target: RuleTarget;
  pattern: (refs: { bucketName: string }) => EventPattern;
}

/** The SES event types a configuration set publishes to EventBridge that Portico acts on. */
export const MAIL_FEEDBACK_TYPES = ['Email Bounced', 'Email Complaint Received'] as const;

export const busRules: BusRule[] = [
  {
    id: 'UploadedObjects',
    description: 'S3 "Object Created" of the upload bucket → ingest',
    bus: 'default',
    target: 'ingest',
    pattern: ({ bucketName }) => ({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: [bucketName] } },
    }),
  },
  {
    id: 'DomainEventsToNotify',
    description: 'Every Portico domain event → notify (the policy decides who hears of it)',
    bus: 'domain',
    target: 'notify',
    pattern: () => ({ source: [EVENT_SOURCE], 'detail-type': [...eventTypes] }),
  },
  {
    id: 'MailFeedbackToNotify',
    description: 'SES bounces and complaints (the configuration set publishes them) → notify',
    bus: 'default',
    target: 'notify',
    pattern: () => ({ source: ['aws.ses'], 'detail-type': [...MAIL_FEEDBACK_TYPES] }),
  },
];

/** Does an event match a pattern? The EventBridge semantics for exact-value lists and nesting. */
export function matches(pattern: EventPattern, event: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([field, expected]) => {
    const actual = event[field];
    if (Array.isArray(expected)) {
      const values = Array.isArray(actual) ? actual : [actual];
      return values.some((v) => expected.includes(v as string));
    }
    return (
      actual !== null && typeof actual === 'object' && matches(expected, actual as Record<string, unknown>)
    );
  });
}
