// The digest run (with an in-memory store that keeps the DynamoDB adapter's conditions) and the
// digest email. The sink's own guarantees (idempotent add, an entry during sending opens the next
// window) are tested against DynamoDB Local in test/integration/digest.test.ts.
import { describe, expect, it } from 'vitest';
import {
  DIGEST_LEASE_MS,
  type DigestItem,
  type DigestRef,
  type DigestStore,
  type DigestWindow,
  digestRunner,
} from '../../functions/domain/digests';
import type { Mail } from '../../functions/notify/core';
import { DIGEST_LIST_MAX, digestMail, supportedLocale } from '../../functions/notify/digest-mail';

const OPENED = new Date('2026-03-02T10:00:00.000Z');
const minutes = (n: number) => new Date(OPENED.getTime() + n * 60_000);

function windowOf(over: Partial<DigestWindow> = {}): DigestWindow {
  return {
    firmId: 'F1',
    recipientKey: 'staff-U1',
    category: 'documents',
    windowId: 'W1',
    status: 'open',
    recipient: { kind: 'staff', id: 'U1', name: 'Ana', email: 'ana@firm.test' },
    windowMinutes: 5,
    openedAt: OPENED.toISOString(),
    dueAt: minutes(5).toISOString(),
    entryCount: 0,
    ...over,
  };
}

const upload = (n: number, over: Partial<DigestItem> = {}): DigestItem => ({
  eventId: `E${String(n).padStart(3, '0')}`,
  type: 'document.uploaded',
  caseId: 'C1',
  subject: `Dora uploaded file-${n}.pdf`,
  title: 'New client upload',
  body: `Dora uploaded file-${n}.pdf to Payroll`,
  link: 'https://app.example/cases/C1/documents',
  at: OPENED.toISOString(),
  ...over,
});

/** DigestStore in memory: the due index lists unsent windows (or, with `lagging`, every window). */
function memoryStore(opts: { lagging?: boolean } = {}) {
  const windows = new Map<string, DigestWindow>();
  const entries = new Map<string, DigestItem[]>();
  const faults = { markSent: 0, entries: 0 };
  const store: DigestStore = {
    async due(shard, dueBy) {
      const items = [...windows.values()]
        .filter((w) => (opts.lagging || w.status !== 'sent') && w.dueAt <= dueBy && shard === 0)
        .map(({ firmId, recipientKey, category, windowId }) => ({
          firmId,
          recipientKey,
          category,
          windowId,
        }));
      return { items };
    },
    async window(ref) {
      const w = windows.get(ref.windowId);
      return w ? structuredClone(w) : undefined;
    },
    async claim(ref, now, leaseUntil) {
      const w = windows.get(ref.windowId)!;
      const free =
        w.status === 'open' ||
        (w.status === 'sending' && (w.leaseUntil === undefined || w.leaseUntil < now.getTime()));
      if (!free) return false;
      Object.assign(w, { status: 'sending', leaseUntil, attempts: (w.attempts ?? 0) + 1 });
      return true;
    },
    async entries(ref) {
      if (faults.entries > 0) {
        faults.entries--;
        throw new Error('read failed');
      }
      return entries.get(ref.windowId) ?? [];
    },
    async markSent(ref, leaseUntil, sent) {
      if (faults.markSent > 0) {
        faults.markSent--;
        throw new Error('ProvisionedThroughputExceededException');
      }
      const w = windows.get(ref.windowId)!;
      if (w.status !== 'sending' || w.leaseUntil !== leaseUntil) throw new Error('ConditionalCheckFailed');
      Object.assign(w, { status: 'sent', leaseUntil: undefined, ...sent });
    },
    async release(ref, leaseUntil, failure) {
      const w = windows.get(ref.windowId)!;
      if (w.status === 'sending' && w.leaseUntil === leaseUntil)
        Object.assign(w, { leaseUntil: undefined, lastError: failure.error });
    },
    async firmLocale() {
      return undefined;
    },
  };
  const add = (w: DigestWindow, items: DigestItem[]) => {
    windows.set(w.windowId, { ...w, entryCount: items.length });
    entries.set(w.windowId, items);
  };
  return { store, windows, add, faults };
}

function recordingMailer(failures = 0) {
  const sent: Mail[] = [];
  let left = failures;
  return {
    sent,
    async send(mail: Mail) {
      if (left > 0) {
        left--;
        throw new Error('SES throttled');
      }
      sent.push(mail);
      return { messageId: `m-${sent.length}` };
    },
  };
}

function runnerAt(store: DigestStore, mailer: ReturnType<typeof recordingMailer>, at: Date) {
  return digestRunner({ digests: store, mailer, render: digestMail, clock: { now: () => at }, shards: 4 });
}

