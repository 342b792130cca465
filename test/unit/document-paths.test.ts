// The two document paths (ONVIO options 1 and 2) through the notify core: the firm's path choice ×
// the event's path × the case's and the recurring task's notify-client flags × "already told of
// this version", each with the recipients, channels and suppressions expected. The ports and the
// delivery store are in memory (the store keeps the dedupe marker's rule: one event per document
// version × recipient × channel); the DynamoDB store is exercised by the integration test.
import { describe, expect, it } from 'vitest';
import type { DocumentPath } from '../../functions/domain/notification-matrix';
import { effectiveMatrix } from '../../functions/domain/notification-matrix';
import type { DomainEvent } from '../../functions/events/catalogue';
import { type DeliveryKey, type DeliveryStore, notifier, type Pusher } from '../../functions/notify/core';
import {
  type ClientDocumentPorts,
  documentDedupeKey,
  documentPublishedPolicy,
  documentSharedPolicy,
} from '../../functions/notify/policies/client-documents';
import type { PolicyPorts, Recipient, Texts } from '../../functions/notify/policy';
import { ALICE, counterIds, dedupeMarkers, FIRM_A, NOW, ulidOf } from './fakes';

const CASE = ulidOf(7);
const DOC = ulidOf(9);
const TASK = 'payroll-monthly';
const PRIOR = ulidOf(41);

const dora: Recipient = {
  kind: 'contact',
  firmId: FIRM_A,
  id: ulidOf(2),
  name: 'Dora',
  email: 'dora@client.test',
  identityId: 'identity-dora',
};
/** Uploaded the document herself: her own upload is not news to her. */
const ulla: Recipient = {
  kind: 'contact',
  firmId: FIRM_A,
  id: ulidOf(3),
  name: 'Ulla',
  email: 'ulla@client.test',
  identityId: 'identity-ulla',
};

interface World {
  path: DocumentPath;
  caseOn: boolean;
  taskOn: boolean | undefined;
  /** The document's current version and uploader. */
  version: number;
  uploader: { kind: 'staff' | 'contact'; id: string; name: string };
  /** Contacts that still have a grant (contactsOf leaves the others out). */
  granted: Recipient[];
}

const world = (w: Partial<World> = {}): World => ({
  path: 'portal',
  caseOn: true,
  taskOn: true,
  version: 1,
  uploader: { kind: 'staff', id: ALICE, name: 'Alice' },
  granted: [dora, ulla],
  ...w,
});

function portsOf(w: World): PolicyPorts {
  const clientDocuments: ClientDocumentPorts = {
    documentPath: async () => w.path,
    case: async () => ({ caseId: CASE, title: 'Payroll 2026', notifyClient: w.caseOn }),
    document: async () => ({ version: w.version, uploadedBy: w.uploader }),
    recurringTask: async () =>
      w.taskOn === undefined ? undefined : { name: 'Monthly payroll', notifyClient: w.taskOn },
    contactsOf: async (_f, _c, ids) => w.granted.filter((r) => ids.includes(r.id)),
    firm: async () => ({ name: 'Bright & Co', portalUrl: 'https://portal.test' }),
  };
  return { clientDocuments } as unknown as PolicyPorts;
}

/** Texts that show what they were asked to render. */
const rendered: { templateId: string; to: string; vars: unknown; link?: string }[] = [];
const fakeTexts: Texts = {
  async render(templateId, recipient, vars, extra) {
    rendered.push({ templateId, to: recipient.id, vars, ...(extra?.link ? { link: extra.link } : {}) });
    const title = `${templateId} ${String(vars.fileName)}`;
    return { title, body: title, subject: title, text: title, html: `<p>${title}</p>` };
  },
};

