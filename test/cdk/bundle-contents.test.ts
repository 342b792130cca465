// What the Lambda bundles hold (decision 0032). Every Lambda validates with zod/mini through
// functions/zod-mini.ts: classic zod (its classes carry every method, so a bundle cannot shed them:
// ≈ 60 KB more per function) must not come back with the next `import * as z from 'zod'`, and mini
// must not run without its English messages. And the bench's baseline knows every AWS SDK package a
// bundle holds, since a function's baseline imports exactly those (bench/bundles.ts).
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { cdkBuildOptions, lambdaEntries, moduleOf, sdkPackages } from '../../bench/bundles';
import { repoRoot } from '../../bench/paths';
import { bundleAliases } from '../../lib/bundling';

const CLASSIC = /node_modules\/zod\/v4\/classic\//;
const MINI = /node_modules\/zod\/v4\/mini\//;
const ENGLISH = /node_modules\/zod\/v4\/locales\/en\.js$/;
/** The SDK packages a function's code imports (clients, the document client, signers), not their internals. */
const SDK_FACING = /^@aws-sdk\/(?:client-|lib-|s3-)/;
/** The ICU parser proper (its `no-parser` build is another file of the same package). */
const ICU_PARSER = /node_modules\/@formatjs\/(?:icu-messageformat-parser\/index\.js|icu-skeleton-parser\/)/;
/** intl-messageformat and the packages only it brings (its memoizer, the parser's builds). */
const ICU_RUNTIME = /node_modules\/(?:intl-messageformat|@formatjs)\//;

/** What esbuild reads for one entry, built with the options CDK uses (bench/bundles.ts), nothing written. */
async function inputsOf(
  entry: { entryPoints: string[]; alias?: Record<string, string> } | { stdin: { contents: string } },
): Promise<string[]> {
  const source =
    'stdin' in entry
      ? { stdin: { ...entry.stdin, resolveDir: repoRoot, sourcefile: 'probe.js', loader: 'js' as const } }
      : entry;
  const result = await build({
    ...cdkBuildOptions,
    ...source,
    absWorkingDir: repoRoot,
    write: false,
    sourcemap: false,
    outfile: 'index.mjs',
  });
  const [output] = Object.values(result.metafile!.outputs).filter((o) => o.entryPoint !== undefined);
  kept.set(
    'entryPoints' in entry ? entry.entryPoints[0]! : 'probe',
    Object.entries(output?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => file),
  );
  return Object.keys(result.metafile!.inputs);
}

let inputs: Map<string, string[]>;
/** The inputs with code in each output, by entry (a module read and shaken away is not among them). */
const kept = new Map<string, string[]>();

beforeAll(async () => {
  const entries = await lambdaEntries();
  // With each function's own options too (lib/bundling.ts), as CDK builds it.
  const built = await Promise.all(
    entries.map((e) => inputsOf({ entryPoints: [e], alias: bundleAliases(e) })),
  );
  inputs = new Map(entries.map((e, i) => [basename(e, '.ts'), built[i]!]));
}, 120_000);

