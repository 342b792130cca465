// `npx tsx scripts/compile-template-overrides.ts [--stage <stage> | --stack <name> | --local [--api <url>]]`:
// one-time migration of decision 0041. Firm template overrides saved before it hold only their ICU
// source; the notify function (built without the ICU parser) skips those, with a warning naming each,
// and uses the shipped text. This adds the compiled form a save now stores beside the source. Safe to
// run again (an override already compiled is left as it is) and against a live stack: each write is
// conditional on the override being the one read (a save in between wins).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { compileOverride, type TemplateOverride } from '../functions/domain/templates';
import { readCompiled } from '../functions/domain/texts/compact-icu';
import { Entity } from '../functions/store/keys';
import type { Table } from '../functions/store/table';
import { readStackOutputs, requireOutput, stackTarget } from './stack-outputs';

export interface MigrationReport {
  /** Overrides found, already compiled, compiled now, and left alone (no longer parse, or changed meanwhile). */
  found: number;
  alreadyCompiled: number;
  compiled: number;
  skipped: { key: string; reason: string }[];
}

type StoredOverride = TemplateOverride & { PK: string; SK: string };

/**
 * Adds the compiled form to every override of the table without one. A Scan: this runs once per
 * deployment, by an operator, over items no Query reaches across firms (no Lambda is granted Scan).
 */
export async function compileTemplateOverrides(
  table: Pick<Table, 'client' | 'name'>,
): Promise<MigrationReport> {
  const report: MigrationReport = { found: 0, alreadyCompiled: 0, compiled: 0, skipped: [] };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({
        TableName: table.name,
        FilterExpression: '#entity = :entity',
        ExpressionAttributeNames: { '#entity': 'entity' },
        ExpressionAttributeValues: { ':entity': Entity.templateOverride },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of (page.Items ?? []) as StoredOverride[]) {
      report.found++;
      if (readCompiled(item.compiled)) {
        report.alreadyCompiled++;
        continue;
      }
      const key = `${item.PK} ${item.SK}`;
      let compiled: string;
      try {
        compiled = compileOverride(item, item.locale);
      } catch (err) {
        // Validated when saved, so only a parser change could do this: it stays skipped by notify.
        report.skipped.push({ key, reason: `does not parse: ${(err as Error).message}` });
        continue;
      }
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: { PK: item.PK, SK: item.SK },
            UpdateExpression: 'SET compiled = :compiled',
            ConditionExpression: 'updatedAt = :updatedAt',
            ExpressionAttributeValues: { ':compiled': compiled, ':updatedAt': item.updatedAt },
          }),
        );
        report.compiled++;
      } catch (err) {
        if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
        // Saved (hence compiled) or deleted since the Scan read it.
        report.skipped.push({ key, reason: 'changed since it was read (saved again or deleted)' });
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return report;
}

async function main(argv: string[]): Promise<number> {
  const { target } = stackTarget(argv);
  const outputs = await readStackOutputs(target);
  const name = requireOutput(outputs, 'TableName', target);
  const region = outputs.get('Region');
  const dynamo = new DynamoDBClient({
    ...(region ? { region } : {}),
    ...(target.local
      ? {
          endpoint: requireOutput(outputs, 'LocalDynamoDbEndpoint', target),
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
  const report = await compileTemplateOverrides({ client: DynamoDBDocumentClient.from(dynamo), name });
  console.log(
    `Table ${name}: ${report.found} overrides, ${report.alreadyCompiled} compiled already, ${report.compiled} compiled now, ${report.skipped.length} left alone.`,
  );
  for (const s of report.skipped) console.log(`  ${s.key}: ${s.reason}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`)
  process.exitCode = await main(process.argv.slice(2)).catch((err: Error) => {
    console.error(`compile-template-overrides: ${err.message}`);
    return 1;
  });
