// Sign-in for both portals over Cognito: contacts with a code mailed to them (EMAIL_OTP), staff
// with a password and a TOTP (set up on first sign-in). Each step is a value the portal renders.
import { type CognitoTarget, callCognito, SignInError } from './cognito.js';
import type { PortalConfig } from './portal-config.js';

/** What a successful sign-in gives. Send `idToken` to the API as the bearer (it carries the email). */
export interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** When the ID and access tokens expire, in ms since the epoch. */
  expiresAt: number;
}

export interface SignInOptions {
  /** A custom fetch (tests, instrumentation). */
  fetch?: typeof fetch;
  /** The clock, in ms (tests). */
  now?: () => number;
}

/** Contact portal: a code was mailed to `destination` (masked, e.g. `c***@e***`); answer it. */
export interface EmailCodeStep {
  kind: 'email_code';
  destination: string;
  /** The tokens, or a SignInError: `wrong_code` (answer again), `code_expired` / `session_expired` (start again). */
  answer(code: string): Promise<Tokens>;
}

/** Staff portal: the next thing to ask, or the tokens. */
export type StaffStep =
  | { kind: 'signed_in'; tokens: Tokens }
  | { kind: 'new_password_required'; setNewPassword(password: string): Promise<StaffStep> }
  | {
      kind: 'mfa_setup';
      /** The TOTP secret (base32) to type into an authenticator app. */
      secret: string;
      /** The same as an `otpauth://` URI, to show as a QR code. */
      otpauthUri: string;
      verifyTotp(code: string): Promise<StaffStep>;
    }
  | { kind: 'totp_required'; answerTotp(code: string): Promise<StaffStep> };

interface AuthResponse {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AvailableChallenges?: string[];
  AuthenticationResult?: {
    IdToken?: string;
    AccessToken?: string;
    RefreshToken?: string;
    ExpiresIn?: number;
  };
}

type Pool = 'staff' | 'contact';

