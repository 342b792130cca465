// Logs, the one facade every module uses: structured JSON in Lambda (CloudWatch), one readable line
// per event locally, both with the function and the correlation id of the current invocation.
// Values under keys that can hold secrets are redacted and URLs lose their query string (presigned
// URLs carry credentials there), so nothing sensitive reaches the logs whatever a caller passes in.
import { currentInvocation } from './correlation';

const SECRET_KEY = /token|secret|password|authorization|signature|credential|cookie|body|html|text|url/i;
const URL_QUERY = /(https?:\/\/[^\s"?]+)\?[^\s"]*/g;

function scrub(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return value.replace(URL_QUERY, '$1?[redacted]');
  if (value instanceof Error) {
    return {
      name: value.name,
      message: scrub(value.message, depth + 1),
      stack: value.stack?.split('\n').slice(0, 6),
    };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEY.test(k) ? '[redacted]' : scrub(v, depth + 1);
    return out;
  }
  return value;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

/** In Lambda (the runtime sets the function name); anywhere else is the local stack, a script or a test. */
const inLambda = () => Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

/**
 * PORTICO_LOG_LEVEL, then LOG_LEVEL; by default `info` in Lambda and `warn` locally, where routine
 * lines ("no notification policy for this event type") would bury what `npm start` prints.
 * Read at each line, so a test or a script can change it.
 */
function threshold(): number {
  const set = (process.env.PORTICO_LOG_LEVEL ?? process.env.LOG_LEVEL) as Level | undefined;
  return LEVELS[set ?? (inLambda() ? 'info' : 'warn')] ?? LEVELS.info;
}

/** PORTICO_LOG_FORMAT `json` or `line`; by default JSON in Lambda (queried in Logs Insights), lines elsewhere. */
const format = (): 'json' | 'line' =>
  process.env.PORTICO_LOG_FORMAT === 'json' || (process.env.PORTICO_LOG_FORMAT !== 'line' && inLambda())
    ? 'json'
    : 'line';

/** One line of a log event, in the format of where it runs. Exported for the format's tests. */
export function formatLine(level: Level, message: string, fields: Record<string, unknown> = {}): string {
  const invocation = currentInvocation();
  const time = new Date().toISOString();
  const scrubbed = scrub(fields) as Record<string, unknown>;
  const safeMessage = scrub(message) as string;
  if (format() === 'json') {
    return JSON.stringify({
      level,
      message: safeMessage,
      time,
      ...(invocation ? { function: invocation.fn } : {}),
      ...(invocation?.correlationId ? { correlationId: invocation.correlationId } : {}),
      ...(invocation?.requestId ? { lambdaRequestId: invocation.requestId } : {}),
      // Lambda's active tracing: the line links to the invocation's X-Ray trace.
      ...(process.env._X_AMZN_TRACE_ID ? { traceId: process.env._X_AMZN_TRACE_ID.split(';')[0] } : {}),
      ...scrubbed,
    });
  }
  // time level function message [correlation id] fields: the order a person reads a console in.
  const rest = Object.keys(scrubbed).length > 0 ? ` ${JSON.stringify(scrubbed)}` : '';
  const corr = invocation?.correlationId ? ` [${invocation.correlationId}]` : '';
  return `${time.slice(11, 23)} ${level.toUpperCase().padEnd(5)} ${(invocation?.fn ?? '-').padEnd(13)} ${safeMessage}${corr}${rest}`;
}

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  if (LEVELS[level] < threshold()) return;
  const line = formatLine(level, message, fields);
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write('debug', m, f),
  info: (m: string, f?: Record<string, unknown>) => write('info', m, f),
  warn: (m: string, f?: Record<string, unknown>) => write('warn', m, f),
  error: (m: string, f?: Record<string, unknown>) => write('error', m, f),
};