/** The core over in-memory ports: records, dedupe markers, inbox, mail and push. */
function engine(w: World, opts: { alreadyTold?: { version: number; by: string } } = {}) {
  const records = new Map<string, { status: string; reason?: string; detail?: string }>();
  const { markers, take } = dedupeMarkers();
  const sent: string[] = [];
  const id = (k: DeliveryKey) => `${k.eventId}|${k.recipient}|${k.channel}`;
  if (opts.alreadyTold)
    for (const channel of ['inApp', 'email', 'push'])
      markers.set(
        `${documentDedupeKey(DOC, opts.alreadyTold.version)}|contact-${dora.id}|${channel}`,
        opts.alreadyTold.by,
      );

  const deliveries: DeliveryStore = {
    async claim(key, info) {
      const r = records.get(id(key));
      if (r) return r.status === 'pending' ? 'busy' : 'sent';
      const holder = take(key, info.dedupeKey);
      if (holder) return { duplicateOf: holder };
      records.set(id(key), { status: 'pending' });
      return 'claimed';
    },
    async markSent(key) {
      records.set(id(key), { status: 'sent' });
    },
    async release() {},
  };
  const pusher: Pusher = {
    devicesOf: async (r) => (r.identityId ? [{ subscriptionId: `device-${r.id}` }] : []),
    push: async (r) => {
      sent.push(`push:${r.id}`);
      return 'sent';
    },
  };
  const notify = notifier({
    deliveries,
    inbox: {
      // Record, item and marker in one transaction, as the DynamoDB adapter does.
      async deliverInApp(d) {
        const r = records.get(id(d.key));
        if (r && r.status !== 'pending') return false;
        const holder = take(d.key, d.dedupeKey);
        if (holder) return { duplicateOf: holder };
        sent.push(`inApp:${d.owner.id}`);
        records.set(id(d.key), { status: 'sent' });
        return true;
      },
    },
    mailer: {
      async send(m) {
        sent.push(`email:${m.to}`);
        return { messageId: `m-${sent.length}` };
      },
    },
    pusher,
    policies: { 'document.shared': documentSharedPolicy, 'document.published': documentPublishedPolicy },
    gate: {
      matrixOf: async () => effectiveMatrix({}),
      preferencesOf: async () => new Map(),
      suppressions: {
        async suppress(key, info) {
          if (!records.has(id(key)))
            records.set(id(key), { status: 'suppressed', reason: info.reason, detail: info.detail });
        },
      },
    },
    ports: portsOf(w),
    texts: () => fakeTexts,
    clock: { now: () => new Date(NOW) },
    ids: counterIds(100),
  });
  /** Each record of the event, `<recipient> <channel> <status>[:<reason>]`, sorted. */
  const outcome = (eventId: string) =>
    [...records]
      .filter(([k]) => k.startsWith(`${eventId}|`))
      .map(([k, r]) => `${k.split('|').slice(1).join(' ')} ${r.status}${r.reason ? `:${r.reason}` : ''}`)
      .sort();
  const details = (eventId: string) => [
    ...new Set([...records].filter(([k]) => k.startsWith(`${eventId}|`)).map(([, r]) => r.detail ?? '')),
  ];
  return { notify, outcome, details, sent };
}

const shared = (
  eventId: string,
  detail: Partial<{ added: string[]; version: number }> = {},
): DomainEvent => ({
  type: 'document.shared',
  eventId,
  firmId: FIRM_A,
  caseId: CASE,
  actor: { kind: 'staff', id: ALICE },
  occurredAt: NOW,
  detail: { documentId: DOC, name: 'payslips.pdf', added: [dora.id], removed: [], version: 1, ...detail },
});

const published = (
  eventId: string,
  detail: Partial<{ contactIds: string[]; version: number }> = {},
): DomainEvent => ({
  type: 'document.published',
  eventId,
  firmId: FIRM_A,
  caseId: CASE,
  actor: { kind: 'staff', id: ALICE },
  occurredAt: NOW,
  detail: {
    documentId: DOC,
    name: 'payslips.pdf',
    version: 1,
    recurringTaskId: TASK,
    contactIds: [dora.id],
    ...detail,
  },
});

const CHANNELS = ['email', 'inApp', 'push'] as const;
const allAs = (status: string) => CHANNELS.map((c) => `contact-${dora.id} ${c} ${status}`);
/** A plan the policy decided against: its in-app record explains the push too (the core mirrors no push of it). */
const policySuppressed = () =>
  (['email', 'inApp'] as const).map((c) => `contact-${dora.id} ${c} suppressed:policy`);

