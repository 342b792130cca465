// Schemas almost every group uses: ids (ours and a staff user's), the paths of a case and of a
// document, pagination, the text rule. The rest lives with the group that uses it, so a Lambda
// builds only its own.

import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { refusing } from './refusing';

/** ULIDs: every id Portico issues. Anything else cannot name one of our items. */
export const Id = lazySchema(() =>
  z
    .string()
    .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id issued by Portico (26-character ULID)')),
);

/**
 * A staff user's id: the staff pool login's `sub` (a UUID), or the ULID of a user seeded into the
 * table before staff logins existed.
 */
export const StaffUserId = lazySchema(() =>
  z
    .string()
    .check(
      z.regex(
        /^(?:[0-9A-HJKMNP-TV-Z]{26}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
        'must be a staff user id (a ULID or a Cognito sub)',
      ),
    ),
);

/** The path of every route under a case (here, not in the case schemas: most groups name a case). */
export const CaseParams = lazySchema(() => z.strictObject({ caseId: Id }));

/** The path of a document (the documents group's routes and the discussions group's versions). */
export const DocumentParams = lazySchema(() => z.strictObject({ caseId: Id, documentId: Id }));

/** What a bad page size is told, whatever is wrong with it (not a number, a fraction, out of range). */
const LIMIT_MESSAGE = 'must be a whole number from 1 to 100';

export const PageQuery = lazySchema(() =>
  z.strictObject({
    limit: z._default(
      z.coerce
        .number(LIMIT_MESSAGE)
        .check(z.int(LIMIT_MESSAGE), z.gte(1, LIMIT_MESSAGE), z.lte(100, LIMIT_MESSAGE)),
      25,
    ),
    nextToken: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  }),
);

export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  lazySchema(() => z.object({ items: z.array(item), nextToken: z.optional(z.string()) }));

/** Text a person types: trimmed, no control characters. */
export const Text = (max: number) => typedText(max, CONTROL_CHARACTERS);

/** Typed text: trimmed, not empty, at most `max` characters, none that `refused` finds. */
export const typedText = (max: number, refused: RegExp) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'must not be empty'),
      z.maxLength(max, `must be at most ${max} characters`),
      refusing(refused, 'must not contain control characters'),
    );

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
