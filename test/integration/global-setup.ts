// Starts the local stack once for the integration suite (and the browser project, which shares it),
// in a fresh data directory, on free ports, and tears it down (DynamoDB Local included) when the
// last project using it ends. One stack per process: the functions run in this process and their
// AWS clients are created once, so a second stack here would have its gateway call the first
// one's emulators (a login created in one local Cognito, a sign-in asked of the other).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { defaultUsageDir, iamEnforced } from '../../local/iam';
import { markSuite } from '../../local/iam/usage';
import { startLocalStack } from '../../local/stack';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: { api: string; mail: string; s3: string; push: string; env: Record<string, string> };
  }
}

interface Shared {
  started: Promise<{ stack: Awaited<ReturnType<typeof startLocalStack>>; dataDir: string }>;
  users: number;
}
const shared = globalThis as typeof globalThis & { porticoTestStack?: Shared };

async function start() {
  const dataDir = await mkdtemp(join(tmpdir(), 'portico-it-'));
  process.env.LOG_LEVEL ??= 'warn';
  // Every request part and response checked by zod and by its compiled check, which must agree.
  process.env.PORTICO_CHECKS_SHADOW ??= '1';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // A deactivation must show within the staff directory's cache window: short here so the test
  // that waits it out stays fast (production: 60 s, decision 0023).
  process.env.STAFF_DIRECTORY_TTL_SECONDS ??= '1';
  // The stack enforces the synthesized IAM roles (PORTICO_ENFORCE_IAM=0: off); its checks are kept
  // where \`npm run iam:report\` reads them, past the temporary data folder.
  process.env.PORTICO_IAM_USAGE_DIR ??= defaultUsageDir;
  const lines: string[] = [];
  const stack = await startLocalStack({
    dataDir,
    seed: true,
    corsOrigins: ['http://localhost:5173'],
    log: (line) => lines.push(line),
  });
  return { stack, dataDir };
}

export default async function setup(project: TestProject) {
  shared.porticoTestStack ??= { started: start(), users: 0 };
  const own = shared.porticoTestStack;
  own.users++;
  const { stack, dataDir } = await own.started;
  // npm test's least-privilege gate judges a run only when this suite's calls are in it.
  if (iamEnforced()) markSuite(process.env.PORTICO_IAM_USAGE_DIR!, project.name);
  project.provide('stack', {
    api: stack.urls.api,
    mail: stack.urls.mail,
    s3: stack.urls.s3,
    push: stack.urls.push,
    env: stack.env,
  });
  return async () => {
    if (--own.users > 0) return;
    shared.porticoTestStack = undefined;
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
