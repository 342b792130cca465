// `npm run client:build`: the package as SPAs consume it, ESM JavaScript + .d.ts in client/dist
// (build output, not committed). tsc emits no generated .d.ts of its own, so schema.d.ts is copied.
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

/** Builds client/dist of the repository at `root`; throws with tsc's output when it fails. */
export function buildClient(root: string): string {
  const client = resolve(root, 'client');
  const dist = resolve(client, 'dist');
  // A file removed from src must not linger in the package.
  rmSync(dist, { recursive: true, force: true });
  const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
  const res = spawnSync(process.execPath, [tsc, '-p', resolve(client, 'tsconfig.build.json')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`client build failed:\n${res.stdout}${res.stderr}`);
  copyFileSync(resolve(client, 'src/schema.d.ts'), resolve(dist, 'schema.d.ts'));
  return dist;
}
