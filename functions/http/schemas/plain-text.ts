// Plain text a person types over several lines: the one schema of messages and descriptions.
import { typedText } from './common';

/**
 * Plain text a person types over several lines (a message, a description): trimmed, line breaks and
 * tabs allowed, no other control characters. Notifications flatten it to one paragraph.
 */
export const PlainText = (max: number) => typedText(max, CONTROL_BUT_LINES);

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
