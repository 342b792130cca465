// The one mapping from errors to HTTP responses, shared by every route.
import type * as z from 'zod/mini';
import { DomainError, type DomainErrorKind } from '../domain/errors';
import { clipText } from '../domain/plain-text';
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
    const problems = err.issues.slice(0, MAX_PROBLEMS_LISTED).map((i) => ({
      path: clipText(fieldPath(err.part, i.path), MAX_PROBLEM_TEXT),
      message: problemMessage(i),
    }));
    const said = problems.slice(0, MAX_PROBLEMS_SAID);
    const more = err.issues.length - said.length;
    return json(400, {
      code: 'validation_failed',
      message: `The request ${err.part} is not valid: ${said
        .map((p) => `${p.path} ${p.message}`)
        .join('; ')}${more > 0 ? `; and ${more} more` : ''}.`,
      requestId,
      fields: problems,
      fieldCount: err.issues.length,
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

// A bad request's answer stays small whatever it was sent: 10,000 unknown fields once answered a
// 164 KB body with 291 KB naming every key twice. The first problems are listed, with the count.
/** Problems listed in `fields` (`fieldCount` says how many there were). */
export const MAX_PROBLEMS_LISTED = 10;
/** Problems said in the message. */
const MAX_PROBLEMS_SAID = 5;
/** Unknown keys named in one problem's message. */
const MAX_KEYS_NAMED = 5;
/** UTF-16 units of a path, a key or a problem's message (a key can be as long as the body); cut between graphemes. */
const MAX_PROBLEM_TEXT = 200;
const MAX_KEY_TEXT = 40;

/** A problem in words, bounded: unknown keys are named up to a few, then counted. */
function problemMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const named = issue.keys.slice(0, MAX_KEYS_NAMED).map((k) => JSON.stringify(clipText(k, MAX_KEY_TEXT)));
    const more = issue.keys.length - named.length;
    const list = `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    return `has ${issue.keys.length === 1 ? 'an unknown field' : `${issue.keys.length} unknown fields`}: ${list}`;
  }
  return clipText(issue.message, MAX_PROBLEM_TEXT);
}
