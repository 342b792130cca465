// The shape of bench/results.json, and the verdict on each target of issue 8.
import type { BundleRow } from './bundles';
import type { ColdResult, ColdRow } from './cold-init';
import type { FanoutRow } from './fanout';
import type { RoundTripRow } from './round-trips';
import type { UploadToInbox } from './upload-to-inbox';
import type { WarmRow } from './warm';

export interface NotMeasured {
  notMeasured: string;
}

export interface Target {
  target: string;
  measured: string;
  /** undefined: not measured. */
  met?: boolean;
}

export interface Results {
  node: string;
  cpus: string;
  timestamp: string;
  durationSeconds: number;
  bundles: (BundleRow | { function: string; missing: string })[];
  coldInit: ColdResult[];
  warm: WarmRow[];
  roundTrips: RoundTripRow[];
  notify: FanoutRow[] | NotMeasured;
  uploadToInbox: UploadToInbox | NotMeasured;
  targets: Target[];
}

export function judge(r: Omit<Results, 'targets'>): Target[] {
  const out: Target[] = [];
  const built = r.bundles.filter((b): b is BundleRow => 'ratio' in b);
  const biggest = built.reduce<BundleRow | undefined>((m, b) => (!m || b.bytes > m.bytes ? b : m), undefined);
  out.push({
    target: 'largest bundle ≤ 1.3× baseline',
    measured: biggest
      ? `${biggest.function}: ${biggest.ratio.toFixed(2)}× (worst ratio ${Math.max(...built.map((b) => b.ratio)).toFixed(2)}×)`
      : '—',
    ...(biggest ? { met: biggest.ratio <= 1.3 } : {}),
  });
  const coldRows = r.coldInit.filter((c): c is ColdRow => 'ratio' in c);
  const coldFailed = r.coldInit.length - coldRows.length;
  const worstCold = coldRows.reduce<ColdRow | undefined>(
    (m, c) => (!m || c.ratio > m.ratio ? c : m),
    undefined,
  );
  out.push({
    target: 'cold init ≤ 1.3× baseline (every function)',
    measured: `${worstCold ? `worst: ${worstCold.function} ${worstCold.ratio.toFixed(2)}×` : '—'}${coldFailed ? `, ${coldFailed} failed` : ''}`,
    ...(worstCold ? { met: worstCold.ratio <= 1.3 && coldFailed === 0 } : {}),
  });
  const worstWarm = r.warm.reduce<WarmRow | undefined>(
    (m, w) => (!m || w.p50Ratio > m.p50Ratio ? w : m),
    undefined,
  );
  out.push({
    target: 'warm read route p50 ≤ 1.5× raw SDK call',
    measured: worstWarm ? `worst: ${worstWarm.route} ${worstWarm.p50Ratio.toFixed(2)}×` : '—',
    ...(worstWarm ? { met: worstWarm.p50Ratio <= 1.5 } : {}),
  });
  const counted = r.roundTrips.filter(
    (t): t is Extract<RoundTripRow, { dynamodb: number }> => 'dynamodb' in t,
  );
  const accepted = counted.filter((t) => t.verdict.kind === 'accepted');
  const over = counted.filter((t) => t.verdict.kind === 'over');
  const notCounted = r.roundTrips.length - counted.length;
  const figures = (rows: typeof counted) =>
    rows.map((t) => `${t.route} ${t.dynamodb} requests / ${t.sequential} round trips`).join(', ');
  out.push({
    target: 'reads 1 round trip and ≤ 2 DynamoDB requests, writes ≤ 2 round trips',
    measured:
      `${counted.length} routes counted: ${counted.length - accepted.length - over.length} ok, ` +
      `${accepted.length} accepted${accepted.length ? ` (${figures(accepted)})` : ''}, ` +
      `${over.length} over${over.length ? ` (${figures(over)})` : ''}` +
      `${notCounted ? `, ${notCounted} not counted` : ''}`,
    ...(counted.length ? { met: over.length === 0 && notCounted === 0 } : {}),
  });
  if (Array.isArray(r.notify) && r.notify.length) {
    const slowest = r.notify
      .filter((n) => n.recipients >= 100)
      .reduce((m, n) => (n.deliveriesPerSecond < m.deliveriesPerSecond ? n : m));
    const minRate = slowest.deliveriesPerSecond;
    const big = r.notify.find((n) => n.recipients === 1000);
    out.push({
      target: 'notify ≥ 500 deliveries/s (≥ 100 recipients)',
      measured: `${minRate.toFixed(0)}/s at ${slowest.recipients} recipients (DynamoDB Local floor ${slowest.floorDeliveriesPerSecond.toFixed(0)}/s: ${slowest.vsFloor.toFixed(2)}× of it)`,
      met: minRate >= 500,
    });
    out.push({
      target: 'notify 1,000 recipients ≤ 1.2× linear (vs 100)',
      measured: big?.vsLinear ? `${big.vsLinear.toFixed(2)}×` : '—',
      ...(big?.vsLinear ? { met: big.vsLinear <= 1.2 } : {}),
    });
  } else {
    out.push({ target: 'notify ≥ 500 deliveries/s', measured: 'not measured' });
    out.push({ target: 'notify 1,000 recipients ≤ 1.2× linear', measured: 'not measured' });
  }
  const u = r.uploadToInbox;
  out.push({
    target: 'upload → inbox p95 < 1 s',
    measured: 'notMeasured' in u ? 'not measured' : `${u.p95Ms.toFixed(0)} ms`,
    ...('notMeasured' in u ? {} : { met: u.p95Ms < 1000 }),
  });
  return out;
}
