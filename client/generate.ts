// The typed client's types: client/src/schema.d.ts rendered from docs/openapi.json by
// openapi-typescript, then formatted by the repository's Biome config, so the committed file is
// byte-for-byte what this function returns (the staleness test compares the two).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

/** Relative to the repository root. */
export const CLIENT_TYPES_PATH = 'client/src/schema.d.ts';
const OPENAPI_PATH = 'docs/openapi.json';

const HEADER = [
  '// Types of the Portico API, generated from docs/openapi.json by openapi-typescript.',
  '// Do not edit: run `npm run client` after `npm run openapi`.',
  '',
].join('\n');

export async function renderClientTypes(root: string): Promise<string> {
  const document = JSON.parse(readFileSync(resolve(root, OPENAPI_PATH), 'utf8'));
  const ast = await openapiTS(document, {
    alphabetize: true,
    // A request field with a default (e.g. GrantBody.canUpload) may be left out by the caller.
    defaultNonNullable: false,
  });
  return format(root, HEADER + astToString(ast));
}

/** Biome, reading the source on stdin: the generated file passes `biome check` as committed. */
function format(root: string, source: string): string {
  const biome = resolve(root, 'node_modules/.bin/biome');
  const res = spawnSync(biome, ['format', `--stdin-file-path=${CLIENT_TYPES_PATH}`], {
    cwd: root,
    input: source,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`biome format failed: ${res.stderr || res.stdout}`);
  return res.stdout;
}