/** Why a row's notice is not given, in the words delivery status shows. */
const WHY = {
  sharedOnProcessPath:
    /^The firm notifies clients of documents through the process path; this document was shared in the portal\.$/,
  publishedOnPortalPath:
    /^The firm notifies clients of documents through the portal path; this document was published by a process integration \(recurring task "Monthly payroll" \(payroll-monthly\)\)\.$/,
  caseOff: /^Notify client is off for the case "Payroll 2026"\.$/,
  taskOff: /^Notify client is off for the recurring task "Monthly payroll" \(payroll-monthly\)\.$/,
  bothOff:
    /^Notify client is off for the case "Payroll 2026" and for the recurring task "Monthly payroll" \(payroll-monthly\)\.$/,
  dedupe: new RegExp(
    `^The recipient was already told of this by (inApp|email|push) \\(event ${PRIOR}\\)\\.$`,
  ),
} as const;

type Expect = 'sent' | keyof typeof WHY;
type Row = [
  DocumentPath,
  'shared' | 'published',
  caseOn: boolean,
  taskOn: boolean,
  alreadyTold: boolean,
  Expect,
];

/**
 * Option 1 (`portal`): staff shares tell; process publications share silently.
 * Option 2 (`process`): publications tell when the case and the recurring task both say "notify
 * client"; portal shares are silent. Either way, a version already told is never told again.
 */
const TABLE: Row[] = [
  // firm path portal (option 1)
  ['portal', 'shared', true, true, false, 'sent'],
  ['portal', 'shared', true, false, false, 'sent'],
  ['portal', 'shared', false, true, false, 'sent'],
  ['portal', 'shared', false, false, false, 'sent'],
  ['portal', 'shared', true, true, true, 'dedupe'],
  ['portal', 'shared', true, false, true, 'dedupe'],
  ['portal', 'shared', false, true, true, 'dedupe'],
  ['portal', 'shared', false, false, true, 'dedupe'],
  ['portal', 'published', true, true, false, 'publishedOnPortalPath'],
  ['portal', 'published', true, false, false, 'publishedOnPortalPath'],
  ['portal', 'published', false, true, false, 'publishedOnPortalPath'],
  ['portal', 'published', false, false, false, 'publishedOnPortalPath'],
  ['portal', 'published', true, true, true, 'publishedOnPortalPath'],
  ['portal', 'published', true, false, true, 'publishedOnPortalPath'],
  ['portal', 'published', false, true, true, 'publishedOnPortalPath'],
  ['portal', 'published', false, false, true, 'publishedOnPortalPath'],
  // firm path process (option 2)
  ['process', 'shared', true, true, false, 'sharedOnProcessPath'],
  ['process', 'shared', true, false, false, 'sharedOnProcessPath'],
  ['process', 'shared', false, true, false, 'sharedOnProcessPath'],
  ['process', 'shared', false, false, false, 'sharedOnProcessPath'],
  ['process', 'shared', true, true, true, 'sharedOnProcessPath'],
  ['process', 'shared', true, false, true, 'sharedOnProcessPath'],
  ['process', 'shared', false, true, true, 'sharedOnProcessPath'],
  ['process', 'shared', false, false, true, 'sharedOnProcessPath'],
  ['process', 'published', true, true, false, 'sent'],
  ['process', 'published', true, false, false, 'taskOff'],
  ['process', 'published', false, true, false, 'caseOff'],
  ['process', 'published', false, false, false, 'bothOff'],
  ['process', 'published', true, true, true, 'dedupe'],
  ['process', 'published', true, false, true, 'taskOff'],
  ['process', 'published', false, true, true, 'caseOff'],
  ['process', 'published', false, false, true, 'bothOff'],
];

