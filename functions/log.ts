// Structured JSON logs on stdout/stderr (CloudWatch). Values under keys that can hold secrets are
// redacted and URLs lose their query string (presigned URLs carry credentials there), so nothing
// sensitive reaches the logs whatever a caller passes in.

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
const threshold = () => LEVELS[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? LEVELS.info;

function write(level: Level, message: string, fields: Record<string, unknown> = {}) {
  if (LEVELS[level] < threshold()) return;
  const line = JSON.stringify({
    level,
    message,
    time: new Date().toISOString(),
    ...(scrub(fields) as object),
  });
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write('debug', m, f),
  info: (m: string, f?: Record<string, unknown>) => write('info', m, f),
  warn: (m: string, f?: Record<string, unknown>) => write('warn', m, f),
  error: (m: string, f?: Record<string, unknown>) => write('error', m, f),
};
