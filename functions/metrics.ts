// EMF metrics for what an operator asks about (deliveries by outcome, reason and channel; ingest
// rejections by reason; dead letters; digest and reminder mails), through Powertools Metrics.
// Each count is flushed at once as its own EMF line (singleMetric), so its dimensions stay its own
// and no after-invocation flush is needed. Off outside Lambda unless PORTICO_METRICS=emf: locally the
// EMF lines would only bury the console.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { log } from './log';
import type { DeliveryStore, SuppressionLog } from './notify/core';

export type MetricName =
  | 'DeliverySent'
  | 'DeliverySuppressed'
  | 'DeliveryFailed'
  | 'IngestRejected'
  | 'DeadLetter'
  | 'DigestMailed'
  | 'ReminderDue';

let metrics: Metrics | undefined;
const enabled = () => Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME) || process.env.PORTICO_METRICS === 'emf';

/** Adds `value` to a metric with the given dimensions (one EMF line now). */
export function count(name: MetricName, dimensions: Record<string, string> = {}, value = 1): void {
  if (!enabled() || value <= 0) return;
  try {
    metrics ??= new Metrics({
      namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Portico',
      serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'portico',
      // Powertools' own warnings go through our facade (one format, redaction).
      logger: log,
    });
    const single = metrics.singleMetric();
    for (const [k, v] of Object.entries(dimensions)) single.addDimension(k, v);
    single.addMetric(name, MetricUnit.Count, value);
  } catch (err) {
    // A metric is never worth failing a delivery or an ingest for.
    log.warn('metric not written', { metric: name, error: err });
  }
}

/**
 * The notify core's delivery store, counting each outcome as it is recorded: sent and failed per
 * channel, suppressed per channel and reason (digested mail counts as suppressed `digest`).
 * Counted after the write, so a count means the record says so too.
 */
export function measuredDeliveries<S extends DeliveryStore & SuppressionLog>(store: S): S {
  return {
    ...store,
    async markSent(key, result) {
      await store.markSent(key, result);
      count('DeliverySent', { channel: key.channel });
    },
    async release(key, failure) {
      await store.release(key, failure);
      count('DeliveryFailed', { channel: key.channel });
    },
    ...(store.markDigested
      ? {
          async markDigested(
            key: Parameters<NonNullable<S['markDigested']>>[0],
            info: Parameters<NonNullable<S['markDigested']>>[1],
          ) {
            await store.markDigested?.(key, info);
            count('DeliverySuppressed', { channel: key.channel, reason: 'digest' });
          },
        }
      : {}),
    async suppress(key, info) {
      await store.suppress(key, info);
      count('DeliverySuppressed', { channel: key.channel, reason: info.reason });
    },
  };
}