describe('Policy: client documents (portal and process paths)', () => {
  it('covers every combination of path choice × event path × case flag × task flag × already told', () => {
    expect(new Set(TABLE.map((r) => r.slice(0, 5).join(' '))).size).toBe(32);
  });

  it.each(TABLE)(
    'firm path %s, document %s, case notify %s, task notify %s, already told %s → %s',
    async (path, via, caseOn, taskOn, alreadyTold, expected) => {
      // Prepare
      const e = engine(
        world({ path, caseOn, taskOn }),
        alreadyTold ? { alreadyTold: { version: 1, by: PRIOR } } : {},
      );
      const event = via === 'shared' ? shared(ulidOf(42)) : published(ulidOf(42));

      // Act
      await e.notify(event);

      // Assess: Dora's three channels, each sent or suppressed with the words of its reason
      if (expected === 'sent') {
        expect(e.outcome(event.eventId)).toEqual(allAs('sent'));
        expect(e.sent.sort()).toEqual(['email:dora@client.test', `inApp:${dora.id}`, `push:${dora.id}`]);
        return;
      }
      expect(e.outcome(event.eventId)).toEqual(
        expected === 'dedupe' ? allAs('suppressed:dedupe') : policySuppressed(),
      );
      expect(e.sent).toEqual([]);
      for (const detail of e.details(event.eventId)) expect(detail).toMatch(WHY[expected]);
    },
  );

  it('tells a contact of one document version once, whichever path brings it first, and of a new version again', async () => {
    // Prepare: option 1 (portal); the document is shared with Dora
    const e = engine(world({ path: 'portal' }));
    await e.notify(shared(ulidOf(42)));
    e.sent.length = 0;

    // Act: shared again (unshared and re-shared), then version 2 shared
    await e.notify(shared(ulidOf(43)));
    const again = [...e.sent];
    await e.notify(shared(ulidOf(44), { version: 2 }));

    // Assess
    expect(again).toEqual([]);
    expect(e.outcome(ulidOf(43))).toEqual(allAs('suppressed:dedupe'));
    expect(e.details(ulidOf(43)).every((d) => d.includes(ulidOf(42)))).toBe(true);
    expect(e.outcome(ulidOf(44))).toEqual(allAs('sent'));
  });

  it('does not tell a contact of its own upload, nor a contact that lost access', async () => {
    // Prepare: Ulla uploaded the document; Vic is named but has no grant any more
    const e = engine(
      world({ uploader: { kind: 'contact', id: ulla.id, name: 'Ulla' }, granted: [dora, ulla] }),
    );

    // Act
    await e.notify(shared(ulidOf(42), { added: [dora.id, ulla.id, ulidOf(5)] }));

    // Assess: Dora only; nothing recorded for Ulla or Vic
    expect(e.outcome(ulidOf(42))).toEqual(allAs('sent'));
  });

  it('uses the document version of the event, or the current one for events written before versions were recorded', async () => {
    // Prepare: the document is at version 3; Dora was told of version 3 already
    const e = engine(world({ version: 3 }), { alreadyTold: { version: 3, by: PRIOR } });
    const { version: _, ...withoutVersion } = (
      shared(ulidOf(42)) as Extract<DomainEvent, { type: 'document.shared' }>
    ).detail;

    // Act
    await e.notify({ ...shared(ulidOf(42)), detail: withoutVersion } as DomainEvent);
    await e.notify(shared(ulidOf(43), { version: 2 }));

    // Assess
    expect(e.outcome(ulidOf(42))).toEqual(allAs('suppressed:dedupe'));
    expect(e.outcome(ulidOf(43))).toEqual(allAs('sent'));
  });

  it('explains a publication for a recurring task the firm does not know as a flag that is not on', async () => {
    const e = engine(world({ path: 'process', taskOn: undefined }));
    await e.notify(published(ulidOf(42)));
    expect(e.outcome(ulidOf(42))).toEqual(policySuppressed());
    expect(e.details(ulidOf(42))).toEqual([
      'The recurring task payroll-monthly is not known to the firm, so its notify-client flag is not on.',
    ]);
  });

  it('renders the client template of its path in the recipient’s language with the firm, file, case and a portal link', async () => {
    // Prepare
    rendered.length = 0;
    const e = engine(world({ path: 'process' }));

    // Act
    await e.notify(published(ulidOf(42)));

    // Assess: rendered once per channel delivered, never for a suppressed one
    expect(rendered).not.toHaveLength(0);
    for (const r of rendered)
      expect(r).toEqual({
        templateId: 'document.published',
        to: dora.id,
        vars: { firmName: 'Bright & Co', fileName: 'payslips.pdf', caseTitle: 'Payroll 2026' },
        link: `https://portal.test/cases/${CASE}/documents/${DOC}`,
      });
    rendered.length = 0;
    await engine(world({ path: 'portal' })).notify(published(ulidOf(43)));
    expect(rendered).toEqual([]);
  });

  it('plans nothing for a share that only removed contacts', async () => {
    const e = engine(world());
    await e.notify(shared(ulidOf(42), { added: [] }));
    expect(e.outcome(ulidOf(42))).toEqual([]);
  });
});
