// Section 2: cold init. Each bundle is imported and invoked once in a fresh `node` process against
// the local emulators; the child times import + one representative invocation. Function and
// baseline runs alternate, so machine noise falls on both alike; the figure is the median.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ulid } from 'ulid';
import { ticketHash } from '../functions/domain/live';
import { routes } from '../functions/http/routes';
import {
  activityOfCasePattern,
  casesOfFirmPattern,
  DIGEST_SHARDS,
  discussionsOfCasePattern,
  documentsOfCasePattern,
  dueDigestsOf,
  dueRemindersOf,
  firmKey,
  grantsOfCasePattern,
  inboxOfPattern,
  liveTicketKey,
  type QuerySpec,
  REMINDER_SHARDS,
  recurringTasksOfFirmPattern,
  staffOfFirmPattern,
  templateOverridesOfFirmPattern,
  threadsOfCasePattern,
  uploadIntentKey,
} from '../functions/store/keys';
import { type DueRange, dueRangeInput, queryInput } from '../functions/store/table';
import { demo } from '../local/seed';
import {
  type BuiltFunction,
  type BundleRow,
  buildBaseline,
  type FloorCall,
  type SdkPackage,
} from './bundles';
import { busEnvelope, httpEvent, staffClaims, streamBatch } from './events';
import { median } from './stats';

const run = promisify(execFile);

/** What the child process runs: import, one invocation, timings on a marked line. */
const DRIVER = `
const c0 = process.cpuUsage();
const t0 = performance.now();
const mod = await import(process.argv[2]);
const t1 = performance.now();
const c1 = process.cpuUsage(c0);
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 10000, callbackWaitsForEmptyEventLoop: false };
const c2 = process.cpuUsage();
const result = await mod.handler(JSON.parse(process.env.BENCH_EVENT), context);
const t2 = performance.now();
const c3 = process.cpuUsage(c2);
process.stdout.write('\\nBENCH_RESULT ' + JSON.stringify({ importMs: t1 - t0, importCpuMs: (c1.user + c1.system) / 1000, invokeMs: t2 - t1, invokeCpuMs: (c3.user + c3.system) / 1000, status: result?.statusCode ?? null, failures: result?.batchItemFailures?.length ?? null }) + '\\n');
`;

export interface ColdSpec {
  /** How the function is invoked, in words (printed and recorded). */
  invocation: string;
  event: unknown;
  /** The SDK calls the baseline makes: the floor of this invocation. */
  floor: FloorCall[];
  /** HTTP status the invocation must answer (route groups). */
  expectStatus?: number;
}

