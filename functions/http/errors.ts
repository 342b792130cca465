// The one mapping from errors to HTTP responses, shared by every route.
import type * as z from 'zod';
import { DomainError, type DomainErrorKind } from '../domain/errors';
import { log } from '../log';

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
};

/** A request part (params, query, body) failed its schema. */
export class RequestValidationError extends Error {
  constructor(
    readonly part: 'params' | 'query' | 'body',
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(`invalid ${part}`);
  }
}

export function json(statusCode: number, body: unknown): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: statusCode === 204 ? '' : JSON.stringify(body),
  };
}

export function errorResponse(err: unknown, requestId: string): HttpResponse {
  if (err instanceof RequestValidationError) {
    return json(400, {
      code: 'validation_failed',
      message: `The request ${err.part} is not valid: ${err.issues
        .slice(0, 5)
        .map((i) => `${fieldPath(err.part, i.path)} ${i.message}`)
        .join('; ')}.`,
      requestId,
      fields: err.issues.map((i) => ({ path: fieldPath(err.part, i.path), message: i.message })),
    });
  }
  if (err instanceof DomainError) {
    return json(STATUS[err.kind], {
      code: err.code,
      message: err.message,
      requestId,
      ...(err.details ? { details: err.details } : {}),
    });
  }
  // Unexpected: log it with the request id, answer without internals.
  log.error('unhandled error', { requestId, error: err });
  return json(500, {
    code: 'internal_error',
    message: 'Something went wrong on our side. Quote the request id if you report it.',
    requestId,
  });
}

function fieldPath(part: string, path: PropertyKey[]): string {
  return [part, ...path.map(String)].join('.');
}
