// The portal demo's script: a contact signs in as a client portal does (opens the invitation link
// from the mail, gets a code mailed, types it; later visits: email + code) or with a dev-only demo
// token, sees its cases and the documents shared with it, downloads one (presigned GET), uploads a
// file straight to S3 (presigned POST, with upload progress) and reads its inbox; the staff view
// shows the client uploads of a case and the staff inbox. The inbox badge, the uploads list and the
// open chat update live (connectLive: the live channel's WebSocket), falling back to polling while
// the socket is down. Every API call goes through the typed client; the local stack bundles this
// file with esbuild when /portal-demo/app.js is requested.
import {
  acceptInvitation,
  connectLive,
  createPorticoClient,
  type EmailCodeStep,
  type LiveConnection,
  type LiveMessage,
  openInvitation,
  type PortalConfig,
  type PorticoClient,
  parsePortalConfig,
  type Schemas,
  SignInError,
  startEmailSignIn,
  type Tokens,
  tokenSession,
  uploadForm,
} from '../client/src/index';

interface DemoToken {
  user: string;
  kind: 'staff' | 'contact';
  name: string;
  token: string;
}

type View = 'contact' | 'staff';

type Result<T> =
  | { data: T; error?: never; response: Response }
  | { data?: never; error: unknown; response: Response };

class ApiError extends Error {
  constructor(what: string, status: number, body: unknown) {
    const detail = body as Partial<Schemas['ErrorBody']> | undefined;
    super(
      `${what} failed (${status}${detail?.code ? ` ${detail.code}` : ''}): ${detail?.message ?? 'no details'}`,
    );
  }
}

/** The data of a successful call, or an ApiError naming what failed and the API's code. */
async function must<T>(pending: Promise<Result<T>>, what: string): Promise<NonNullable<T>> {
  const { data, error, response } = await pending;
  if (error !== undefined || data === undefined || data === null)
    throw new ApiError(what, response.status, error);
  return data;
}

function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
}

/** A list item made of text cells (textContent only: names come from users) and optional buttons. */
function row(cells: string[], ...actions: HTMLElement[]): HTMLLIElement {
  const li = document.createElement('li');
  cells.forEach((text, i) => {
    const span = document.createElement('span');
    span.textContent = text;
    if (i === 0) span.className = 'grow';
    li.append(span);
  });
  li.append(...actions);
  return li;
}

function button(label: string, onClick: () => Promise<void>, disabled = false): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.disabled = disabled;
  b.addEventListener('click', () => void guard(onClick));
  return b;
}

const bytes = (n: number) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);
const when = (iso: string) => new Date(iso).toLocaleString();

const state: {
  view: View;
  tokens: DemoToken[];
  user?: DemoToken;
  api?: PorticoClient;
  cases: Schemas['PortalCaseView'][];
  caseId?: string;
  /** The open chat of the current case (its first thread). */
  threadId?: string;
  live?: LiveConnection;
} = { view: 'contact', tokens: [], cases: [] };

function showError(err: unknown) {
  const box = el('error');
  // A sign-in or invitation refusal carries a stable code the page could translate; shown as is here.
  box.textContent =
    err instanceof SignInError
      ? `${err.message} (${err.code})`
      : err instanceof Error
        ? err.message
        : String(err);
  box.hidden = false;
}

async function guard(action: () => Promise<void>) {
  el('error').hidden = true;
  try {
    await action();
  } catch (err) {
    showError(err);
  }
}

function api(): PorticoClient {
  if (!state.api) throw new Error('Sign in first.');
  return state.api;
}

// ── sign-in and views ──────────────────────────────────────────────────────────────────────────

async function loadTokens() {
  // A dev-only endpoint of the local stack (not part of the API): tokens of the seeded demo users.
  const res = await fetch('/local/tokens');
  if (!res.ok) throw new Error(`GET /local/tokens failed (${res.status})`);
  state.tokens = ((await res.json()) as { tokens: DemoToken[] }).tokens;
  fillUsers();
}

function fillUsers() {
  const select = el<HTMLSelectElement>('user');
  select.replaceChildren(
    ...state.tokens
      .filter((t) => t.kind === state.view)
      .map((t) => new Option(`${t.name} (${t.user})`, t.user)),
  );
}