/** The representative invocation of each function, against the seeded demo data. */
export function coldSpecs(
  env: Record<string, string>,
  sdkOf: (fn: string) => SdkPackage[],
): Record<string, ColdSpec> {
  const table = env.TABLE_NAME!;
  const staff = staffClaims(demo.firmId, demo.users.staff1.userId);
  const caseId = demo.cases.case1.caseId;
  const query = (spec: QuerySpec): FloorCall => ({
    pkg: '@aws-sdk/lib-dynamodb',
    client: 'documentClient',
    command: 'QueryCommand',
    input: { ...queryInput({ name: table }, spec), Limit: 25 },
  });
  const uploadId = ulid();
  const unknownKey = `firms/${demo.firmId}/cases/${caseId}/${uploadId}/bench-unknown.pdf`;
  const ingestFloor: FloorCall[] = [
    ...(sdkOf('ingest').includes('@aws-sdk/lib-dynamodb')
      ? [
          {
            pkg: '@aws-sdk/lib-dynamodb',
            client: 'documentClient',
            command: 'GetCommand',
            input: { TableName: table, Key: uploadIntentKey(demo.firmId, caseId, uploadId) },
          } satisfies FloorCall,
        ]
      : []),
    {
      pkg: '@aws-sdk/client-s3',
      client: 's3',
      command: 'DeleteObjectCommand',
      input: { Bucket: env.BUCKET_NAME, Key: unknownKey },
    },
  ];
  /** A scheduled run with nothing due: one range Query of the due index per shard (page of 50). */
  const dueFloor = (
    shards: number,
    rangeOf: (shard: number, dueBy: string) => DueRange,
    projection?: string,
  ): FloorCall[] =>
    Array.from({ length: shards }, (_, shard) => {
      const range = rangeOf(shard, new Date().toISOString());
      return {
        pkg: '@aws-sdk/lib-dynamodb',
        client: 'documentClient',
        command: 'QueryCommand',
        input: {
          ...dueRangeInput({ name: table }, range, projection),
          Limit: 50,
        },
      };
    });
  const activityEvent = {
    type: 'case.created' as const,
    eventId: ulid(),
    firmId: demo.firmId,
    caseId,
    actor: { kind: 'staff' as const, id: demo.users.staff1.userId },
    occurredAt: new Date().toISOString(),
    detail: { title: demo.cases.case1.title, ownerId: demo.users.staff1.userId },
  };
  return {
    cases: {
      invocation: 'GET /cases (staff claims)',
      event: httpEvent(routes.listCases, { claims: staff }),
      floor: [query(casesOfFirmPattern(demo.firmId))],
      expectStatus: 200,
    },
    access: {
      invocation: 'GET /cases/{caseId}/grants (staff claims)',
      event: httpEvent(routes.listGrants, { claims: staff, params: { caseId } }),
      floor: [query(grantsOfCasePattern(demo.firmId, caseId))],
      expectStatus: 200,
    },
    documents: {
      invocation: 'GET /cases/{caseId}/documents (staff claims)',
      event: httpEvent(routes.listDocuments, { claims: staff, params: { caseId } }),
      floor: [query(documentsOfCasePattern(demo.firmId, caseId))],
      expectStatus: 200,
    },
    staff: {
      invocation: 'GET /staff (staff claims)',
      event: httpEvent(routes.listStaff, { claims: staff }),
      floor: [query(staffOfFirmPattern(demo.firmId))],
      expectStatus: 200,
    },
    inbox: {
      invocation: 'GET /inbox (staff claims)',
      event: httpEvent(routes.listStaffInbox, { claims: staff }),
      floor: [query(inboxOfPattern({ firmId: demo.firmId, kind: 'staff', id: demo.users.staff1.userId }))],
      expectStatus: 200,
    },
    threads: {
      invocation: 'GET /cases/{caseId}/threads (staff claims)',
      event: httpEvent(routes.listThreads, { claims: staff, params: { caseId } }),
      floor: [query(threadsOfCasePattern(demo.firmId, caseId))],
      expectStatus: 200,
    },
    activity: {
      invocation: 'GET /cases/{caseId}/activity (staff claims)',
      event: httpEvent(routes.listCaseActivity, { claims: staff, params: { caseId } }),
      floor: [query(activityOfCasePattern(demo.firmId, caseId))],
      expectStatus: 200,
    },
    discussions: {
      invocation: 'GET /cases/{caseId}/discussions (staff claims)',
      event: httpEvent(routes.listDiscussions, { claims: staff, params: { caseId } }),
      floor: [query(discussionsOfCasePattern(demo.firmId, caseId))],
      expectStatus: 200,
    },
    reminders: {
      invocation: 'scheduled run with no reminder due',
      event: {},
      floor: dueFloor(REMINDER_SHARDS, dueRemindersOf),
    },
    notifications: {
      invocation: 'GET /recurring-tasks (staff claims)',
      event: httpEvent(routes.listRecurringTasks, { claims: staff }),
      floor: [query(recurringTasksOfFirmPattern(demo.firmId))],
      expectStatus: 200,
    },
    settings: {
      invocation: 'GET /settings/notifications (admin claims)',
      event: httpEvent(routes.getNotificationMatrix, {
        claims: staffClaims(demo.firmId, demo.users.admin.userId, 'admin'),
      }),
      floor: [
        {
          pkg: '@aws-sdk/lib-dynamodb',
          client: 'documentClient',
          command: 'GetCommand',
          input: { TableName: table, Key: firmKey(demo.firmId), ConsistentRead: true },
        },
      ],
      expectStatus: 200,
    },
    templates: {
      invocation: 'GET /settings/notifications/templates (admin claims)',
      event: httpEvent(routes.listNotificationTemplates, {
        claims: staffClaims(demo.firmId, demo.users.admin.userId, 'admin'),
      }),
      // The page is the shipped catalogue; the firm's overrides are one consistent Query, read whole.
      floor: [
        {
          pkg: '@aws-sdk/lib-dynamodb',
          client: 'documentClient',
          command: 'QueryCommand',
          input: {
            ...queryInput({ name: table }, templateOverridesOfFirmPattern(demo.firmId)),
            ConsistentRead: true,
          },
        },
      ],
      expectStatus: 200,
    },
    digests: {
      invocation: 'scheduled run with no digest due',
      event: {},
      floor: dueFloor(DIGEST_SHARDS, dueDigestsOf, 'firmId, recipientKey, category, windowId'),
    },
    publisher: {
      invocation: 'stream batch of 1 activity INSERT → PutEvents',
      event: streamBatch(table, activityEvent),
      floor: [
        {
          pkg: '@aws-sdk/client-eventbridge',
          client: 'eventBridge',
          command: 'PutEventsCommand',
          input: {
            Entries: [
              {
                EventBusName: env.EVENT_BUS_NAME,
                Source: 'portico',
                DetailType: activityEvent.type,
                Detail: JSON.stringify(activityEvent),
              },
            ],
          },
        },
      ],
    },
    notify: {
      invocation: 'case.created event (no notification policy) → no delivery',
      event: busEnvelope('portico', activityEvent.type, activityEvent),
      floor: [],
    },
    'live-connections': {
      invocation: 'WebSocket $connect with an unknown ticket → 401',
      event: {
        requestContext: {
          routeKey: '$connect',
          eventType: 'CONNECT',
          connectionId: 'bench-conn=',
          requestId: 'bench',
        },
        queryStringParameters: { ticket: 'not-a-ticket' },
      },
      // The redeem: one DeleteItem of the ticket's hash, answering nothing.
      floor: [
        {
          pkg: '@aws-sdk/lib-dynamodb',
          client: 'documentClient',
          command: 'DeleteCommand',
          input: {
            TableName: table,
            Key: liveTicketKey(ticketHash('not-a-ticket')),
            ReturnValues: 'ALL_OLD',
          },
        },
      ],
      expectStatus: 401,
    },
    'live-fanout': {
      invocation: 'stream batch of 1 activity INSERT (nothing live) → no post',
      event: streamBatch(table, activityEvent),
      floor: [],
    },
    ingest: {
      invocation: 'S3 Object Created for an unknown key → rejected and deleted',
      event: busEnvelope('aws.s3', 'Object Created', {
        version: '0',
        bucket: { name: env.BUCKET_NAME },
        object: { key: unknownKey, size: 1024 },
        reason: 'PostObject',
      }),
      floor: ingestFloor,
    },
  };
}

