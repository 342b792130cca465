// Request and response schemas of the firm's notification policy (the settings group): the matrix
// of event type × channel, mandatory categories, the document path, digest windows.
import {
  DIGEST_MINUTES,
  DOCUMENT_PATHS,
  NOTIFICATION_CATEGORIES,
  NOTIFYING_EVENT_TYPES,
  type NotificationCategory,
  type NotifyingEvent,
} from '../../domain/notification-matrix';
import { SwitchesView } from '../../domain/preferences';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { Switches } from './channel-switches';

/**
 * The matrix is saved whole, but a type left out takes the default (every channel on; a locked one
 * is on anyway): a client written before a release added a notifying event type keeps saving.
 */
const matrixShape = () =>
  Object.fromEntries(NOTIFYING_EVENT_TYPES.map((t) => [t, z.optional(Switches)])) as Record<
    NotifyingEvent,
    z.ZodMiniOptional<typeof Switches>
  >;

const Category = lazySchema(() => z.enum(NOTIFICATION_CATEGORIES));

export const MatrixBody = lazySchema(() =>
  z.strictObject({
    matrix: z.strictObject(matrixShape()),
    /** Categories the firm's people cannot unsubscribe from (access is always one of them). */
    mandatory: z.array(Category).check(z.maxLength(NOTIFICATION_CATEGORIES.length)),
    /** Which document path tells clients (default `portal`). */
    documentPath: z.optional(z.enum(DOCUMENT_PATHS)),
    /** Digest window in minutes per category (absent: mails go out one by one). */
    digest: z.optional(
      z.strictObject(
        Object.fromEntries(
          NOTIFICATION_CATEGORIES.map((c) => [
            c,
            z.optional(z.number().check(z.int(), z.gte(DIGEST_MINUTES.min), z.lte(DIGEST_MINUTES.max))),
          ]),
        ) as Record<NotificationCategory, z.ZodMiniOptional<z.ZodMiniNumber>>,
      ),
    ),
  }),
);

const DigestView = lazySchema(() =>
  z.object(
    Object.fromEntries(
      NOTIFICATION_CATEGORIES.map((c) => [c, z.optional(z.number().check(z.int()))]),
    ) as Record<NotificationCategory, z.ZodMiniOptional<z.ZodMiniNumber>>,
  ),
);

export const MatrixView = lazySchema(() =>
  z.object({
    matrix: z.object(
      Object.fromEntries(NOTIFYING_EVENT_TYPES.map((t) => [t, SwitchesView])) as Record<
        NotifyingEvent,
        typeof SwitchesView
      >,
    ),
    /** Each event type's category and label, for grouping the matrix on screen. */
    events: z.array(
      z.object({
        type: z.enum(NOTIFYING_EVENT_TYPES),
        category: z.string(),
        label: z.string(),
        locked: z.boolean(),
      }),
    ),
    locked: z.array(z.enum(NOTIFYING_EVENT_TYPES)),
    mandatory: z.array(Category),
    documentPath: z.enum(DOCUMENT_PATHS),
    digest: DigestView,
    updatedAt: z.optional(z.string()),
    updatedBy: z.optional(z.string()),
  }),
);
