// The firm's notification matrix: for each notifying event type (grouped by category) × channel,
// whether the notify core delivers it at all. Read with its defaults, saved whole by an admin;
// access & security notices are locked on (a firm cannot switch off the invitation mail).
import { unprocessable } from './errors';
import {
  NOTIFICATION_CATEGORIES,
  NOTIFYING_EVENT_CATEGORY,
  NOTIFYING_EVENT_TYPES,
  type NotificationCategory,
  type NotifyingEvent,
} from './notifying-events';
import type { Clock } from './ports';
import type { StaffPrincipal } from './principal';

/** The channels the notify core delivers on (push mirrors in-app onto registered devices). */
export const NOTIFY_CHANNELS = ['inApp', 'email', 'push'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

export {
  NOTIFICATION_CATEGORIES,
  NOTIFYING_EVENT_TYPES,
  type NotificationCategory,
  type NotifyingEvent,
} from './notifying-events';

/** Each notifying event type's label, for the matrix on screen. */
const NOTIFYING_EVENT_LABELS = {
  'document.uploaded': 'A client uploads a file',
  'document.shared': 'Staff share a file with a client in the portal (portal path)',
  'document.published': 'An integration publishes a file for a completed process task (process path)',
  'filerequest.created': 'Staff ask a client for a file',
  'filerequest.fulfilled': 'A client uploads a requested file',
  'filerequest.reminded': 'A reminder of an open file request falls due (overdue after its due date)',
  'discussion.published': 'A discussion is published',
  'comment.added': 'A comment is added to a discussion',
  'thread.created': 'A chat thread is started',
  'message.posted': 'A message is posted in a thread',
  'task.changed': 'Client tasks change',
  'tasks.completed': 'Every task of a thread is done',
  'reminder.due': 'A reminder of open tasks falls due',
  'invitation.sent': 'A client is invited to the portal',
  'case.closed': "A case is closed (read-only in the client's portal)",
  'filerequest.item_submitted': 'A client uploads a file for an item of a request list',
  'filerequest.item_returned': "Staff return a client's file for an item of a request list, with a reason",
} as const satisfies Record<NotifyingEvent, string>;

/**
 * Every event type a policy notifies about, with its category and label (notifying-events.ts lists
 * them; an event type absent there notifies nobody).
 */
export const NOTIFYING_EVENTS = Object.fromEntries(
  NOTIFYING_EVENT_TYPES.map((type) => [
    type,
    { category: NOTIFYING_EVENT_CATEGORY[type], label: NOTIFYING_EVENT_LABELS[type] },
  ]),
) as { readonly [T in NotifyingEvent]: { category: NotificationCategory; label: string } };

/**
 * Categories a firm cannot switch off and nobody may unsubscribe from: without them a client could
 * never get in. Firms may mark more categories mandatory (cannot-unsubscribe) for their people.
 */
export const LOCKED_CATEGORIES: readonly NotificationCategory[] = ['access'];

export type ChannelSwitches = Record<NotifyChannel, boolean>;
export type Matrix = Record<NotifyingEvent, ChannelSwitches>;

/**
 * Which path tells clients of documents (ONVIO): `portal` (staff share in the portal) or `process`
 * (an integration publishes a document of a completed process task; the case's and the recurring
 * task's notify-client flags must both be on). The other path shares without telling.
 */
export const DOCUMENT_PATHS = ['portal', 'process'] as const;
export type DocumentPath = (typeof DOCUMENT_PATHS)[number];
export const DEFAULT_DOCUMENT_PATH: DocumentPath = 'portal';

/** Digest windows in minutes, per category (absent: no digest); emails only, in-app items stay individual. */
export const DIGEST_MINUTES = { min: 2, max: 30 } as const;
export type DigestWindows = Partial<Record<NotificationCategory, number>>;

export interface NotificationMatrix {
  matrix: Matrix;
  /** Each event type's category and label, for grouping the matrix on screen. */
  events: { type: NotifyingEvent; category: NotificationCategory; label: string; locked: boolean }[];
  /** Event types whose switches are locked on. */
  locked: NotifyingEvent[];
  /** Categories people of the firm cannot unsubscribe from (always includes the locked ones). */
  mandatory: NotificationCategory[];
  documentPath: DocumentPath;
  digest: DigestWindows;
  updatedAt?: string;
  updatedBy?: string;
}

/** What the firm item holds; switches absent from it take the default. */
export interface StoredMatrix {
  matrix?: Partial<Record<string, Partial<ChannelSwitches>>>;
  mandatory?: string[];
  documentPath?: string;
  digest?: Partial<Record<string, number>>;
  updatedAt?: string;
  updatedBy?: string;
}

export interface MatrixStore {
  getMatrix(firmId: string): Promise<StoredMatrix>;
  /** Saves the whole matrix on the firm item (explicit save; last write wins). */
  saveMatrix(firmId: string, saved: Required<StoredMatrix>): Promise<void>;
}

export interface MatrixDeps {
  matrix: MatrixStore;
  clock: Clock;
}

const isLocked = (type: NotifyingEvent) => LOCKED_CATEGORIES.includes(NOTIFYING_EVENTS[type].category);
export const LOCKED_EVENTS = NOTIFYING_EVENT_TYPES.filter(isLocked);

/**
 * The default: every event on every channel, which is what Portico did before firms could choose,
 * so a firm that never saved keeps today's notifications.
 */
export const defaultSwitches = (): ChannelSwitches => ({ inApp: true, email: true, push: true });

/** The matrix that applies: what the firm saved, the defaults for the rest, locked cells on. */
export function effectiveMatrix(stored: StoredMatrix): NotificationMatrix {
  const matrix = Object.fromEntries(
    NOTIFYING_EVENT_TYPES.map((type) => {
      const saved = stored.matrix?.[type] ?? {};
      const cell = defaultSwitches();
      for (const channel of NOTIFY_CHANNELS) {
        if (!isLocked(type) && typeof saved[channel] === 'boolean') cell[channel] = saved[channel];
      }
      return [type, cell];
    }),
  ) as Matrix;
  return {
    matrix,
    events: NOTIFYING_EVENT_TYPES.map((type) => ({
      type,
      ...NOTIFYING_EVENTS[type],
      locked: isLocked(type),
    })),
    locked: LOCKED_EVENTS,
    mandatory: NOTIFICATION_CATEGORIES.filter(
      (c) => LOCKED_CATEGORIES.includes(c) || (stored.mandatory ?? []).includes(c),
    ),
    documentPath: (DOCUMENT_PATHS as readonly string[]).includes(stored.documentPath ?? '')
      ? (stored.documentPath as DocumentPath)
      : DEFAULT_DOCUMENT_PATH,
    digest: Object.fromEntries(
      NOTIFICATION_CATEGORIES.filter((c) => !LOCKED_CATEGORIES.includes(c)).flatMap((c) => {
        const minutes = stored.digest?.[c];
        return typeof minutes === 'number' ? [[c, minutes]] : [];
      }),
    ),
    ...(stored.updatedAt ? { updatedAt: stored.updatedAt } : {}),
    ...(stored.updatedBy ? { updatedBy: stored.updatedBy } : {}),
  };
}

/** The category of a notifying event type (undefined: not one the matrix knows). */
export const categoryOf = (type: string): NotificationCategory | undefined =>
  (NOTIFYING_EVENTS as Partial<Record<string, { category: NotificationCategory }>>)[type]?.category;

/** Whether the firm lets the notify core deliver this event type on this channel. */
export function allows(m: Pick<NotificationMatrix, 'matrix'>, type: string, channel: string): boolean {
  const cell = (m.matrix as Partial<Record<string, ChannelSwitches>>)[type];
  if (!cell) return true; // not a notifying event the matrix knows: the policy alone decides
  return (cell as Partial<Record<string, boolean>>)[channel] !== false;
}

export async function getMatrix(deps: Pick<MatrixDeps, 'matrix'>, by: StaffPrincipal) {
  return effectiveMatrix(await deps.matrix.getMatrix(by.firmId));
}

export async function putMatrix(
  deps: MatrixDeps,
  by: StaffPrincipal,
  input: {
    /** A type left out takes the default (every channel on). */
    matrix: Partial<Matrix>;
    mandatory: NotificationCategory[];
    documentPath?: DocumentPath;
    digest?: DigestWindows;
  },
): Promise<NotificationMatrix> {
  const off = LOCKED_EVENTS.flatMap((type) =>
    NOTIFY_CHANNELS.filter((c) => input.matrix[type]?.[c] === false).map((c) => `${type}.${c}`),
  );
  if (off.length > 0)
    throw unprocessable(
      'notification_locked',
      `Access and security notices cannot be switched off: ${off.join(', ')}.`,
      { locked: off },
    );
  const digested = Object.keys(input.digest ?? {}).filter((c) =>
    LOCKED_CATEGORIES.includes(c as NotificationCategory),
  );
  if (digested.length > 0)
    throw unprocessable(
      'digest_locked',
      `Access and security notices are sent at once and cannot be batched into a digest: ${digested.join(', ')}.`,
      { categories: digested },
    );
  const saved: Required<StoredMatrix> = {
    matrix: input.matrix,
    mandatory: [...new Set(input.mandatory)],
    documentPath: input.documentPath ?? DEFAULT_DOCUMENT_PATH,
    digest: input.digest ?? {},
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: by.userId,
  };
  await deps.matrix.saveMatrix(by.firmId, saved);
  return effectiveMatrix(saved);
}
