// A signed-in portal's tokens: hands the current ID token to the API client and refreshes it
// shortly before it expires, one refresh at a time however many calls are waiting.
import type { PortalConfig } from './portal-config.js';
import { refresh, type SignInOptions, type Tokens } from './sign-in.js';

export interface TokenSession {
  /** The current ID token, refreshed first when it expires within the margin. Give it to `createPorticoClient({ token })`. */
  idToken(): Promise<string>;
  /** The tokens as they are now (to store them, or to sign out). */
  tokens(): Tokens;
}

export interface TokenSessionOptions extends SignInOptions {
  /** Refresh when the token has less than this left (ms); default 60 s, so a call never leaves with a token about to die. */
  marginMs?: number;
  /** Told of every new set of tokens (e.g. to keep them in storage). */
  onTokens?: (tokens: Tokens) => void;
}

export function tokenSession(
  config: PortalConfig,
  pool: 'staff' | 'contact',
  initial: Tokens,
  options: TokenSessionOptions = {},
): TokenSession {
  const { marginMs = 60_000, onTokens, ...signIn } = options;
  const now = options.now ?? Date.now;
  let current = initial;
  let refreshing: Promise<Tokens> | undefined;
  return {
    tokens: () => current,
    async idToken() {
      if (current.expiresAt - now() > marginMs) return current.idToken;
      refreshing ??= refresh(config, pool, current.refreshToken, signIn)
        .then((tokens) => {
          current = tokens;
          onTokens?.(tokens);
          return tokens;
        })
        .finally(() => {
          refreshing = undefined;
        });
      return (await refreshing).idToken;
    },
  };
}
