// What tells an operator that Portico needs them: one SNS topic (optional e-mail subscription),
// an alarm for every dead-letter queue and for each function's errors and throttles, the stream
// relay's iterator age, the API's 5xx rate and p99 latency, the SES account's bounce and complaint
// rates, and one dashboard of the same figures. The README's "Operate" section is the runbook.
import { Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { PorticoApi } from './api';
import type { PorticoFunction } from './function';

export interface OperationsProps {
  /** Every Portico function: each gets an errors alarm and a throttles alarm. */
  functions: ReadonlyMap<string, PorticoFunction>;
  /** Every dead-letter queue: any message in one is work that failed every retry. */
  deadLetterQueues: ReadonlyMap<string, Queue>;
  /** The stream consumer whose iterator age says how far domain events lag behind their changes. */
  streamConsumer: PorticoFunction;
  api: PorticoApi;
  /** Where alarm notifications are mailed (optional; the topic can be subscribed to later). */
  alarmEmail?: string;
}

/** Thresholds an operator can read in one place (README › Operate explains each). */
export const alarmThresholds = {
  /** Stream relay lag: domain events reach the bus later than this → notifications are late. */
  iteratorAgeMs: 5 * 60_000,
  /** Share of API requests answered 5xx over 5 minutes, in percent. */
  api5xxPercent: 1,
  /** p99 latency of the API over 5 minutes, in milliseconds. */
  apiP99Ms: 3_000,
  /** SES reviews an account at 5 % bounces and 0.1 % complaints; we warn below those. */
  sesBounceRate: 0.04,
  sesComplaintRate: 0.0008,
} as const;

const FIVE_MINUTES = Duration.minutes(5);

export class Operations extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);

    // An encrypted topic needs a key CloudWatch may use: the AWS-managed SNS key does not allow it.
    const key = new Key(this, 'TopicKey', {
      description: 'Portico: encrypts the alarm topic; CloudWatch alarms may publish with it',
      enableKeyRotation: true,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Alarms', {
      displayName: `${Stack.of(this).stackName} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const notify = new SnsAction(this.topic);

    const alarm = (
      alarmId: string,
      description: string,
      metric: Metric | MathExpression,
      threshold: number,
    ) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        // No data means nothing happened: a quiet night is not an incident.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(notify);
      this.alarms.push(created);
      return created;
    };

    for (const [name, queue] of props.deadLetterQueues) {
      alarm(
        `${name}Depth`,
        `Dead letters in ${name}: work failed every retry and waits for a fix, then \`npm run redrive\` (README › Operate).`,
        queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        0,
      );
    }

    for (const [name, fn] of props.functions) {
      alarm(
        `${name}Errors`,
        `${name} failed (errors or timeouts): see its log group for the correlation id and error.`,
        fn.lambda.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        0,
      );
      alarm(
        `${name}Throttles`,
        `${name} was throttled: raise the account's concurrency or lower the caller's rate.`,
        fn.lambda.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        0,
      );
    }

    const iteratorAge = props.streamConsumer.lambda.metric('IteratorAge', {
      period: FIVE_MINUTES,
      statistic: 'Maximum',
    });
    alarm(
      'StreamIteratorAge',
      'Domain events lag behind their changes by more than 5 minutes: the publisher is failing or throttled.',
      iteratorAge,
      alarmThresholds.iteratorAgeMs,
    );

    const { httpApi } = props.api;
    const requests = httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrors = httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrorRate = new MathExpression({
      expression: '100 * errors / MAX([requests, 1])',
      usingMetrics: { errors: serverErrors, requests },
      label: 'API 5xx (% of requests)',
      period: FIVE_MINUTES,
    });
    alarm(
      'Api5xxRate',
      'More than 1 % of API requests answered 5xx over 5 minutes: see the group functions’ errors.',
      serverErrorRate,
      alarmThresholds.api5xxPercent,
    );
    const latencyP99 = httpApi.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' });
    alarm(
      'ApiLatencyP99',
      'The API’s p99 latency is above 3 s over 5 minutes: look for throttled or slow functions.',
      latencyP99,
      alarmThresholds.apiP99Ms,
    );

    // Account-level SES reputation (no dimensions): one bad address list can suspend sending.
    const ses = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, period: FIVE_MINUTES, statistic: 'Maximum' });
    const bounceRate = ses('Reputation.BounceRate');
    const complaintRate = ses('Reputation.ComplaintRate');
    alarm(
      'SesBounceRate',
      'The SES bounce rate is above 4 % (AWS reviews sending at 5 %): check bounced addresses.',
      bounceRate,
      alarmThresholds.sesBounceRate,
    );
    alarm(
      'SesComplaintRate',
      'The SES complaint rate is above 0.08 % (AWS reviews sending at 0.1 %): check who is mailed what.',
      complaintRate,
      alarmThresholds.sesComplaintRate,
    );

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-operations`,
      defaultInterval: Duration.hours(6),
    });
    const functions = [...props.functions];
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 6 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'API requests and 5xx', left: [requests, serverErrors], width: 8 }),
      new GraphWidget({ title: 'API latency p99 (ms)', left: [latencyP99], width: 8 }),
      new GraphWidget({ title: 'Domain event lag (ms)', left: [iteratorAge], width: 8 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Function errors',
        left: functions.map(([name, fn]) => fn.lambda.metricErrors({ label: name, period: FIVE_MINUTES })),
        width: 8,
      }),
      new GraphWidget({
        title: 'Function throttles',
        left: functions.map(([name, fn]) => fn.lambda.metricThrottles({ label: name, period: FIVE_MINUTES })),
        width: 8,
      }),
      new GraphWidget({
        title: 'Dead letters waiting',
        left: [...props.deadLetterQueues].map(([name, q]) =>
          q.metricApproximateNumberOfMessagesVisible({
            label: name,
            period: FIVE_MINUTES,
            statistic: 'Maximum',
          }),
        ),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'SES bounce and complaint rates',
        left: [bounceRate, complaintRate],
        width: 12,
      }),
      new GraphWidget({
        title: 'Function duration p99 (ms)',
        left: functions.map(([name, fn]) =>
          fn.lambda.metricDuration({ label: name, period: FIVE_MINUTES, statistic: 'p99' }),
        ),
        width: 12,
      }),
    );
  }
}
