// Plain text a person types over several lines: the one schema of messages and descriptions.
import * as z from '../../zod-mini';

/**
 * Plain text a person types over several lines (a message, a description): trimmed, line breaks and
 * tabs allowed, no other control characters. Notifications flatten it to one paragraph.
 */
export const PlainText = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(max, `must be at most ${max} characters`),
    z.refine((s) => !CONTROL_BUT_LINES.test(s), 'must not contain control characters'),
  );

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