function context(config: PortalConfig, pool: Pool, options: SignInOptions) {
  const target: CognitoTarget = {
    endpoint: config.identity.endpoint,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  return { target, clientId: config.identity[pool].clientId, now: options.now ?? Date.now };
}

function tokensOf(res: AuthResponse, now: number, previousRefreshToken?: string): Tokens {
  const result = res.AuthenticationResult;
  const refreshToken = result?.RefreshToken ?? previousRefreshToken;
  if (!result?.IdToken || !result.AccessToken || !refreshToken || !result.ExpiresIn)
    throw new SignInError('sign_in_failed', 'the sign-in service answered without tokens');
  return {
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    refreshToken,
    expiresAt: now + result.ExpiresIn * 1000,
  };
}

function unexpected(res: AuthResponse): SignInError {
  return new SignInError(
    'unexpected_challenge',
    `the sign-in service asked for ${res.ChallengeName ?? 'nothing'}, which this portal does not handle`,
  );
}

/**
 * Contact portal: mails a one-time code to the contact (choice-based sign-in, EMAIL_OTP). `username`
 * is what `openInvitation` gave; a returning contact types their email.
 */
export async function startEmailSignIn(
  config: PortalConfig,
  who: { username: string } | { email: string },
  options: SignInOptions = {},
): Promise<EmailCodeStep> {
  const { target, clientId, now } = context(config, 'contact', options);
  const username = 'username' in who ? who.username : who.email.trim().toLowerCase();
  let res = await callCognito<AuthResponse>(target, 'InitiateAuth', {
    AuthFlow: 'USER_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
  });
  // Cognito may offer the choice instead of taking the preferred one.
  if (res.ChallengeName === 'SELECT_CHALLENGE' && res.AvailableChallenges?.includes('EMAIL_OTP')) {
    res = await callCognito<AuthResponse>(target, 'RespondToAuthChallenge', {
      ChallengeName: 'SELECT_CHALLENGE',
      ClientId: clientId,
      Session: res.Session,
      ChallengeResponses: { USERNAME: username, ANSWER: 'EMAIL_OTP' },
    });
  }
  if (res.ChallengeName !== 'EMAIL_OTP') throw unexpected(res);
  const session = res.Session;
  return {
    kind: 'email_code',
    destination: res.ChallengeParameters?.CODE_DELIVERY_DESTINATION ?? '',
    async answer(code) {
      const answered = await callCognito<AuthResponse>(target, 'RespondToAuthChallenge', {
        ChallengeName: 'EMAIL_OTP',
        ClientId: clientId,
        Session: session,
        ChallengeResponses: { USERNAME: username, EMAIL_OTP_CODE: code.trim() },
      });
      if (answered.ChallengeName) throw unexpected(answered);
      return tokensOf(answered, now());
    },
  };
}

/**
 * Staff portal: signs in with email and password, then walks Cognito's challenges: a new password
 * (first sign-in with the temporary one), a TOTP set-up (first sign-in), a TOTP code (every time).
 */
export async function signInWithPassword(
  config: PortalConfig,
  credentials: { email: string; password: string },
  options: SignInOptions & { totpIssuer?: string } = {},
): Promise<StaffStep> {
  const { target, clientId, now } = context(config, 'staff', options);
  const email = credentials.email.trim().toLowerCase();
  const issuer = options.totpIssuer ?? 'Portico';

  const respond = (challenge: string, session: string | undefined, answers: Record<string, string>) =>
    callCognito<AuthResponse>(target, 'RespondToAuthChallenge', {
      ChallengeName: challenge,
      ClientId: clientId,
      Session: session,
      ChallengeResponses: answers,
    }).then(next);

  async function next(res: AuthResponse): Promise<StaffStep> {
    // Cognito names the user by its internal username in challenges; answers must use it.
    const username = res.ChallengeParameters?.USER_ID_FOR_SRP ?? email;
    switch (res.ChallengeName) {
      case undefined:
        return { kind: 'signed_in', tokens: tokensOf(res, now()) };
      case 'NEW_PASSWORD_REQUIRED':
        return {
          kind: 'new_password_required',
          setNewPassword: (password) =>
            respond('NEW_PASSWORD_REQUIRED', res.Session, { USERNAME: username, NEW_PASSWORD: password }),
        };
      case 'SOFTWARE_TOKEN_MFA': {
        // A wrong code keeps the step usable: Cognito lets the same session try again.
        return {
          kind: 'totp_required',
          answerTotp: (code) =>
            respond('SOFTWARE_TOKEN_MFA', res.Session, {
              USERNAME: username,
              SOFTWARE_TOKEN_MFA_CODE: code.trim(),
            }),
        };
      }
      case 'MFA_SETUP': {
        const associated = await callCognito<{ SecretCode: string; Session?: string }>(
          target,
          'AssociateSoftwareToken',
          { Session: res.Session },
        );
        let session = associated.Session;
        return {
          kind: 'mfa_setup',
          secret: associated.SecretCode,
          otpauthUri: otpauthUri(issuer, email, associated.SecretCode),
          async verifyTotp(code) {
            const verified = await callCognito<{ Status?: string; Session?: string }>(
              target,
              'VerifySoftwareToken',
              { Session: session, UserCode: code.trim(), FriendlyDeviceName: issuer },
            );
            session = verified.Session ?? session;
            if (verified.Status !== 'SUCCESS')
              throw new SignInError('wrong_code', 'the authenticator code was not accepted');
            return respond('MFA_SETUP', session, { USERNAME: username });
          },
        };
      }
      default:
        throw unexpected(res);
    }
  }

  return next(
    await callCognito<AuthResponse>(target, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: email, PASSWORD: credentials.password },
    }),
  );
}

/** New ID and access tokens for a refresh token of either portal (the refresh token is kept). */
export async function refresh(
  config: PortalConfig,
  pool: Pool,
  refreshToken: string,
  options: SignInOptions = {},
): Promise<Tokens> {
  const { target, clientId, now } = context(config, pool, options);
  const res = await callCognito<AuthResponse>(target, 'InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: clientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  return tokensOf(res, now(), refreshToken);
}

/**
 * Signs out on this device: revokes the refresh token (RevokeToken), so it refreshes nothing more.
 * The ID token already handed out stays valid until it expires (an hour at most); forget it too.
 */
export async function signOut(
  config: PortalConfig,
  pool: Pool,
  refreshToken: string,
  options: SignInOptions = {},
): Promise<void> {
  const { target, clientId } = context(config, pool, options);
  await callCognito(target, 'RevokeToken', { Token: refreshToken, ClientId: clientId });
}

/** The Key URI an authenticator app reads from a QR code. */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
}
