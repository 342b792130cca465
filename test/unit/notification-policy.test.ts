// The notification policy table: every notifying event type × channel × firm matrix setting × the
// firm's mandatory mark × a recipient's own preference, run through the real notify core (in-memory
// ports), each row with the expected recipients and channels and the reason of every delivery not
// made. Plus the matrix and preference rules (defaults, locked cells, mandatory categories, whole save).
import { afterAll, describe, expect, it } from 'vitest';
import { deliveryView } from '../../functions/domain/deliveries';
import { DomainError } from '../../functions/domain/errors';
import {
  categoryOf,
  effectiveMatrix,
  LOCKED_EVENTS,
  type Matrix,
  NOTIFY_CHANNELS,
  NOTIFYING_EVENT_TYPES,
  type NotifyChannel,
  type NotifyingEvent,
  putMatrix,
  type StoredMatrix,
} from '../../functions/domain/notification-matrix';
import {
  effectivePreferences,
  type Preferences,
  putContactPreferences,
  putStaffPreferences,
  type StoredPreferences,
} from '../../functions/domain/preferences';
import type { StaffPrincipal } from '../../functions/domain/principal';
import type { DomainEvent } from '../../functions/events/catalogue';
import { MatrixBody } from '../../functions/http/schemas/notification-matrix';
import {
  type DeliveryKey,
  type DeliveryStore,
  type InboxWriter,
  type Mailer,
  notifier,
  type Pusher,
  type SuppressionLog,
} from '../../functions/notify/core';
import { policies } from '../../functions/notify/policies';
import type { PolicyPorts, PolicyTable, Recipient } from '../../functions/notify/policy';
import { ALICE, FIRM_A, NOW, ulidOf } from './fakes';

type Outcome = 'sent' | 'suppressed:policy' | 'suppressed:preference';

/** The delivery store, inbox, mailer and suppression log in memory, keeping each record's final status. */
function memory() {
  const status = new Map<string, Outcome | 'pending'>();
  const id = (k: DeliveryKey) => `${k.recipient}|${k.channel}`;
  const deliveries: DeliveryStore = {
    async claim(key) {
      if (status.get(id(key)) === 'sent') return 'sent';
      status.set(id(key), 'pending');
      return 'claimed';
    },
    async markSent(key) {
      status.set(id(key), 'sent');
    },
    async release() {},
  };
  const suppressions: SuppressionLog = {
    async suppress(key, info) {
      if (!status.has(id(key))) status.set(id(key), `suppressed:${info.reason}` as Outcome);
    },
  };
  const inbox: InboxWriter = {
    async deliverInApp(d) {
      status.set(id(d.key), 'sent');
      return true;
    },
  };
  const mailer: Mailer = { send: async () => ({ messageId: 'm' }) };
  // Everyone has one registered device: push mirrors every in-app delivery.
  const pusher: Pusher = {
    devicesOf: async () => [{ subscriptionId: 'device-1' }],
    push: async () => 'sent',
  };
  return { status, deliveries, suppressions, inbox, mailer, pusher };
}

const staff: Recipient = { kind: 'staff', firmId: FIRM_A, id: ulidOf(1), name: 'S', email: 's@firm.test' };
const contact: Recipient = {
  kind: 'contact',
  firmId: FIRM_A,
  id: ulidOf(2),
  name: 'C',
  email: 'c@client.test',
  identityId: 'identity-c',
};
const message = { title: 't', body: 'b', subject: 's', text: 'x', html: '<p>x</p>' };

/** Every delivery a policy could plan: both people, in-app and email (the core adds push to in-app). */
const everyone: PolicyTable = Object.fromEntries(
  NOTIFYING_EVENT_TYPES.map((t) => [
    t,
    async () =>
      [staff, contact].flatMap((recipient) =>
        (['inApp', 'email'] as const).map((channel) => ({ recipient, channel, render: async () => message })),
      ),
  ]),
);

const eventOf = (type: NotifyingEvent): DomainEvent =>
  ({
    type,
    eventId: ulidOf(42),
    firmId: FIRM_A,
    caseId: ulidOf(7),
    actor: { kind: 'staff', id: ALICE },
    occurredAt: NOW,
    detail: {},
  }) as unknown as DomainEvent;

type Setting = 'default' | 'on' | 'off';

interface Row {
  type: NotifyingEvent;
  channel: NotifyChannel;
  /** The firm's matrix cell for this type × channel. */
  firm: Setting;
  /** Whether the firm marked the type's category mandatory (cannot-unsubscribe). */
  mandatory: boolean;
  /** The contact's own preference for the type's category × this channel (the staff user has none). */
  preference: Setting;
  /** recipient|channel → outcome, for all six deliveries (two people × three channels). */
  expected: Record<string, Outcome>;
}

