// `npm run http-checks`: writes functions/http/checks/<group>.ts, each route group's request and
// response checks compiled from the route table's zod schemas (decision 0056). Run after changing
// a schema; test/unit/http-checks.test.ts fails while a file is stale.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checksFile, generateChecks, repoRoot } from './http-checks/generate';

for (const { group, source, compiled, uncompiled } of generateChecks()) {
  writeFileSync(resolve(repoRoot, checksFile(group)), source);
  console.log(`wrote ${checksFile(group)}: ${compiled} parts compiled, ${uncompiled.length} left to zod`);
  for (const u of uncompiled) console.log(`  ${u.route} ${u.part}: ${u.reason}`);
}