function setView(view: View) {
  stopLive();
  state.view = view;
  state.user = undefined;
  state.api = undefined;
  el('view-contact').setAttribute('aria-pressed', String(view === 'contact'));
  el('view-staff').setAttribute('aria-pressed', String(view === 'staff'));
  el('contact').hidden = true;
  el('staff').hidden = true;
  el('whoami').textContent = '';
  fillUsers();
}

async function signIn() {
  const user = state.tokens.find((t) => t.user === el<HTMLSelectElement>('user').value);
  if (!user) throw new Error('Pick a demo user.');
  state.user = user;
  state.api = createPorticoClient({ baseUrl: location.origin, token: user.token });
  el('whoami').textContent = `Signed in as ${user.name}`;
  await showSignedIn();
  startLive(user.token);
}

async function showSignedIn() {
  el('contact').hidden = state.view !== 'contact';
  el('staff').hidden = state.view !== 'staff';
  if (state.view === 'contact') {
    await loadPortalCases();
    await loadContactInbox();
  } else {
    await loadStaffCases();
    await Promise.all([loadClientUploads(), loadStaffInbox()]);
  }
}

// ── client sign-in: invitation link, mailed code ───────────────────────────────────────────────

/** What `npm run portal-config` writes for an SPA; the local stack serves the same for the demo. */
let portalConfig: PortalConfig | undefined;
async function config(): Promise<PortalConfig> {
  if (!portalConfig) {
    const res = await fetch('/portal-demo/portal-config.json');
    if (!res.ok) throw new Error(`Loading the portal config failed (${res.status})`);
    portalConfig = parsePortalConfig(await res.json());
  }
  return portalConfig;
}

/** The invitation token of the link the mail points to (`…/accept?token=…`), if this is one. */
const invitationToken = () =>
  location.pathname.endsWith('/accept')
    ? (new URLSearchParams(location.search).get('token') ?? undefined)
    : undefined;

let pendingCode: { step: EmailCodeStep; invitation?: string } | undefined;

/** The link from the mail: who invites to what, and the code goes to the invited address. */
async function showInvitation(token: string) {
  const opened = await openInvitation(await config(), token);
  el('invitation').hidden = false;
  el('invitation-summary').textContent =
    `${opened.firmName} invites you to "${opened.caseTitle}". We will mail a sign-in code to ${opened.emailHint}.`;
  el('invitation-send-code').onclick = () =>
    void guard(async () => {
      const step = await startEmailSignIn(await config(), { username: opened.username });
      askForCode(step, token);
    });
}

function askForCode(step: EmailCodeStep, invitation?: string) {
  pendingCode = { step, ...(invitation ? { invitation } : {}) };
  el('code-form').hidden = false;
  el('code-status').textContent = `We mailed a code to ${step.destination}. It works for a few minutes.`;
  el<HTMLInputElement>('signin-code').focus();
}

async function answerCode(e: SubmitEvent) {
  e.preventDefault();
  if (!pendingCode) throw new Error('Ask for a code first.');
  const code = el<HTMLInputElement>('signin-code').value.trim();
  // A wrong code throws `wrong_code` and the same step can be answered again.
  const tokens = await pendingCode.step.answer(code);
  const invitation = pendingCode.invitation;
  pendingCode = undefined;
  el('code-form').hidden = true;
  el<HTMLInputElement>('signin-code').value = '';
  el('code-status').textContent = '';
  if (invitation) {
    await acceptInvitation(await config(), invitation, tokens.idToken);
    el('invitation').hidden = true;
    // The link is used up: the page's address no longer carries it.
    history.replaceState(null, '', '/portal-demo/');
  }
  await signedInWithCode(tokens);
}

async function signedInWithCode(tokens: Tokens) {
  const session = tokenSession(await config(), 'contact', tokens);
  setView('contact');
  state.api = createPorticoClient({ baseUrl: location.origin, token: () => session.idToken() });
  el('whoami').textContent = `Signed in as ${emailOf(tokens.idToken)}`;
  await showSignedIn();
  startLive(() => session.idToken());
}