export interface ColdSample {
  importMs: number;
  /** CPU time (user + system) of the import: what a busy machine's run queue does not inflate. */
  importCpuMs: number;
  invokeMs: number;
  /** CPU time of the invocation (the same reason; requests waiting on the emulator cost none). */
  invokeCpuMs: number;
  status: number | null;
  failures: number | null;
  processMs: number;
}

export async function writeDriver(outDir: string): Promise<string> {
  const file = join(outDir, 'cold-driver.mjs');
  await writeFile(file, DRIVER);
  return file;
}

/**
 * One fresh `node` process running a driver on `bundle` with `event`, as Lambda runs the function:
 * the value the driver printed on its stdout's line starting with `marker`.
 */
export async function coldProcess<T>(
  driver: string,
  bundle: string,
  event: unknown,
  env: Record<string, string>,
  marker: string,
): Promise<T> {
  const { stdout } = await run(process.execPath, [driver, bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      // What the Lambda runtime sets that the code reads (the log format and level, EMF metrics, the
      // invocation context: functions/log.ts, metrics.ts, correlation.ts); both sides get it.
      AWS_LAMBDA_FUNCTION_NAME: 'portico-bench',
      // As in Lambda (lib/function.ts); source maps are parsed at load, so both sides pay it.
      NODE_OPTIONS: '--enable-source-maps',
      BENCH_EVENT: JSON.stringify(event),
    },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 60_000,
  });
  const line = stdout.split('\n').find((l) => l.startsWith(`${marker} `));
  if (!line) throw new Error(`no ${marker} from ${bundle}: ${stdout.slice(-500)}`);
  return JSON.parse(line.slice(marker.length + 1)) as T;
}

/** One fresh process: import + invoke `bundle` with `event`. */
export async function coldRun(
  driver: string,
  bundle: string,
  event: unknown,
  env: Record<string, string>,
): Promise<ColdSample> {
  const started = performance.now();
  const sample = await coldProcess<Omit<ColdSample, 'processMs'>>(driver, bundle, event, env, 'BENCH_RESULT');
  return { ...sample, processMs: performance.now() - started };
}

/** `[--runs N] <function>…` of the cold-process tools: N (else `defaultRuns`) and the names. */
export function runsAndFunctions(args: string[], defaultRuns: number): { runs: number; fns: string[] } {
  const at = args.indexOf('--runs');
  return {
    runs: at >= 0 ? Number(args[at + 1]) : defaultRuns,
    // The value after --runs is not a function name.
    fns: args.filter((a, i) => !a.startsWith('--') && !(at >= 0 && i === at + 1)),
  };
}

