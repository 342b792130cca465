// `npm run redrive -- <queue>`: after a fix, moves the dead letters of notify, ingest, reminders or
// digests back to their function, against a deployed stack (its outputs name the queue and the
// function) or the local stack (`--local`). README › Operate says when to run it.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { moveDeadLetters } from './redrive/move';

// Operator commands run on the Node versions we support (20+): no SDK banner about Node 22 in their output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const QUEUES = { notify: 'Notify', ingest: 'Ingest', reminders: 'Reminders', digests: 'Digests' } as const;
type QueueName = keyof typeof QUEUES;
/** Locally only the bus's targets have dead letters; the schedules are timers that just run again. */
const LOCAL_QUEUES: readonly QueueName[] = ['notify', 'ingest'];

const USAGE = `usage: npm run redrive -- <${Object.keys(QUEUES).join('|')}> [--stage <stage> | --stack <name>] [--local [--api <url>]]

  Moves every dead letter of the queue back to its function, after the cause is fixed.
  AWS: reads the stack's outputs (default stack Portico-dev; credentials and region from the usual
  AWS_* variables or profile). --local: the local stack started by npm start (default
  http://localhost:3000).`;

function fail(message: string): never {
  console.error(`redrive: ${message}`);
  process.exit(2);
}

function parse(argv: string[]) {
  const [queue, ...rest] = argv;
  if (!queue || queue === '--help' || queue === '-h') {
    console.log(USAGE);
    process.exit(queue ? 0 : 2);
  }
  if (queue === 'stream')
    fail(
      'the stream relay failure queue holds shard and sequence ranges, not events, so it cannot be redriven: ' +
        'the activity entries of those ranges are still in the table, but republishing them is not built yet (README › Operate).',
    );
  if (!(queue in QUEUES))
    fail(`unknown queue "${queue}"; one of ${Object.keys(QUEUES).join(', ')}.\n\n${USAGE}`);
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    if (flag === '--local') flags.set('local', true);
    else if (['--stage', '--stack', '--api'].includes(flag)) {
      const value = rest[++i];
      if (!value) fail(`${flag} needs a value`);
      flags.set(flag.slice(2), value);
    } else fail(`unknown option ${flag}\n\n${USAGE}`);
  }
  return { queue: queue as QueueName, flags };
}

async function redriveLocal(queue: QueueName, api: string) {
  if (!LOCAL_QUEUES.includes(queue))
    fail(`the local stack has no dead letters for ${queue}: its schedule is a timer that simply runs again.`);
  const res = await fetch(`${api}/local/dlq/${queue}/redrive`, { method: 'POST' }).catch((err: Error) =>
    fail(`cannot reach the local stack at ${api} (${err.message}); is npm start running?`),
  );
  if (!res.ok) fail(`the local stack answered ${res.status}: ${await res.text()}`);
  const { redriven } = (await res.json()) as { redriven: number };
  const left = (await (await fetch(`${api}/local/dlq/${queue}`)).json()) as { items: unknown[] };
  console.log(
    `redrive: ${redriven} dead letters of ${queue} sent again on the local bus; ${left.items.length} failed again.`,
  );
  if (left.items.length > 0) process.exitCode = 1;
}

async function redriveAws(queue: QueueName, stackName: string) {
  const cfn = new CloudFormationClient({});
  const described = await cfn
    .send(new DescribeStacksCommand({ StackName: stackName }))
    .catch((err: Error) => fail(`cannot read stack ${stackName}: ${err.message}`));
  const outputs = new Map(
    (described.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']),
  );
  const queueUrl = outputs.get(`${QUEUES[queue]}DeadLetterQueueUrl`);
  const functionName = outputs.get(`${QUEUES[queue]}FunctionName`);
  if (!queueUrl || !functionName)
    fail(
      `stack ${stackName} has no outputs ${QUEUES[queue]}DeadLetterQueueUrl / ${QUEUES[queue]}FunctionName (deployed before redrive existed?)`,
    );

  const sqs = new SQSClient({});
  const lambda = new LambdaClient({});
  console.log(`redrive: ${queue} dead letters → ${functionName}`);
  const result = await moveDeadLetters({
    receive: async () =>
      (
        await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            // Long enough to hand a batch back; a crash makes the letters visible again after it.
            VisibilityTimeout: 120,
          }),
        )
      ).Messages?.map((m) => ({ receipt: m.ReceiptHandle ?? '', body: m.Body ?? '' })) ?? [],
    resend: async (body) => {
      const res = await lambda.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'Event',
          Payload: new TextEncoder().encode(body),
        }),
      );
      if (res.StatusCode !== 202)
        throw new Error(`Lambda answered ${res.StatusCode} to the asynchronous invoke`);
    },
    remove: async (receipt) => {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receipt }));
    },
    progress: (moved) => console.log(`  ${moved} moved…`),
  });
  console.log(
    `redrive: ${result.moved} dead letters of ${queue} handed back to ${functionName}` +
      (result.failed
        ? `; stopped at one that could not be handed back (${result.failed.error}), still in the queue`
        : '; queue empty'),
  );
  if (result.failed) process.exitCode = 1;
}

const { queue, flags } = parse(process.argv.slice(2));
try {
  if (flags.get('local')) await redriveLocal(queue, String(flags.get('api') ?? 'http://localhost:3000'));
  else await redriveAws(queue, String(flags.get('stack') ?? `Portico-${flags.get('stage') ?? 'dev'}`));
} catch (err) {
  // What was moved is gone from the queue; what was not is still there: a rerun picks up from here.
  console.error(
    `redrive: stopped: ${(err as Error).message}; the letters not moved yet are still in the queue`,
  );
  process.exitCode = 1;
}
