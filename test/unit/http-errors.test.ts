import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { DomainError, type DomainErrorKind } from '../../functions/domain/errors';
import { errorResponse, json, RequestValidationError } from '../../functions/http/errors';
import { NewCaseBody } from '../../functions/http/schemas/cases';
import * as z from '../../functions/zod-mini';

const REQUEST_ID = 'req-42';

function issuesOf(schema: z.ZodMiniType, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('the fixture was expected to fail its schema');
  return result.error.issues;
}

const bodyOf = (res: { body: string }) => JSON.parse(res.body) as Record<string, unknown>;

describe('Module: http errors', () => {
  let stderr: MockInstance<typeof process.stderr.write>;

  beforeEach(() => {
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    stderr.mockRestore();
  });

  describe('request validation', () => {
    it('answers 400 validation_failed with the failing field paths', () => {
      // Prepare
      const err = new RequestValidationError(
        'body',
        issuesOf(NewCaseBody, { title: '', notifyClient: 'yes' }),
      );

      // Act
      const res = errorResponse(err, REQUEST_ID);

      // Assess
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = bodyOf(res);
      expect(body).toMatchObject({ code: 'validation_failed', requestId: REQUEST_ID });
      expect(body.fields).toEqual([
        { path: 'body.title', message: 'must not be empty' },
        { path: 'body.notifyClient', message: expect.any(String) },
      ]);
      expect(body.message).toMatch(
        /^The request body is not valid: body\.title must not be empty; body\.notifyClient /,
      );
    });

    it('joins nested paths with dots and prefixes the request part', () => {
      // Prepare
      const schema = z.object({ items: z.array(z.object({ id: z.string() })) });
      const err = new RequestValidationError('query', issuesOf(schema, { items: [{ id: 'a' }, { id: 1 }] }));

      // Act
      const body = bodyOf(errorResponse(err, REQUEST_ID));

      // Assess
      expect(body.fields).toEqual([{ path: 'query.items.1.id', message: expect.any(String) }]);
    });

    it('lists every field but quotes at most five in the message', () => {
      // Prepare
      const shape = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => [k, z.string()]));
      const err = new RequestValidationError('params', issuesOf(z.object(shape), {}));

      // Act
      const body = bodyOf(errorResponse(err, REQUEST_ID));

      // Assess
      expect((body.fields as { path: string }[]).map((f) => f.path)).toEqual([
        'params.a',
        'params.b',
        'params.c',
        'params.d',
        'params.e',
        'params.f',
        'params.g',
      ]);
      expect(body.message).toContain('params.e');
      expect(body.message).not.toContain('params.f');
    });
  });

  describe('domain errors', () => {
    const cases: [DomainErrorKind, number][] = [
      ['invalid', 400],
      ['unauthenticated', 401],
      ['forbidden', 403],
      ['not_found', 404],
      ['conflict', 409],
      ['gone', 410],
      ['unprocessable', 422],
    ];

    it.each(cases)('maps kind %s to status %i with code, message and request id', (kind, status) => {
      // Prepare
      const err = new DomainError(kind, `some_${kind}`, `Message for ${kind}.`);

      // Act
      const res = errorResponse(err, REQUEST_ID);

      // Assess
      expect(res.statusCode).toBe(status);
      expect(bodyOf(res)).toEqual({
        code: `some_${kind}`,
        message: `Message for ${kind}.`,
        requestId: REQUEST_ID,
      });
      expect(stderr).not.toHaveBeenCalled();
    });

    it('carries details when the error has some', () => {
      // Prepare
      const err = new DomainError('conflict', 'contact_email_taken', 'Taken.', { email: 'a@b.example' });

      // Act
      const body = bodyOf(errorResponse(err, REQUEST_ID));

      // Assess
      expect(body.details).toEqual({ email: 'a@b.example' });
    });
  });

  describe('unexpected errors', () => {
    const SECRET_MESSAGE = 'connect to db failed: password=hunter2-AKIAIOSFODNN7EXAMPLE';

    it('answers 500 internal_error without the error message or stack', () => {
      // Prepare
      const err = new Error(SECRET_MESSAGE);

      // Act
      const res = errorResponse(err, REQUEST_ID);

      // Assess
      expect(res.statusCode).toBe(500);
      const body = bodyOf(res);
      expect(Object.keys(body).sort()).toEqual(['code', 'message', 'requestId']);
      expect(body).toMatchObject({ code: 'internal_error', requestId: REQUEST_ID });
      expect(res.body).not.toContain('hunter2');
      expect(res.body).not.toContain('AKIA');
      expect(res.body).not.toContain('http-errors.test');
    });

    it('logs the error to stderr with the request id', () => {
      // Act
      errorResponse(new Error(SECRET_MESSAGE), REQUEST_ID);

      // Assess
      expect(stderr).toHaveBeenCalledTimes(1);
      const line = JSON.parse(String(stderr.mock.calls[0]?.[0]));
      expect(line).toMatchObject({
        level: 'error',
        requestId: REQUEST_ID,
        error: { message: SECRET_MESSAGE },
      });
    });

    it('treats a thrown non-Error value as unexpected too', () => {
      // Act
      const res = errorResponse('a string was thrown', REQUEST_ID);

      // Assess
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('a string was thrown');
      expect(stderr).toHaveBeenCalledTimes(1);
    });
  });

  describe('json', () => {
    it('sends no body with 204', () => {
      expect(json(204, { ignored: true }).body).toBe('');
      expect(json(200, { ok: true }).body).toBe('{"ok":true}');
    });
  });
});
