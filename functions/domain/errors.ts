// Typed domain errors. Services throw these; only the HTTP edge maps them to status codes.

export type DomainErrorKind =
  | 'invalid' // 400: input the schema could not catch (bad cursor, inconsistent fields)
  | 'unauthenticated' // 401
  | 'forbidden' // 403: known resource, caller lacks the right
  | 'not_found' // 404: unknown, or another tenant's (never reveal existence)
  | 'conflict' // 409: would break uniqueness or a state transition
  | 'gone' // 410: existed once, no longer usable (expired invitation)
  | 'unprocessable'; // 422: well-formed but breaks a business rule

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Machine-readable, stable: clients switch on it. snake_case. */
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, code = `${what}_not_found`) =>
  new DomainError('not_found', code, `${capitalize(what)} not found.`);

export const forbidden = (code: string, message: string) => new DomainError('forbidden', code, message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', code, message, details);
export const unprocessable = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('unprocessable', code, message, details);
export const invalid = (code: string, message: string) => new DomainError('invalid', code, message);

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