const storedFor = (row: Omit<Row, 'expected'>): StoredMatrix => ({
  ...(row.firm === 'default' ? {} : { matrix: { [row.type]: { [row.channel]: row.firm === 'on' } } }),
  mandatory: row.mandatory ? [categoryOf(row.type)!] : [],
});
const preferenceFor = (row: Omit<Row, 'expected'>): StoredPreferences | undefined =>
  row.preference === 'default'
    ? undefined
    : { preferences: { [categoryOf(row.type)!]: { [row.channel]: row.preference === 'on' } } };

const settings = ['default', 'on', 'off'] as const;
const table: Row[] = NOTIFYING_EVENT_TYPES.flatMap((type) =>
  NOTIFY_CHANNELS.flatMap((channel) =>
    settings.flatMap((firm) =>
      [false, true].flatMap((mandatory) =>
        settings.map((preference) => {
          const locked = LOCKED_EVENTS.includes(type);
          // A locked (access) event ignores a stored "off" and is always mandatory: the invitation mail always goes.
          const firmOff = firm === 'off' && !locked;
          const preferenceOff = preference === 'off' && !mandatory && !locked;
          const expected: Record<string, Outcome> = {};
          for (const r of [staff, contact])
            for (const c of NOTIFY_CHANNELS)
              expected[`${r.kind}-${r.id}|${c}`] =
                c !== channel
                  ? 'sent'
                  : firmOff
                    ? 'suppressed:policy'
                    : preferenceOff && r.kind === 'contact'
                      ? 'suppressed:preference'
                      : 'sent';
          return { type, channel, firm, mandatory, preference, expected };
        }),
      ),
    ),
  ),
);

describe('Table: notification policy (event type × channel × firm setting × mandatory × preference)', () => {
  afterAll(() => {
    console.log(
      `notification policy table: ${table.length} rows (${NOTIFYING_EVENT_TYPES.length} event types × ${NOTIFY_CHANNELS.length} channels × 3 firm settings × 2 mandatory marks × 3 preferences), ${table.length * 6} deliveries checked`,
    );
  });

  it('covers every notifying event type the policy table knows, and no other', () => {
    expect([...NOTIFYING_EVENT_TYPES].sort()).toEqual(Object.keys(policies).sort());
  });

  it.each(table)(
    '$type · $channel: firm $firm, mandatory $mandatory, preference $preference',
    async (row) => {
      const mem = memory();
      const notify = notifier({
        deliveries: mem.deliveries,
        inbox: mem.inbox,
        mailer: mem.mailer,
        pusher: mem.pusher,
        policies: everyone,
        ports: {} as PolicyPorts,
        gate: {
          matrixOf: async () => effectiveMatrix(storedFor(row)),
          preferencesOf: async (recipients) => {
            const p = preferenceFor(row);
            return new Map(
              recipients
                .filter((r) => r.kind === 'contact' && p)
                .map((r) => [`contact-${r.id}`, p!] as const),
            );
          },
          suppressions: mem.suppressions,
        },
        clock: { now: () => new Date(NOW) },
        ids: { next: () => ulidOf(99) },
      });
      const out = await notify(eventOf(row.type));
      expect(Object.fromEntries(mem.status)).toEqual(row.expected);
      const suppressed = Object.values(row.expected).filter((o) => o !== 'sent').length;
      expect(out).toEqual({ planned: 6, delivered: 6 - suppressed, skipped: suppressed, failed: 0 });
    },
  );
});

const admin: StaffPrincipal = {
  kind: 'staff',
  firmId: FIRM_A,
  userId: ALICE,
  role: 'admin',
} as StaffPrincipal;
const allOn = (): Matrix =>
  Object.fromEntries(
    NOTIFYING_EVENT_TYPES.map((t) => [t, { inApp: true, email: true, push: true }]),
  ) as Matrix;

/** putMatrix's ports for a firm that never saved, recording what gets saved. */
const matrixDeps = () => {
  const saved: Required<StoredMatrix>[] = [];
  const deps = {
    matrix: {
      getMatrix: async () => ({}),
      saveMatrix: async (_: string, m: Required<StoredMatrix>) => void saved.push(m),
    },
    clock: { now: () => new Date(NOW) },
  };
  return { deps, saved };
};