/** The ID token's `email` claim, for the greeting only (the API verifies the token, not this page). */
function emailOf(idToken: string): string {
  const payload = idToken.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return (JSON.parse(json) as { email?: string }).email ?? 'a client';
}

// ── contact: cases, documents, download, upload ───────────────────────────────────────────────

const currentCase = () => state.cases.find((c) => c.caseId === state.caseId);

async function loadPortalCases() {
  const page = await must(
    api().GET('/portal/cases', { params: { query: { limit: 100 } } }),
    'Listing your cases',
  );
  state.cases = page.items;
  if (!currentCase()) state.caseId = state.cases[0]?.caseId;
  renderCases();
  await Promise.all([loadPortalDocuments(), loadChat()]);
}

function renderCases() {
  el('cases').replaceChildren(
    ...state.cases.map((c) => {
      const li = row(
        [c.title, c.firmName, `${c.role}${c.canUpload ? ', may upload' : ''}`, `${c.sharedCount} shared`],
        button('Open', async () => {
          state.caseId = c.caseId;
          renderCases();
          await Promise.all([loadPortalDocuments(), loadChat()]);
        }),
      );
      li.dataset.caseId = c.caseId;
      if (c.caseId === state.caseId) li.classList.add('selected');
      return li;
    }),
  );
  const c = currentCase();
  el('case-title').textContent = c ? `— ${c.title}` : '';
  el('upload-denied').hidden = !c || c.canUpload;
  el('upload-form').hidden = !c?.canUpload;
}

async function loadPortalDocuments(): Promise<Schemas['DocumentView'][]> {
  const c = currentCase();
  if (!c) {
    el('documents').replaceChildren();
    return [];
  }
  const page = await must(
    api().GET('/portal/cases/{caseId}/documents', {
      params: { path: { caseId: c.caseId }, query: { limit: 100 } },
    }),
    'Listing the documents',
  );
  el('documents').replaceChildren(
    ...page.items.map((d) => {
      const li = row(
        [d.name, d.source === 'client' ? 'uploaded by you' : `from ${d.uploadedBy.name}`, bytes(d.size)],
        button('Download', () => download(c.caseId, d), !c.canDownload),
      );
      li.dataset.documentId = d.documentId;
      return li;
    }),
  );
  return page.items;
}

/** Presigned GET, fetched cross-origin from S3 (the bucket's CORS allows this origin), then saved. */
async function download(caseId: string, d: Schemas['DocumentView']) {
  const link = await must(
    api().GET('/portal/cases/{caseId}/documents/{documentId}/download', {
      params: { path: { caseId, documentId: d.documentId } },
    }),
    `Downloading ${d.name}`,
  );
  const res = await fetch(link.url);
  if (!res.ok) throw new Error(`Downloading ${d.name} from storage failed (${res.status})`);
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = d.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  el('download-status').textContent = `Downloaded ${d.name} (${blob.size} bytes)`;
}

function setProgress(percent: number) {
  el<HTMLProgressElement>('upload-progress').value = percent;
  el('upload-percent').textContent = `${percent}%`;
}

/** The presigned POST straight to S3 with XMLHttpRequest, whose upload events report progress. */
function postToS3(url: string, form: FormData): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    });
    xhr.upload.addEventListener('load', () => setProgress(100));
    xhr.addEventListener('load', () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new Error(`Storage refused the upload (${xhr.status}): ${xhr.responseText.slice(0, 200)}`)),
    );
    xhr.addEventListener('error', () => reject(new Error('The upload to storage failed (network or CORS).')));
    xhr.send(form);
  });
}

