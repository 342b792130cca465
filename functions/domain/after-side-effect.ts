// Two helpers for work that follows a side effect that cannot be taken back (a mail SES accepted):
// the record of it is retried in place rather than released for a retry that would repeat the
// side effect, and failures are described without leaking message content.

/** Attempts of a write that must follow a side effect already made, with exponential backoff. */
export const IN_PLACE_ATTEMPTS = 6;

/** Runs `write` until it succeeds, at most IN_PLACE_ATTEMPTS times (25 ms × 2^n between). */
export async function retryInPlace(write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= IN_PLACE_ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
    }
  }
}

/** Error name and message only: SDK errors carry no message content, and bodies are never logged. */
export function describeError(err: unknown): string {
  const e = err as { name?: string; message?: string };
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`.slice(0, 500);
}