describe('Function: putMatrix', () => {
  const cells = NOTIFYING_EVENT_TYPES.flatMap((type) =>
    NOTIFY_CHANNELS.map((channel) => ({ type, channel })),
  );

  it.each(cells)(
    'switching $type · $channel off is saved, or refused when locked',
    async ({ type, channel }) => {
      const { deps, saved } = matrixDeps();
      const matrix = allOn();
      matrix[type][channel] = false;
      if (LOCKED_EVENTS.includes(type)) {
        const err = await putMatrix(deps, admin, { matrix, mandatory: [] }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DomainError);
        expect(err).toMatchObject({ kind: 'unprocessable', code: 'notification_locked' });
        expect(saved).toHaveLength(0);
      } else {
        const view = await putMatrix(deps, admin, { matrix, mandatory: [] });
        expect(view.matrix[type][channel]).toBe(false);
        expect(saved).toHaveLength(1);
        expect(view).toMatchObject({ updatedAt: NOW, updatedBy: ALICE });
      }
    },
  );

  it('takes a body that leaves types out (a client older than the newest event type): they stay on', async () => {
    const { deps, saved } = matrixDeps();
    const [kept, ...left] = NOTIFYING_EVENT_TYPES.filter((t) => !LOCKED_EVENTS.includes(t));
    const body = { matrix: { [kept!]: { inApp: false, email: true, push: true } }, mandatory: [] };
    expect(MatrixBody.safeParse(body).success).toBe(true);
    const view = await putMatrix(deps, admin, MatrixBody.parse(body));
    expect(view.matrix[kept!]).toEqual({ inApp: false, email: true, push: true });
    for (const type of [...left, ...LOCKED_EVENTS])
      expect(view.matrix[type]).toEqual({ inApp: true, email: true, push: true });
    expect(saved).toHaveLength(1);
  });

  it('defaults every cell on for a firm that never saved, access locked', () => {
    const m = effectiveMatrix({});
    expect(Object.values(m.matrix).every((c) => c.inApp && c.email && c.push)).toBe(true);
    // A case closed changes what the client may do in the portal: an access notice, locked like the invitation.
    expect(m.locked).toEqual(['invitation.sent', 'case.closed']);
    expect(m.events.find((e) => e.type === 'invitation.sent')).toMatchObject({
      category: 'access',
      locked: true,
    });
  });
});

describe('Function: deliveryView', () => {
  const base = {
    firmId: FIRM_A,
    eventId: ulidOf(42),
    type: 'document.uploaded',
    recipient: `contact-${ulidOf(2)}`,
    channel: 'email',
    createdAt: NOW,
  };
  it.each([
    [
      { status: 'sent', sentAt: NOW },
      { status: 'sent', at: NOW },
    ],
    [
      { status: 'suppressed', reason: 'policy' },
      { status: 'suppressed', reason: 'policy' },
    ],
    [
      { status: 'pending', lastError: 'Throttled: slow down', lastErrorAt: NOW, attempts: 2 },
      { status: 'failed', error: 'Throttled: slow down', at: NOW, attempts: 2 },
    ],
    [
      { status: 'pending', attempts: 1 },
      { status: 'pending', attempts: 1 },
    ],
  ] as const)('%o → %o', (record, view) => {
    const v = deliveryView({ ...base, ...record });
    expect(v).toMatchObject({ ...view, recipient: { kind: 'contact', id: ulidOf(2) } });
    if (view.status !== 'suppressed') expect(v.reason).toBeUndefined();
    if (view.status !== 'failed') expect(v.error).toBeUndefined();
  });
});

const allPreferencesOn = (): Preferences =>
  Object.fromEntries(
    (['documents', 'fileRequests', 'discussions', 'tasks', 'access'] as const).map((c) => [
      c,
      { inApp: true, email: true, push: true },
    ]),
  ) as Preferences;

describe('Function: put preferences', () => {
  const deps = (mandatory: string[]) => {
    const saved: unknown[] = [];
    return {
      saved,
      deps: {
        preferences: {
          getPreferences: async () => ({}),
          savePreferences: async (_: unknown, p: unknown) => void saved.push(p),
        },
        matrix: { getMatrix: async () => ({ mandatory }) },
        clock: { now: () => new Date(NOW) },
      },
    };
  };

  it.each([
    ['staff', 'documents', [], 200],
    ['staff', 'documents', ['documents'], 422],
    ['staff', 'access', [], 422],
    ['contact', 'documents', ['documents'], 200],
    ['contact', 'access', [], 422],
  ] as const)(
    '%s switching %s email off with firm-mandatory %o → %i',
    async (who, category, mandatory, status) => {
      const { saved, deps: d } = deps([...mandatory]);
      const preferences = allPreferencesOn();
      preferences[category].email = false;
      const run =
        who === 'staff'
          ? putStaffPreferences(d, admin, { preferences })
          : putContactPreferences(d, { kind: 'contact', identityId: 'identity-c' }, { preferences });
      if (status === 422) {
        await expect(run).rejects.toMatchObject({ kind: 'unprocessable', code: 'category_mandatory' });
        expect(saved).toHaveLength(0);
      } else {
        expect((await run).preferences[category]).toEqual({ inApp: true, email: false, push: true });
        expect(saved).toHaveLength(1);
      }
    },
  );

  it('reads a stored "off" of a mandatory category as on', () => {
    const view = effectivePreferences(
      { preferences: { tasks: { email: false }, documents: { inApp: false } } },
      ['tasks', 'access'],
    );
    expect(view.preferences.tasks).toEqual({ inApp: true, email: true, push: true });
    expect(view.preferences.documents).toEqual({ inApp: false, email: true, push: true });
    expect(view.mandatory).toEqual(['tasks', 'access']);
  });
});
