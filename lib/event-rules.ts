// EventBridge rules built from functions/events/rules.ts (the list the local bus also dispatches
// with): each rule on its bus, with its pattern, to its target function. Delivery is retried and
// what still fails lands in the target's dead-letter queue.
import { Duration } from 'aws-cdk-lib';
import { type EventPattern as CdkEventPattern, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { BusRule, EventPattern, RuleTarget } from '../functions/events/rules';
import type { PorticoFunction } from './function';

export interface EventRulesProps {
  rules: readonly BusRule[];
  buses: Record<BusRule['bus'], IEventBus>;
  /** Every target a rule may name; each must have a dead-letter queue. */
  targets: Record<RuleTarget, PorticoFunction>;
  bucketName: string;
}

/** Top-level pattern fields in EventBridge spelling → the CDK's property names. */
const TOP_LEVEL: Record<string, keyof CdkEventPattern> = {
  version: 'version',
  id: 'id',
  'detail-type': 'detailType',
  source: 'source',
  account: 'account',
  time: 'time',
  region: 'region',
  resources: 'resources',
  detail: 'detail',
};

/** The rule list's pattern (EventBridge JSON) as the CDK's EventPattern; it renders back the same. */
export function toCdkPattern(pattern: EventPattern): CdkEventPattern {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(pattern)) {
    const key = TOP_LEVEL[field];
    if (!key) throw new Error(`unsupported top-level event pattern field: ${field}`);
    out[key] = value;
  }
  return out as CdkEventPattern;
}

export class EventRules extends Construct {
  readonly rules = new Map<string, Rule>();

  constructor(scope: Construct, id: string, props: EventRulesProps) {
    super(scope, id);
    for (const busRule of props.rules) {
      const target = props.targets[busRule.target];
      const deadLetterQueue = target.lambda.deadLetterQueue;
      if (!deadLetterQueue)
        throw new Error(`target ${busRule.target} of rule ${busRule.id} has no dead-letter queue`);
      const rule = new Rule(this, busRule.id, {
        description: busRule.description,
        eventBus: props.buses[busRule.bus],
        eventPattern: toCdkPattern(busRule.pattern({ bucketName: props.bucketName })),
        targets: [
          // Covers delivery to Lambda (throttling, service errors); the function's own async
          // retries cover its errors. Both end in the same queue, with the event as the body.
          new LambdaFunction(target.lambda, {
            retryAttempts: 8,
            maxEventAge: Duration.hours(24),
            deadLetterQueue,
          }),
        ],
      });
      this.rules.set(busRule.id, rule);
    }
  }
}
