// What each DynamoDB request notify makes costs on DynamoDB Local next to the single-ADD floor write
// (an unconditional ADD on a counter), at the notify core's concurrency, in interleaved rounds: the
// email claim, its `sent` record, the in-app transaction. Section 5's informational "vs single-ADD
// floor" is about these ratios: a request that costs more than that write pulls it below 1 however
// few requests a delivery makes (why the target's floor is the same requests raw, decision 0054).
// Run by `npx tsx bench/fanout-only.ts --costs`.
import { ulid } from 'ulid';
import { documentClient } from '../functions/clients/dynamodb';
import { DEFAULT_CONCURRENCY, type DeliveryKey, mapLimit } from '../functions/notify/core';
import { deliveryStore } from '../functions/store/deliveries';
import { inboxWriter } from '../functions/store/inbox';
import type { Table } from '../functions/store/table';
import { floorWrite } from './fanout-floor';

const WRITES = 300;
const ROUNDS = 3;

/** A Markdown table: each request's rate (median of the rounds) and its ratio to the floor write's. */
export async function measureRequestCosts(): Promise<string> {
  const table: Table = { client: documentClient, name: process.env.TABLE_NAME!, cursorSecret: '' };
  const deliveries = deliveryStore(table);
  const inbox = inboxWriter(table);
  const firmId = ulid();
  const caseId = ulid();
  const perSecond = async (op: (i: number) => Promise<unknown>) => {
    const t0 = performance.now();
    await mapLimit(
      Array.from({ length: WRITES }, (_, i) => i),
      DEFAULT_CONCURRENCY,
      op,
    );
    return (WRITES / (performance.now() - t0)) * 1000;
  };
  const rows: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    const eventId = ulid();
    const key = (i: number, channel: 'email' | 'inApp'): DeliveryKey => ({
      firmId,
      eventId,
      recipient: `staff-${i}`,
      channel,
    });
    const now = () => new Date();
    const measured: Record<string, (i: number) => Promise<unknown>> = {
      'floor write (ADD on a counter)': (i) =>
        table.client.send(floorWrite(table, `${eventId}-${i}`, firmId)),
      'email claim (conditional UpdateItem, GSI2 by case)': (i) =>
        deliveries.claim(key(i, 'email'), {
          type: 'document.uploaded',
          caseId,
          now: now(),
          leaseMs: 30_000,
        }),
      'email sent record (conditional UpdateItem)': (i) =>
        deliveries.markSent(key(i, 'email'), { sentAt: now().toISOString(), messageId: 'bench' }),
      'in-app delivery (TransactWriteItems of 3)': (i) =>
        inbox.deliverInApp({
          key: key(i, 'inApp'),
          owner: { firmId, kind: 'staff', id: `${eventId}-${i}` },
          item: {
            itemId: ulid(),
            firmId,
            caseId,
            eventId,
            type: 'document.uploaded',
            title: 'New document',
            body: 'statement.pdf',
            createdAt: now().toISOString(),
          },
          at: now().toISOString(),
        }),
    };
    for (const [name, op] of Object.entries(measured))
      rows[name] = [...(rows[name] ?? []), await perSecond(op)];
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const floor = median(rows['floor write (ADD on a counter)']!);
  return [
    '| request | per second (median of rounds) | vs floor write |',
    '|---|---|---|',
    ...Object.entries(rows).map(
      ([name, xs]) => `| ${name} | ${median(xs).toFixed(0)} | ${(median(xs) / floor).toFixed(2)}× |`,
    ),
  ].join('\n');
}
