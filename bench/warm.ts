// Section 3: warm overhead. A read route (getCase, listDocuments, a portal list) invoked in-process
// through its group handler versus the raw SDK call the route must make, against the same
// DynamoDB Local, calls interleaved one for one so noise falls on both; p50 and p99 of each, and
// their ratios.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { casesApi } from '../functions/api/cases';
import { systemClock } from '../functions/domain/ports';
import type { RouteDef } from '../functions/http/route';
import { routes } from '../functions/http/routes';
import { caseStore } from '../functions/store/cases';
import { contactStore } from '../functions/store/contacts';
import { firmStore } from '../functions/store/firm';
import {
  caseKey,
  casesOfFirmPattern,
  documentsOfCasePattern,
  type QuerySpec,
  sharesOfContactPattern,
} from '../functions/store/keys';
import { queryInput } from '../functions/store/table';
import { gateFromEnv } from '../functions/wiring/gate';
import { ulidIds } from '../functions/wiring/ids';
import { tableFromEnv } from '../functions/wiring/table';
import type { GroupHandler } from '../local/gateway';
import { lambdaContext } from '../local/lambda-context';
import { httpEvent } from './events';
import { repoRoot } from './paths';
import { quantile } from './stats';
import type { World } from './world';

export interface WarmRow {
  route: string;
  p50Ms: number;
  p99Ms: number;
  rawP50Ms: number;
  rawP99Ms: number;
  p50Ratio: number;
  p99Ratio: number;
  calls: number;
  rawCall: string;
  handler: string;
  note?: string;
}

interface WarmCase {
  route: string;
  handlerLabel: string;
  rawCall: string;
  note?: string;
  viaHandler: () => Promise<unknown>;
  raw: () => Promise<unknown>;
}

/** The group's Lambda entry, as Lambda loads it. */
async function productionEntry(group: string): Promise<GroupHandler> {
  const url = pathToFileURL(join(repoRoot, 'functions', 'handlers', `${group}.ts`)).href;
  return ((await import(url)) as { handler: GroupHandler }).handler;
}

/** Reads on the world's case (a few documents, shares, grants), as a warm Lambda sees them. */
export async function measureWarm(
  world: World,
  calls: number,
  progress: (line: string) => void,
): Promise<WarmRow[]> {
  const table = await tableFromEnv();
  const { firmId, owner } = await world.firm();
  const caseId = await world.caseId();
  const claims = owner.claims;
  const cases = casesApi(
    {
      cases: caseStore(table),
      contacts: contactStore(table),
      firm: firmStore(table),
      clock: systemClock,
      ids: ulidIds,
    },
    gateFromEnv(table),
  ) as unknown as GroupHandler;
  const invoke =
    (handler: GroupHandler, route: RouteDef, call: Parameters<typeof httpEvent>[1]) => async () => {
      const res = await handler(
        httpEvent(route, call) as APIGatewayProxyEventV2WithJWTAuthorizer,
        lambdaContext('bench'),
      );
      if (res.statusCode !== 200)
        throw new Error(`${route.method} ${route.path} answered ${res.statusCode}: ${res.body}`);
      return res;
    };
  const rawQuery = (spec: QuerySpec) => () =>
    table.client.send(new QueryCommand({ ...queryInput(table, spec), Limit: 25 }));

  const work: WarmCase[] = [
    {
      route: 'getCase',
      handlerLabel: 'casesApi (functions/api/cases.ts)',
      rawCall: 'GetCommand case item',
      viaHandler: invoke(cases, routes.getCase, { claims, params: { caseId } }),
      raw: () => table.client.send(new GetCommand({ TableName: table.name, Key: caseKey(firmId, caseId) })),
    },
  ];
  if (existsSync(join(repoRoot, 'functions', 'handlers', 'documents.ts'))) {
    // The group's own Lambda entry, wired with its real adapters.
    const documents = await productionEntry('documents');
    work.push({
      route: 'listDocuments',
      handlerLabel: 'functions/handlers/documents.ts',
      rawCall: 'QueryCommand documentsOfCase, Limit 25',
      viaHandler: invoke(documents, routes.listDocuments, { claims, params: { caseId } }),
      raw: rawQuery(documentsOfCasePattern(firmId, caseId)),
    });
    // A portal list: the contact's own shares of the case (one of them shared before measuring).
    const contact = await world.portalContact();
    await world.sharedDocumentId();
    work.push({
      route: 'listPortalDocuments',
      handlerLabel: 'functions/handlers/documents.ts',
      rawCall: 'QueryCommand sharesOfContact, Limit 25',
      viaHandler: invoke(documents, routes.listPortalDocuments, {
        claims: contact.claims,
        params: { caseId },
      }),
      raw: rawQuery(sharesOfContactPattern(firmId, caseId, contact.contactId)),
    });
  } else {
    work.push({
      route: 'listCases',
      handlerLabel: 'casesApi (functions/api/cases.ts)',
      rawCall: 'QueryCommand casesOfFirm, Limit 25',
      note: 'listDocuments not measured: functions/handlers/documents.ts does not exist yet; listCases instead',
      viaHandler: invoke(cases, routes.listCases, { claims }),
      raw: rawQuery(casesOfFirmPattern(firmId)),
    });
  }

  const rows: WarmRow[] = [];
  for (const w of work) {
    const viaHandler: number[] = [];
    const raw: number[] = [];
    const warmup = Math.max(20, Math.floor(calls / 10));
    for (let i = 0; i < warmup + calls; i++) {
      // Alternate the order within each pair, so neither side always follows the other.
      const pair = i % 2 === 0 ? [w.viaHandler, w.raw] : [w.raw, w.viaHandler];
      for (const fn of pair) {
        const t0 = performance.now();
        await fn();
        const dt = performance.now() - t0;
        if (i >= warmup) (fn === w.raw ? raw : viaHandler).push(dt);
      }
    }
    const row: WarmRow = {
      route: w.route,
      p50Ms: quantile(viaHandler, 0.5),
      p99Ms: quantile(viaHandler, 0.99),
      rawP50Ms: quantile(raw, 0.5),
      rawP99Ms: quantile(raw, 0.99),
      p50Ratio: quantile(viaHandler, 0.5) / quantile(raw, 0.5),
      p99Ratio: quantile(viaHandler, 0.99) / quantile(raw, 0.99),
      calls,
      rawCall: w.rawCall,
      handler: w.handlerLabel,
      ...(w.note ? { note: w.note } : {}),
    };
    rows.push(row);
    progress(`warm: ${w.route} p50 ${row.p50Ms.toFixed(2)} ms vs raw ${row.rawP50Ms.toFixed(2)} ms`);
  }
  return rows;
}
