// Cognito's JSON API over fetch (no AWS SDK in the browser), and its errors as one typed error with
// a stable `code` a portal can show.

/**
 * What went wrong, in words a portal maps to a message. Cognito's exception names are mapped here
 * once (see `signInErrorCode`); the API's own codes (e.g. `invitation_expired`) pass through.
 */
export type SignInErrorCode =
  | 'wrong_code'
  | 'code_expired'
  | 'not_authorized'
  | 'session_expired'
  | 'too_many_attempts'
  | 'user_not_found'
  | 'password_reset_required'
  | 'weak_password'
  | 'invalid_request'
  | 'unexpected_challenge'
  | 'network_error'
  | 'service_error'
  | 'sign_in_failed';

export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    /** Stable: switch on it. */
    readonly code: SignInErrorCode | (string & {}),
    message: string,
    /** Cognito's exception name (`CodeMismatchException`), or the API's HTTP status, for logs. */
    readonly detail?: string | number,
  ) {
    super(message);
  }
}

const BY_TYPE: Record<string, SignInErrorCode> = {
  CodeMismatchException: 'wrong_code',
  // VerifySoftwareToken's answer to a wrong TOTP code during set-up.
  EnableSoftwareTokenMFAException: 'wrong_code',
  ExpiredCodeException: 'code_expired',
  NotAuthorizedException: 'not_authorized',
  LimitExceededException: 'too_many_attempts',
  TooManyRequestsException: 'too_many_attempts',
  TooManyFailedAttemptsException: 'too_many_attempts',
  UserNotFoundException: 'user_not_found',
  PasswordResetRequiredException: 'password_reset_required',
  InvalidPasswordException: 'weak_password',
  InvalidParameterException: 'invalid_request',
};

/** The stable code of a Cognito error (`__type` may carry a namespace: `com.amazon…#CodeMismatchException`). */
export function signInErrorCode(type: string, message = ''): SignInErrorCode {
  const name = type.slice(type.lastIndexOf('#') + 1);
  // Cognito says these two only in the message of a NotAuthorizedException; the portal must tell
  // them apart from a wrong password: one restarts the sign-in, the other waits.
  if (name === 'NotAuthorizedException') {
    if (/session is expired/i.test(message)) return 'session_expired';
    if (/attempts exceeded/i.test(message)) return 'too_many_attempts';
  }
  return BY_TYPE[name] ?? 'sign_in_failed';
}

export interface CognitoTarget {
  /** Cognito's endpoint (PortalConfig.identity.endpoint). */
  endpoint: string;
  fetch?: typeof fetch;
}

/** One Cognito action (`InitiateAuth`, …): the JSON answer, or a SignInError. */
export async function callCognito<T>(target: CognitoTarget, action: string, body: object): Promise<T> {
  const fetchImpl = target.fetch ?? globalThis.fetch;
  let res: Response;
  try {
    res = await fetchImpl(target.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
      },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new SignInError('network_error', `cannot reach the sign-in service: ${(err as Error).message}`);
  }
  const text = await res.text();
  const json = parseJson(text);
  if (res.ok && json !== undefined) return json as T;
  const type = String(json?.__type ?? res.headers.get('x-amzn-errortype') ?? '').split(':')[0] ?? '';
  // Cognito's message says what was wrong (never echoes a password or a code).
  const message = String(json?.message ?? json?.Message ?? `${action} answered HTTP ${res.status}`);
  if (!type) throw new SignInError('service_error', message, res.status);
  throw new SignInError(signInErrorCode(type, message), message, type.slice(type.lastIndexOf('#') + 1));
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
