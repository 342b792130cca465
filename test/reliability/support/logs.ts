// Captures everything the handlers write to stdout/stderr in this worker (functions/log.ts writes
// there, as Lambda does) and checks it holds no secret the scenario handled: invitation tokens,
// presigned URLs and their signatures and policies, bearer tokens, mail bodies.
import { afterAll, beforeAll } from 'vitest';

const SECRET_SHAPES: [string, RegExp][] = [
  ['a presigned URL signature', /X-Amz-Signature/i],
  ['a presigned URL credential', /X-Amz-Credential=/i],
  ['a signed POST policy field', /"Policy"\s*:/],
  ['a JWT', /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
  ['an invitation link', /accept\?token=/],
  ['a URL query string', /https?:\/\/[^\s"?]+\?(?!\[redacted\])[^\s"]+/],
];

export function captureLogs() {
  const lines: string[] = [];
  const secrets = new Set<string>();
  const originals = { out: process.stdout.write, err: process.stderr.write };
  beforeAll(() => {
    // The lines are kept for the checks, not shown: the suite's output stays the reporter's.
    const tap = (chunk: unknown, ...rest: unknown[]): boolean => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
      return true;
    };
    process.stdout.write = tap as typeof process.stdout.write;
    process.stderr.write = tap as typeof process.stderr.write;
  });
  afterAll(() => {
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;
  });
  return {
    lines,
    /** Remembers a value that must never be logged (short values are ignored: they match by chance). */
    secret(...values: (string | undefined)[]) {
      for (const v of values) if (v && v.length >= 12) secrets.add(v);
    },
    /** Every leak found: which secret (or secret shape) in which line. */
    leaks: () => findLeaks(lines.join(''), secrets),
  };
}

/** Every leak in `text`: a secret's shape, or one of the recorded secret values. */
export function findLeaks(text: string, secrets: Iterable<string>): string[] {
  const out: string[] = [];
  for (const [what, re] of SECRET_SHAPES) {
    const m = re.exec(text);
    if (m) out.push(`${what}: …${text.slice(Math.max(0, m.index - 80), m.index + 80)}…`);
  }
  for (const s of secrets)
    if (text.includes(s)) out.push(`a recorded secret (${s.slice(0, 6)}…) appears in the logs`);
  return out;
}
