// EMF metrics for what an operator asks about (deliveries by outcome, reason and channel; ingest
// rejections by reason; dead letters; digest and reminder mails). Each count is written at once as
// its own EMF line (dimensions stay its own, no after-invocation flush), the line Powertools
// Metrics' singleMetric() writes (a unit test holds them equal): written here, because the library
// weighed 13 KB in the notify bundle for one JSON line (decision 0035). Off outside Lambda unless
// PORTICO_METRICS=emf: locally the EMF lines would only bury the console.
import { log } from './log';
import type { DeliveryStore, SuppressionLog } from './notify/core';

export type MetricName =
  | 'DeliverySent'
  | 'DeliverySuppressed'
  | 'DeliveryFailed'
  | 'IngestRejected'
  | 'DeadLetter'
  | 'DigestMailed'
  | 'ReminderDue'
  | 'DocumentPurged';

const enabled = () => Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME) || process.env.PORTICO_METRICS === 'emf';

/** Adds `value` to a metric with the given dimensions (one EMF line now). */
export function count(name: MetricName, dimensions: Record<string, string> = {}, value = 1): void {
  if (!enabled() || value <= 0) return;
  try {
    const service = process.env.POWERTOOLS_SERVICE_NAME ?? 'portico';
    const all: Record<string, string> = { service, ...dimensions };
    const line = {
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Portico',
            Dimensions: [Object.keys(all)],
            Metrics: [{ Name: name, Unit: 'Count' }],
          },
        ],
      },
      ...all,
      [name]: value,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
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
    ...(store.markWithdrawn
      ? {
          async markWithdrawn(key: Parameters<NonNullable<S['markWithdrawn']>>[0], detail: string) {
            await store.markWithdrawn?.(key, detail);
            count('DeliverySuppressed', { channel: key.channel, reason: 'withdrawn' });
          },
        }
      : {}),
    async suppress(key, info) {
      await store.suppress(key, info);
      count('DeliverySuppressed', { channel: key.channel, reason: info.reason });
    },
  };
}