describe('Function: digests run', () => {
  it('mails a due burst as one email listing every entry, then nothing on the next run', async () => {
    // Prepare
    const { store, windows, add } = memoryStore();
    add(
      windowOf(),
      Array.from({ length: 10 }, (_, i) => upload(i + 1)),
    );
    const mailer = recordingMailer();

    // Act
    const first = await runnerAt(store, mailer, minutes(6))();
    const second = await runnerAt(store, mailer, minutes(7))();

    // Assess
    expect(first).toMatchObject({ due: 1, sent: 1, skipped: 0, failures: [] });
    expect(second).toMatchObject({ due: 0, sent: 0 });
    expect(mailer.sent).toHaveLength(1);
    const mail = mailer.sent[0]!;
    expect(mail.to).toBe('ana@firm.test');
    expect(mail.subject).toBe('10 new files');
    for (let i = 1; i <= 10; i++) expect(mail.text).toContain(`- Dora uploaded file-${i}.pdf`);
    expect(windows.get('W1')).toMatchObject({ status: 'sent', messageId: 'm-1' });
  });

  it('leaves a window alone until it is due, even when the index lists it early', async () => {
    // Prepare: the index is read with `dueBy`; a window whose item says later is not served
    const { store, add } = memoryStore();
    add(windowOf({ dueAt: minutes(5).toISOString() }), [upload(1)]);
    const mailer = recordingMailer();

    // Act
    const early = await runnerAt(store, mailer, minutes(4))();
    const due = await runnerAt(store, mailer, minutes(5))();

    // Assess
    expect(early.due).toBe(0);
    expect(due.sent).toBe(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it('mails a window once when two runs find it at the same time, or the index still lists it sent', async () => {
    // Prepare
    const { store, add } = memoryStore({ lagging: true });
    add(windowOf(), [upload(1), upload(2)]);
    const mailer = recordingMailer();

    // Act
    const runs = await Promise.all([
      runnerAt(store, mailer, minutes(6))(),
      runnerAt(store, mailer, minutes(6))(),
    ]);
    const late = await runnerAt(store, mailer, minutes(8))();

    // Assess
    expect(runs.map((r) => r.sent).sort()).toEqual([0, 1]);
    expect(late).toMatchObject({ due: 1, sent: 0, skipped: 1 });
    expect(mailer.sent).toHaveLength(1);
  });

  it('retries a failed send on the next run (the claim is released) and then mails it once', async () => {
    // Prepare
    const { store, windows, add } = memoryStore();
    add(windowOf(), [upload(1)]);
    const mailer = recordingMailer(1);

    // Act
    const failed = await runnerAt(store, mailer, minutes(6))();
    const retried = await runnerAt(store, mailer, minutes(7))();
    const again = await runnerAt(store, mailer, minutes(8))();

    // Assess
    expect(failed.failures).toEqual([{ windowId: 'W1', error: 'Error: SES throttled' }]);
    expect(retried.sent).toBe(1);
    expect(again.sent).toBe(0);
    expect(mailer.sent).toHaveLength(1);
    expect(windows.get('W1')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('does not mail twice when a run crashed holding the claim: the next runs wait for its lease to lapse', async () => {
    // Prepare: a run claimed the window and died before it could send (its lease is live)
    const { store, windows, add, faults } = memoryStore();
    add(windowOf(), [upload(1)]);
    faults.entries = 1; // the crashed run's read fails after the claim...
    const mailer = recordingMailer();
    await runnerAt(store, mailer, minutes(6))();
    windows.get('W1')!.leaseUntil = minutes(6).getTime() + DIGEST_LEASE_MS; // ...and its release never happened

    // Act
    const during = await runnerAt(store, mailer, minutes(7))();
    const after = await runnerAt(store, mailer, new Date(minutes(6).getTime() + DIGEST_LEASE_MS + 1))();

    // Assess
    expect(during).toMatchObject({ due: 1, sent: 0, skipped: 1 });
    expect(after.sent).toBe(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it('records a sent mail in place when the first writes fail, without mailing it again', async () => {
    // Prepare
    const { store, windows, add, faults } = memoryStore();
    add(windowOf(), [upload(1)]);
    faults.markSent = 2;
    const mailer = recordingMailer();

    // Act
    const run = await runnerAt(store, mailer, minutes(6))();
    const next = await runnerAt(store, mailer, minutes(7))();

    // Assess
    expect(run).toMatchObject({ sent: 1, failures: [] });
    expect(next.due).toBe(0);
    expect(mailer.sent).toHaveLength(1);
    expect(windows.get('W1')!.status).toBe('sent');
  });

  it('keeps the claim when a mailed window cannot be recorded, so no run mails it again before the lease lapses', async () => {
    // Prepare
    const { store, windows, add, faults } = memoryStore();
    add(windowOf(), [upload(1)]);
    faults.markSent = 100;
    const mailer = recordingMailer();

    // Act
    const run = await runnerAt(store, mailer, minutes(6))();
    const next = await runnerAt(store, mailer, minutes(7))();

    // Assess
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]!.error).toMatch(/^mailed \(m-1\) but not recorded/);
    expect(next).toMatchObject({ sent: 0, skipped: 1 });
    expect(mailer.sent).toHaveLength(1);
    expect(windows.get('W1')!.status).toBe('sending');
  });

  it('pages through every shard of the due index', async () => {
    // Prepare: a store whose index answers two pages on shard 3 only
    const { store, add } = memoryStore();
    add(windowOf({ windowId: 'W1' }), [upload(1)]);
    add(windowOf({ windowId: 'W2' }), [upload(2)]);
    const asked: string[] = [];
    const paged: DigestStore = {
      ...store,
      async due(shard, _dueBy, page) {
        asked.push(`${shard}:${page.nextToken ?? ''}`);
        const ref = (windowId: string): DigestRef => ({
          firmId: 'F1',
          recipientKey: 'staff-U1',
          category: 'documents',
          windowId,
        });
        if (shard !== 3) return { items: [] };
        return page.nextToken ? { items: [ref('W2')] } : { items: [ref('W1')], nextToken: 'p2' };
      },
    };
    const mailer = recordingMailer();

    // Act
    const run = await runnerAt(paged, mailer, minutes(6))();

    // Assess
    expect(asked).toEqual(['0:', '1:', '2:', '3:', '3:p2']);
    expect(run).toMatchObject({ due: 2, sent: 2 });
  });
});

describe('Module: digest mail', () => {
  it('counts with ICU plurals in en, es and pt-BR, with the window in the intro and footer', () => {
    const one = [upload(1)];
    const three = [upload(1), upload(2), upload(3)];
    const mail = (locale: string, items: DigestItem[], category: DigestWindow['category'] = 'documents') =>
      digestMail(
        windowOf({
          recipient: { kind: 'staff', id: 'U1', name: 'Ana', email: 'a@x.test', locale },
          category,
        }),
        items,
      );

    expect(mail('en', one).subject).toBe('1 new file');
    expect(mail('en', three).subject).toBe('3 new files');
    expect(mail('es', one).subject).toBe('1 archivo nuevo');
    expect(mail('es', three).subject).toBe('3 archivos nuevos');
    expect(mail('pt-BR', one).subject).toBe('1 novo arquivo');
    expect(mail('pt-BR', three).subject).toBe('3 novos arquivos');
    expect(mail('en', three, 'tasks').subject).toBe('3 task updates');
    expect(mail('pt-BR', three, 'discussions').subject).toBe('3 atualizações em discussões');
    expect(mail('en', three).text).toContain('Here is what happened in the last 5 minutes:');
    expect(mail('es', three).text).toContain('Esto es lo que pasó en los últimos 5 minutos:');
    expect(mail('pt-BR', three).text).toContain('a cada 5 minutos');
  });

  it("uses the recipient's locale, else the firm's, else English, matching by language", () => {
    expect(supportedLocale('pt')).toBe('pt-BR');
    expect(supportedLocale('pt-PT')).toBe('pt-BR');
    expect(supportedLocale('es-MX')).toBe('es');
    expect(supportedLocale('EN')).toBe('en');
    expect(supportedLocale('de')).toBeUndefined();
    expect(digestMail(windowOf(), [upload(1)], 'es').subject).toBe('1 archivo nuevo');
    const german = windowOf({
      recipient: { kind: 'staff', id: 'U1', name: 'A', email: 'a@x.test', locale: 'de' },
    });
    expect(digestMail(german, [upload(1)], 'pt-BR').subject).toBe('1 novo arquivo');
    expect(digestMail(german, [upload(1)], 'fr').subject).toBe('1 new file');
  });

  it('lists each entry with its own link in text and HTML, escaping what people named their files', () => {
    // Prepare
    const items = [
      upload(1, {
        subject: 'Dora uploaded <script>x</script>.pdf',
        link: 'https://app.example/cases/C1/documents',
      }),
      upload(2, { subject: 'Dora uploaded {count}.pdf', link: 'https://app.example/cases/C2/documents' }),
      upload(3, { subject: 'Evil link', link: 'javascript:alert(1)' }),
    ];

    // Act
    const mail = digestMail(windowOf(), items);

    // Assess
    expect(mail.text).toContain(
      '- Dora uploaded <script>x</script>.pdf https://app.example/cases/C1/documents',
    );
    expect(mail.text).toContain('- Dora uploaded {count}.pdf https://app.example/cases/C2/documents');
    expect(mail.text).toContain('- Evil link\n');
    expect(mail.html).toContain(
      '<a href="https://app.example/cases/C1/documents" style="color:#1d4ed8">Dora uploaded &lt;script&gt;x&lt;/script&gt;.pdf</a>',
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('javascript:');
    // Entries lead to different pages: no single button
    expect(mail.text).not.toContain('Open: ');
  });

  it('adds one button when every entry leads to the same page, and counts entries beyond the list', () => {
    // Prepare
    const items = Array.from({ length: DIGEST_LIST_MAX + 12 }, (_, i) => upload(i + 1));

    // Act
    const mail = digestMail(windowOf(), items);

    // Assess
    expect(mail.subject).toBe(`${DIGEST_LIST_MAX + 12} new files`);
    expect(mail.text).toContain(`- Dora uploaded file-${DIGEST_LIST_MAX}.pdf`);
    expect(mail.text).not.toContain(`file-${DIGEST_LIST_MAX + 1}.pdf`);
    expect(mail.text).toContain('- …and 12 more.');
    expect(mail.text).toContain('Open: https://app.example/cases/C1/documents');
  });
});
