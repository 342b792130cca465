// The key module is imported by every Lambda; esbuild keeps every property of an object it keeps, so
// key builders grouped in an object literal put all of them into every bundle (issue 17). These pin
// that each builder is its own export and that a bundle holds only the builders it calls.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { cdkBuildOptions } from '../../bench/bundles';
import { repoRoot } from '../../bench/paths';
import * as keyModule from '../../functions/store/keys';

const KEYS_FILE = 'functions/store/keys.ts';

/** Bytes of functions/store/keys.ts in a minified bundle of `contents` (built as CDK builds, nothing written). */
async function keyBytesOf(contents: string): Promise<{ bytes: number; code: string }> {
  const result = await build({
    ...cdkBuildOptions,
    stdin: { contents, resolveDir: repoRoot, sourcefile: 'probe.ts', loader: 'ts' },
    absWorkingDir: repoRoot,
    write: false,
    sourcemap: false,
    outfile: 'probe.mjs',
  });
  const output = Object.values(result.metafile!.outputs)[0]!;
  return { bytes: output.inputs[KEYS_FILE]?.bytesInOutput ?? 0, code: result.outputFiles![0]!.text };
}

describe('Module: keys (tree shaking)', () => {
  it('exports no object that holds functions (a bundle would carry every one of them)', () => {
    // Act
    const grouped = Object.entries(keyModule)
      .filter(([, value]) => typeof value === 'object' && value !== null)
      .filter(([, value]) => Object.values(value).some((v) => typeof v === 'function'))
      .map(([name]) => name);

    // Assess
    expect(grouped).toEqual([]);
  });

  it('bundles only the builders a module calls, not the whole key module', async () => {
    // Prepare
    const everything = await keyBytesOf(
      `import * as k from './${KEYS_FILE}'; console.log(Object.values(k));`,
    );

    // Act
    const one = await keyBytesOf(
      `import { caseKey, grantsOfCasePattern } from './${KEYS_FILE}';
       console.log(caseKey('f', 'c'), grantsOfCasePattern('f', 'c'));`,
    );

    // Assess
    expect(one.code).toContain('GRANT#');
    expect(one.code).not.toContain('FRTEMPLATE#');
    expect(one.code).not.toContain('LIVETICKET#');
    expect(one.code).not.toContain('entriesOfDigest');
    expect(one.bytes).toBeLessThan(everything.bytes / 4);
  });
});