describe('Stack: Portico', () => {
  describe('zod in the Lambda bundles', () => {
    it('builds every Lambda entry (the list the checks below run over)', () => {
      // Assess
      expect([...inputs.keys()]).toEqual(expect.arrayContaining(['cases', 'documents', 'notify', 'ingest']));
    });

    it('bundles no classic zod in any Lambda', () => {
      // Act
      const withClassic = [...inputs]
        .filter(([, files]) => files.some((f) => CLASSIC.test(f)))
        .map(([fn]) => fn);

      // Assess
      expect(withClassic).toEqual([]);
    });

    it('bundles zod/mini with its English locale wherever a Lambda validates, but notify, which shows no message', () => {
      // Act: the English module is read through zod's locale index by all; which keep its code?
      const validating = [...inputs].filter(([, files]) => files.some((f) => MINI.test(f)));
      const withoutEnglish = validating
        .filter(([fn]) => !kept.get(`functions/handlers/${fn}.ts`)!.some((f) => ENGLISH.test(f)))
        .map(([fn]) => fn);

      // Assess: notify throws a rejected event as "does not match the catalogue" (decision 0051).
      expect(validating.map(([fn]) => fn)).toEqual(expect.arrayContaining(['cases', 'notify', 'settings']));
      expect(withoutEnglish).toEqual(['notify']);
      expect(inputs.get('notify')).toContain('functions/zod-no-messages.ts');
    });

    it('reads the configuration without zod: a Lambda that validates nothing else bundles none (decision 0051)', () => {
      // Act: config.ts (every Lambda's) used zod's email, URL, coercion and default constructs alone.
      const withoutZod = [...inputs]
        .filter(([, files]) => !files.some((f) => f.includes('node_modules/zod/')))
        .map(([fn]) => fn);

      // Assess
      expect(withoutZod).toEqual(expect.arrayContaining(['identity-mail', 'digests', 'live-connections']));
      expect(inputs.get('identity-mail')).toContain('functions/config.ts');
    });

    it('notices classic zod: a bundle importing `zod` lists classic inputs (the check above can fail)', async () => {
      // Prepare
      const source = "import * as z from 'zod';\nexport const handler = (e) => z.string().min(1).parse(e);";

      // Act
      const built = await inputsOf({ stdin: { contents: source } });

      // Assess
      expect(built.some((f) => CLASSIC.test(f))).toBe(true);
    });
  });

  describe('packages pulled in for one helper', () => {
    it('bundles no middy: the entries wrap themselves (functions/observed.ts; 2.6 KB each, decision 0040)', () => {
      // Act
      const withMiddy = [...inputs]
        .filter(([, files]) => files.some((f) => f.includes('node_modules/@middy/')))
        .map(([fn]) => fn);

      // Assess
      expect(withMiddy).toEqual([]);
    });

    it('bundles no ulid package: ids are made by functions/wiring/ids.ts (2.4 KB each, decision 0040)', () => {
      // Act
      const withUlid = [...inputs]
        .filter(([, files]) => files.some((f) => f.includes('node_modules/ulid/')))
        .map(([fn]) => fn);

      // Assess
      expect(withUlid).toEqual([]);
    });
  });

  describe('the ICU runtime (decisions 0040, 0041, 0051)', () => {
    it('is left out of notify and activity, which format texts parsed ahead themselves, and kept where overrides are saved', () => {
      // Act
      const withParser = [...inputs]
        .filter(([, files]) => files.some((f) => ICU_PARSER.test(f)))
        .map(([fn]) => fn);
      const withRuntime = [...inputs]
        .filter(([, files]) => files.some((f) => ICU_RUNTIME.test(f)))
        .map(([fn]) => fn);

      // Assess: the templates routes parse overrides when they are saved, and only they (the other
      // firm settings are read on every app load: decision 0050); notify formats their compiled
      // form, activity its generated sentences, both with domain/texts/compact-format.ts.
      expect(withParser).toContain('templates');
      expect(withRuntime).toContain('templates');
      expect(withParser).not.toContain('settings');
      expect(withRuntime).not.toContain('settings');
      for (const fn of ['notify', 'activity']) {
        expect(withRuntime).not.toContain(fn);
        expect(inputs.get(fn), fn).toContain('functions/domain/texts/compact-format.ts');
      }
    });

    it('notices the runtime: a bundle formatting with intl-messageformat lists it (the check above can fail)', async () => {
      // Prepare
      const source =
        "import { IntlMessageFormat } from 'intl-messageformat';\nexport const handler = (e) => new IntlMessageFormat(e, 'en').format();";

      // Act
      const built = await inputsOf({ stdin: { contents: source } });

      // Assess
      expect(built.some((f) => ICU_RUNTIME.test(f))).toBe(true);
    });
  });

  describe('the shipped texts (decision 0046)', () => {
    it('templates bundles the packed catalogue, and no module of the texts as source', () => {
      // Prepare: the source modules are what ./catalogue.ts gathers (26 KB as code, 6 KB packed).
      const templates = inputs.get('templates')!;
      const texts = templates.filter((f) => f.startsWith('functions/domain/texts/'));

      // Act
      const sources = texts.filter((f) =>
        /\/(?:catalogue|access|client-documents|discussions|documents|file-request-reminders|file-requests|tasks)\.ts$/.test(
          f,
        ),
      );

      // Assess
      expect(texts).toContain('functions/domain/texts/catalogue-packed.ts');
      expect(sources).toEqual([]);
    });
  });

  describe('the template routes in their own Lambda (decision 0050)', () => {
    it('templates carries neither the other settings routes, their schemas, nor the notification matrix', () => {
      // Act
      const templates = inputs.get('templates')!;
      const foreign = templates.filter((f) =>
        /functions\/(?:http\/routes\/settings|http\/schemas\/(?:settings|notification-matrix|client-notifications)|domain\/notification-matrix)\.ts$/.test(
          f,
        ),
      );

      // Assess: a row's category comes from the event list alone (domain/notifying-events.ts).
      expect(foreign).toEqual([]);
      expect(templates).toContain('functions/domain/notifying-events.ts');
    });

    it('settings carries neither the template routes nor the texts', () => {
      // Act
      const settings = inputs.get('settings')!;
      const foreign = settings.filter((f) =>
        /functions\/(?:http\/routes\/templates|domain\/templates|domain\/texts\/[^/]+)\.ts$/.test(f),
      );

      // Assess
      expect(foreign).toEqual([]);
    });
  });

  describe('the bench baseline', () => {
    it('knows every AWS SDK package a Lambda bundles', () => {
      // Act
      const bundled = new Set(
        [...inputs.values()]
          .flat()
          .map(moduleOf)
          .filter((m) => SDK_FACING.test(m)),
      );
      const unknown = [...bundled].filter((p) => !(p in sdkPackages));

      // Assess
      expect(bundled.size).toBeGreaterThan(0);
      expect(unknown).toEqual([]);
    });
  });

  describe('dynamic imports in the Lambdas', () => {
    it('no module under functions/ imports another with import(): esbuild keeps all of what it reaches (decision 0040)', async () => {
      // Prepare: a dynamic import() is wrapped in a lazy initializer that esbuild does not tree-shake:
      // the cases function's import() of the Cognito client kept the whole package (109 KB, 1.47×)
      // where a static import keeps the 33 KB it uses.
      const files = (await readdir(join(repoRoot, 'functions'), { recursive: true })).filter((f) =>
        f.endsWith('.ts'),
      );

      // Act
      const dynamic: string[] = [];
      for (const f of files) {
        const code = await readFile(join(repoRoot, 'functions', f), 'utf8');
        if (/(?<![\w.])import\s*\(/.test(code.replace(/\/\/.*$/gm, ''))) dynamic.push(f);
      }

      // Assess
      expect(files.length).toBeGreaterThan(100);
      expect(dynamic).toEqual([]);
    });
  });

  describe("notify's own code (decision 0049)", () => {
    it('bundles no access store, upload or ingest code: its invitation reads are a module of their own', () => {
      // Prepare: importing the InvitationMail port from store/access.ts brought the access store's
      // imports (uploads, ingest, file requests and their schemas): 3.5 KB and 375 zod inits.
      const notify = inputs.get('notify')!;

      // Act
      const foreign = notify.filter((f) =>
        /^functions\/(?:store\/(?:access|uploads|shares)|domain\/(?:ingest|uploads|file-requests))\.ts$/.test(
          f,
        ),
      );

      // Assess
      expect(notify).toContain('functions/store/invitations.ts');
      expect(foreign).toEqual([]);
    });

    it('bundles the shipped texts packed, not their tables as code (22 KB → 5 KB)', () => {
      // Act
      const notify = inputs.get('notify')!;

      // Assess
      expect(notify).toContain('functions/notify/texts/shipped-packed.ts');
      expect(notify).not.toContain('functions/notify/texts/shipped.ts');
    });
  });
});
