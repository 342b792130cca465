// The invocation context that follows a request or an event through every hop: the correlation id
// (an API request id, carried on the activity event it causes, then to notify and the delivery
// records) and the function's name, so no port or signature has to carry it.
//
// Where one process serves several invocations at once (the local stack, tests, a Lambda function
// with AWS_LAMBDA_MAX_CONCURRENCY set) the context is an AsyncLocalStorage. A Lambda execution
// environment otherwise runs one invocation at a time, so the context is a variable, as the AWS
// SDK's own invocation store (@aws/lambda-invoke-store) does: on Node 20 the first
// AsyncLocalStorage.run installs promise hooks that every later promise pays for, ≈ 5 ms of a cold
// invocation (decision 0053).
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Invocation {
  /** The function (route group or event handler) running. */
  fn: string;
  /** Absent where no single request or event is being served (a batch of stream records). */
  correlationId?: string;
  /** Lambda's own request id of this invocation (its START/END/REPORT lines carry it). */
  requestId?: string;
}

/** In Lambda (the runtime sets the function name) and not asked to run invocations concurrently. */
const oneAtATime =
  Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME) && !('AWS_LAMBDA_MAX_CONCURRENCY' in process.env);

const storage = oneAtATime ? undefined : new AsyncLocalStorage<Invocation>();
let current: Invocation | undefined;

/**
 * One invocation at a time: `invocation` is the context until `call` (and its promise) ends, then
 * the one around it again (digests and reminders run their batch inside the Lambda's invocation).
 */
function runAlone<T>(invocation: Invocation, call: () => T): T {
  const outer = current;
  current = invocation;
  const restore = () => {
    if (current === invocation) current = outer;
  };
  let result: T;
  try {
    result = call();
  } catch (err) {
    restore();
    throw err;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}

/** Runs `call` with the invocation as context: every log line and event written inside carries it. */
export function withInvocation<T>(invocation: Invocation, call: () => T): T {
  return storage ? storage.run(invocation, call) : runAlone(invocation, call);
}

/** The current invocation, if any (a unit test or a script calling a domain function has none). */
export function currentInvocation(): Invocation | undefined {
  return storage ? storage.getStore() : current;
}

/** The correlation id of the current invocation, if any. */
export function correlationId(): string | undefined {
  return currentInvocation()?.correlationId;
}
