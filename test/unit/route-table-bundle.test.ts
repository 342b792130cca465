// The route table is bundled into every HTTP Lambda (each group's handler parses with it): what it
// imports costs every function its cold start. This pins that it stays schemas only: no ICU
// library, no notification texts, no push crypto, no AWS SDK client.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('Module: route table bundle', () => {
  it('pulls in zod and our schemas, and none of the notify-side libraries', async () => {
    const result = await build({
      entryPoints: ['functions/http/routes.ts'],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.includes('node_modules/zod/'))).toBe(true);
    const heavy = inputs.filter((i) =>
      /node_modules\/(intl-messageformat|@formatjs|http_ece|web-push|@aws-sdk|@smithy)\/|functions\/domain\/texts\/(catalogue|icu)\.ts/.test(
        i,
      ),
    );
    expect(heavy).toEqual([]);
  });
});
