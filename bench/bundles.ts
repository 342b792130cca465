// Section 1: every Lambda entry built as CDK builds it (lib/function.ts bundling options), next to
// a baseline bundle per function: a bare handler importing only the AWS SDK packages the
// function's own bundle contains. Sizes, ratios, and the five heaviest inputs per function.
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { bundleAliases } from '../lib/bundling';
import { repoRoot } from './paths';

/** The esbuild options NodejsFunction derives from lib/function.ts's `bundling` block. */
export const cdkBuildOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  metafile: true,
  logLevel: 'silent',
  // bundleAwsSDK: true → nothing external.
};

/**
 * The SDK packages a baseline may import, with the client it constructs exactly as functions/clients/* do:
 * every AWS SDK package a function's bundle can contain (a test holds this list complete).
 */
export const sdkPackages = {
  '@aws-sdk/client-dynamodb': {
    import: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
    create: 'const dynamodb = new DynamoDBClient({});',
  },
  '@aws-sdk/lib-dynamodb': {
    import: "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    create:
      'const documentClient = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });',
  },
  '@aws-sdk/client-s3': {
    import: "import { S3Client } from '@aws-sdk/client-s3';",
    create: 'const s3 = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });',
  },
  '@aws-sdk/client-eventbridge': {
    import: "import { EventBridgeClient } from '@aws-sdk/client-eventbridge';",
    create: 'const eventBridge = new EventBridgeClient({});',
  },
  '@aws-sdk/client-sesv2': {
    import: "import { SESv2Client } from '@aws-sdk/client-sesv2';",
    create: 'const ses = new SESv2Client({});',
  },
  '@aws-sdk/client-cognito-identity-provider': {
    import: "import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';",
    create: 'const cognito = new CognitoIdentityProviderClient({});',
  },
  // Created on first use, as functions/clients/secrets-manager.ts does (a cold start in AWS reads the
  // cursor key; the bench's environment holds it, so neither side calls).
  '@aws-sdk/client-secrets-manager': {
    import: "import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';",
    create: 'export const secretsManager = () => new SecretsManagerClient({});',
  },
  // Created on first use, as functions/clients/live-connections.ts does (only the live fan-out posts).
  '@aws-sdk/client-apigatewaymanagementapi': {
    import: "import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';",
    create: 'export const liveConnections = () => new ApiGatewayManagementApiClient({});',
  },
  // Signers, not clients: exported so the minifier keeps them, as a function that signs keeps them.
  '@aws-sdk/s3-presigned-post': {
    import: "import { createPresignedPost } from '@aws-sdk/s3-presigned-post';",
    create: 'export { createPresignedPost };',
  },
  '@aws-sdk/s3-request-presigner': {
    import: "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';",
    create: 'export { getSignedUrl };',
  },
} as const;
export type SdkPackage = keyof typeof sdkPackages;

/** One SDK call the baseline makes: the floor of the function's representative invocation. */
export interface FloorCall {
  pkg: SdkPackage;
  client: 'documentClient' | 's3' | 'eventBridge' | 'ses';
  command: string;
  input: unknown;
}

export interface BuiltFunction {
  function: string;
  entry: string;
  file: string;
  bytes: number;
  sdk: SdkPackage[];
  top: { module: string; bytes: number }[];
}

export interface BundleRow {
  function: string;
  bytes: number;
  baselineBytes: number;
  ratio: number;
  sdk: SdkPackage[];
  top: { module: string; bytes: number }[];
}

export async function lambdaEntries(): Promise<string[]> {
  const dir = join(repoRoot, 'functions', 'handlers');
  return (await readdir(dir)).filter((f) => f.endsWith('.ts')).map((f) => join('functions', 'handlers', f));
}

export async function buildFunction(entry: string, outDir: string): Promise<BuiltFunction> {
  const name = basename(entry, '.ts');
  const file = join(outDir, name, 'index.mjs');
  const result = await build({
    ...cdkBuildOptions,
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    outfile: file,
    // Per-function options of lib/function.ts (notify: no ICU parser).
    alias: bundleAliases(entry),
  });
  const output = mainOutput(result.metafile!, file);
  return {
    function: name,
    entry,
    file,
    bytes: output.bytes,
    sdk: sdkPackagesIn(output),
    top: topModules(output, 5),
  };
}

/**
 * The baseline of a function: its SDK packages, the clients created at module load, and a handler
 * that makes the given floor calls (none: returns at once). Built with the same options.
 */
export async function buildBaseline(name: string, sdk: SdkPackage[], floor: FloorCall[], outDir: string) {
  const file = join(outDir, `baseline-${name}`, 'index.mjs');
  const packages = new Set<SdkPackage>(sdk);
  for (const call of floor) packages.add(call.pkg);
  if (packages.has('@aws-sdk/lib-dynamodb')) packages.add('@aws-sdk/client-dynamodb');
  const ordered = (Object.keys(sdkPackages) as SdkPackage[]).filter((p) => packages.has(p));
  const commands = floor.map((c) => `import { ${c.command} } from '${c.pkg}';`);
  const source = [
    ...ordered.map((p) => sdkPackages[p].import),
    ...new Set(commands),
    ...ordered.map((p) => sdkPackages[p].create),
    'export const handler = async (event) => {',
    ...floor.map((c, i) => `  await ${c.client}.send(new ${c.command}(event.floor[${i}]));`),
    "  return { statusCode: 200, body: '{}' };",
    '};',
  ].join('\n');
  const result = await build({
    ...cdkBuildOptions,
    absWorkingDir: repoRoot,
    stdin: { contents: source, resolveDir: repoRoot, sourcefile: `baseline-${name}.js`, loader: 'js' },
    outfile: file,
  });
  return { file, bytes: mainOutput(result.metafile!, file).bytes, floorInputs: floor.map((c) => c.input) };
}

type Output = Metafile['outputs'][string];

function mainOutput(meta: Metafile, file: string): Output {
  const key = Object.keys(meta.outputs).find((k) => k.endsWith('.mjs'));
  const output = key ? meta.outputs[key] : undefined;
  if (!output) throw new Error(`esbuild produced no ${file}`);
  return output;
}

/** `node_modules/@aws-sdk/client-s3/dist-es/…` → `@aws-sdk/client-s3` (innermost package); project files stay paths. */
export function moduleOf(input: string): string {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return input;
  const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input.slice(at));
  return m ? m[1]! : input;
}

function sdkPackagesIn(output: Output): SdkPackage[] {
  const found = new Set<string>();
  for (const input of Object.keys(output.inputs)) found.add(moduleOf(input));
  return (Object.keys(sdkPackages) as SdkPackage[]).filter((p) => found.has(p));
}

function topModules(output: Output, n: number) {
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const mod = moduleOf(input);
    bytes.set(mod, (bytes.get(mod) ?? 0) + bytesInOutput);
  }
  return [...bytes]
    .map(([module, b]) => ({ module, bytes: b }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, n);
}