async function upload(event: SubmitEvent) {
  event.preventDefault();
  const c = currentCase();
  const file = el<HTMLInputElement>('file').files?.[0];
  if (!c || !file) throw new Error('Choose a case and a file first.');
  const status = el('upload-status');
  setProgress(0);
  status.textContent = `Uploading ${file.name}…`;
  el<HTMLButtonElement>('upload-button').disabled = true;
  try {
    const ticket = await must(
      api().POST('/portal/cases/{caseId}/uploads', {
        params: { path: { caseId: c.caseId } },
        body: {
          fileName: file.name,
          contentType: (file.type || 'application/octet-stream') as Schemas['UploadBody']['contentType'],
          size: file.size,
        },
      }),
      `Starting the upload of ${file.name}`,
    );
    await postToS3(ticket.url, uploadForm(ticket, file, file.name));
    status.textContent = `Uploaded ${file.name}; checking it…`;
    // Ingest runs on S3's "Object Created" event; the document it records carries the upload's id.
    for (let attempt = 0; attempt < 40; attempt++) {
      const docs = await loadPortalDocuments();
      if (docs.some((d) => d.documentId === ticket.uploadId)) {
        status.textContent = `${file.name} is in the case documents.`;
        await loadPortalCases();
        return;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    status.textContent = `${file.name} was uploaded but is not listed yet (it may have been refused by the checks).`;
  } finally {
    el<HTMLButtonElement>('upload-button').disabled = false;
  }
}

// ── inboxes ────────────────────────────────────────────────────────────────────────────────────

function renderInbox(
  listId: string,
  badgeId: string,
  items: Schemas['InboxItemView'][],
  unread: number,
  markRead: (itemId: string) => Promise<void>,
) {
  const badge = el(badgeId);
  badge.textContent = String(unread);
  badge.dataset.count = String(unread);
  if (items.length === 0) {
    el(listId).replaceChildren(row(['No notifications.']));
    return;
  }
  el(listId).replaceChildren(
    ...items.map((item) => {
      const li = row(
        [item.title, item.body, when(item.createdAt)],
        button('Mark read', () => markRead(item.itemId), item.readAt !== undefined),
      );
      li.dataset.itemId = item.itemId;
      li.dataset.type = item.type;
      if (!item.readAt) li.classList.add('unread');
      return li;
    }),
  );
}

async function loadContactInbox() {
  const [page, count] = await Promise.all([
    must(api().GET('/portal/inbox', { params: { query: { limit: 20 } } }), 'Reading your inbox'),
    must(api().GET('/portal/inbox/unread-count'), 'Counting unread items'),
  ]);
  renderInbox('contact-inbox', 'contact-unread', page.items, count.unread, async (itemId) => {
    await must(api().POST('/portal/inbox/{itemId}/read', { params: { path: { itemId } } }), 'Marking read');
    await loadContactInbox();
  });
}

async function loadStaffInbox() {
  const [page, count] = await Promise.all([
    must(api().GET('/inbox', { params: { query: { limit: 20 } } }), 'Reading the inbox'),
    must(api().GET('/inbox/unread-count'), 'Counting unread items'),
  ]);
  renderInbox('staff-inbox', 'staff-unread', page.items, count.unread, async (itemId) => {
    await must(api().POST('/inbox/{itemId}/read', { params: { path: { itemId } } }), 'Marking read');
    await loadStaffInbox();
  });
}

/** The current case's first chat thread, its messages oldest first. */
async function loadChat() {
  const c = currentCase();
  const threads = c
    ? await must(
        api().GET('/portal/cases/{caseId}/threads', {
          params: { path: { caseId: c.caseId }, query: { limit: 1 } },
        }),
        'Listing the chats',
      )
    : { items: [] };
  const thread = threads.items[0];
  state.threadId = thread?.threadId;
  el('chat-subject').textContent = thread ? `— ${thread.subject}` : '(none)';
  if (!c || !thread) {
    el('chat-messages').replaceChildren();
    return;
  }
  const page = await must(
    api().GET('/portal/cases/{caseId}/threads/{threadId}/messages', {
      params: { path: { caseId: c.caseId, threadId: thread.threadId }, query: { limit: 100 } },
    }),
    'Reading the chat',
  );
  el('chat-messages').replaceChildren(
    ...page.items.map((m) => {
      const li = row([m.author.name, m.text, when(m.createdAt)]);
      li.dataset.messageId = m.messageId;
      return li;
    }),
  );
}

// ── the live channel: hints that something shown changed; the page reads it back ──────────────

function startLive(token: string | (() => string | undefined | Promise<string | undefined>)) {
  stopLive();
  const status = el('live-status');
  state.live = connectLive({
    baseUrl: location.origin,
    token,
    portal: state.view === 'contact',
    onStatus: (s) => {
      status.dataset.status = s;
      status.textContent = `live: ${s === 'open' ? 'on' : s}`;
    },
    onMessage: (m) => void guard(() => onLive(m)),
  });
}

function stopLive() {
  state.live?.close();
  state.live = undefined;
}

async function onLive(m: LiveMessage) {
  if (state.view === 'staff') {
    if (m.type === 'inbox.item' || m.type === 'inbox.unread')
      await Promise.all([loadStaffInbox(), loadClientUploads()]);
    return;
  }
  switch (m.type) {
    case 'inbox.item':
    case 'inbox.unread':
      await loadContactInbox();
      return;
    case 'thread.message':
    case 'thread.tasks':
      if (m.data.caseId === state.caseId) await loadChat();
      return;
    case 'access.revoked':
      await loadPortalCases();
      return;
  }
}

// ── staff: the case's client uploads ───────────────────────────────────────────────────────────

async function loadStaffCases() {
  const page = await must(api().GET('/cases', { params: { query: { limit: 100 } } }), 'Listing the cases');
  const select = el<HTMLSelectElement>('staff-case');
  select.replaceChildren(...page.items.map((c) => new Option(c.title, c.caseId)));
  // Keep the case the contact view was on, so the demo flows from one view to the other.
  if (state.caseId && page.items.some((c) => c.caseId === state.caseId)) select.value = state.caseId;
}

async function loadClientUploads() {
  const caseId = el<HTMLSelectElement>('staff-case').value;
  if (!caseId) return;
  const page = await must(
    api().GET('/cases/{caseId}/documents', {
      params: { path: { caseId }, query: { source: 'client', limit: 100 } },
    }),
    'Listing the client uploads',
  );
  el('client-uploads').replaceChildren(
    ...page.items.map((d) => {
      const li = row([d.name, `by ${d.uploadedBy.name}`, bytes(d.size), when(d.createdAt)]);
      li.dataset.documentId = d.documentId;
      return li;
    }),
  );
}

// ── wiring ─────────────────────────────────────────────────────────────────────────────────────

el('view-contact').addEventListener('click', () => setView('contact'));
el('view-staff').addEventListener('click', () => setView('staff'));
el('sign-in').addEventListener('click', () => void guard(signIn));
el('email-send-code').addEventListener(
  'click',
  () =>
    void guard(async () => {
      const email = el<HTMLInputElement>('signin-email').value.trim();
      if (!email) throw new Error('Type the email address your firm invited.');
      askForCode(await startEmailSignIn(await config(), { email }));
    }),
);
el<HTMLFormElement>('code-form').addEventListener('submit', (e) => void guard(() => answerCode(e)));
el<HTMLFormElement>('upload-form').addEventListener('submit', (e) => void guard(() => upload(e)));
el('contact-read-all').addEventListener(
  'click',
  () =>
    void guard(async () => {
      await must(api().POST('/portal/inbox/read-all'), 'Marking all read');
      await loadContactInbox();
    }),
);
el('staff-read-all').addEventListener(
  'click',
  () =>
    void guard(async () => {
      await must(api().POST('/inbox/read-all'), 'Marking all read');
      await loadStaffInbox();
    }),
);
el('staff-case').addEventListener('change', () => void guard(loadClientUploads));
el('staff-refresh').addEventListener(
  'click',
  () => void guard(() => Promise.all([loadClientUploads(), loadStaffInbox()]).then(() => undefined)),
);

// Notifications arrive asynchronously (stream → bus → notify): while the live channel is down, the
// open inbox refreshes itself.
let refreshing = false;
setInterval(() => {
  if (!state.api || refreshing || document.hidden || state.live?.status() === 'open') return;
  refreshing = true;
  const refresh =
    state.view === 'contact' ? loadContactInbox() : Promise.all([loadStaffInbox(), loadClientUploads()]);
  void refresh.catch(showError).finally(() => {
    refreshing = false;
  });
}, 3000);

void guard(loadTokens);
const opened = invitationToken();
if (opened) void guard(() => showInvitation(opened));