export interface ColdRow {
  function: string;
  invocation: string;
  medianMs: number;
  baselineMedianMs: number;
  ratio: number;
  importMedianMs: number;
  baselineImportMedianMs: number;
  importCpuMedianMs: number;
  baselineImportCpuMedianMs: number;
  processMedianMs: number;
  baselineProcessMedianMs: number;
  status: number | null;
  runs: number;
}

export type ColdResult = ColdRow | { function: string; invocation: string; failed: string };

export async function measureCold(
  driver: string,
  targets: ColdTarget[],
  env: Record<string, string>,
  runs: number,
  progress: (line: string) => void,
): Promise<ColdResult[]> {
  const samples = new Map<string, { fn: ColdSample[]; base: ColdSample[] }>(
    targets.map((t) => [t.function, { fn: [], base: [] }]),
  );
  const failed = new Map<string, string>();
  for (let i = 0; i < runs; i++) {
    for (const t of targets) {
      if (failed.has(t.function)) continue;
      const s = samples.get(t.function)!;
      // Alternate which side goes first, so neither always inherits a warmer page cache.
      const order = i % 2 === 0 ? (['fn', 'base'] as const) : (['base', 'fn'] as const);
      try {
        for (const side of order) {
          const sample =
            side === 'fn'
              ? await coldRun(driver, t.bundle, t.spec.event, env)
              : await coldRun(driver, t.baseline, t.baselineEvent, env);
          if (side === 'fn' && t.spec.expectStatus !== undefined && sample.status !== t.spec.expectStatus) {
            throw new Error(
              `${t.spec.invocation} answered ${sample.status}, expected ${t.spec.expectStatus}`,
            );
          }
          s[side].push(sample);
        }
      } catch (err) {
        const e = err as Error & { stderr?: string };
        const why =
          (e.stderr?.split('\n').find((l) => /^\w*Error|^\w+Exception|^\w+: /.test(l)) ??
            e.message.split('\n')[0]) ||
          'failed';
        failed.set(t.function, why);
        progress(`cold init: ${t.function} FAILED: ${why}`);
      }
    }
    progress(`cold init: round ${i + 1}/${runs}`);
  }
  return targets.map((t): ColdResult => {
    const why = failed.get(t.function);
    if (why) return { function: t.function, invocation: t.spec.invocation, failed: why };
    const { fn, base } = samples.get(t.function)!;
    const total = (xs: ColdSample[]) => median(xs.map((x) => x.importMs + x.invokeMs));
    const medianMs = total(fn);
    const baselineMedianMs = total(base);
    return {
      function: t.function,
      invocation: t.spec.invocation,
      medianMs,
      baselineMedianMs,
      ratio: medianMs / baselineMedianMs,
      importMedianMs: median(fn.map((x) => x.importMs)),
      baselineImportMedianMs: median(base.map((x) => x.importMs)),
      importCpuMedianMs: median(fn.map((x) => x.importCpuMs)),
      baselineImportCpuMedianMs: median(base.map((x) => x.importCpuMs)),
      processMedianMs: median(fn.map((x) => x.processMs)),
      baselineProcessMedianMs: median(base.map((x) => x.processMs)),
      status: fn[0]?.status ?? null,
      runs,
    };
  });
}

export interface ColdTarget {
  function: string;
  bundle: string;
  baseline: string;
  spec: ColdSpec;
  baselineEvent: unknown;
}

/** Each built function next to its baseline (section 1's rows) and, with its invocation, section 2's target. */
export async function withBaselines(
  built: BuiltFunction[],
  specs: Record<string, ColdSpec>,
  outDir: string,
  progress: (line: string) => void,
): Promise<{ bundles: BundleRow[]; coldTargets: ColdTarget[] }> {
  const bundles: BundleRow[] = [];
  const coldTargets: ColdTarget[] = [];
  for (const b of built) {
    const spec = specs[b.function];
    const base = await buildBaseline(b.function, b.sdk, spec?.floor ?? [], outDir);
    bundles.push({
      function: b.function,
      bytes: b.bytes,
      baselineBytes: base.bytes,
      ratio: b.bytes / base.bytes,
      sdk: b.sdk,
      top: b.top,
    });
    if (spec)
      coldTargets.push({
        function: b.function,
        bundle: b.file,
        baseline: base.file,
        spec,
        baselineEvent: { floor: base.floorInputs },
      });
    else progress(`cold init: no representative invocation for ${b.function}: add one to bench/cold-init.ts`);
  }
  return { bundles, coldTargets };
}
