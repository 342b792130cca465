// The state the benchmark's route calls need, built once per run through the real group handlers
// (and local S3 / local SES where a flow crosses them): a fresh firm with staff, a case, contacts,
// grants, an accepted invitation, a document, inbox items. Each piece is built on first use; when
// a piece cannot be built (a feature is missing or does not behave yet) every route
// needing it is reported as skipped with the reason.
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ulid } from 'ulid';
import type { RouteGroup } from '../functions/http/route';
import { type RouteId, routes } from '../functions/http/routes';
import { firmAdminStore } from '../functions/store/firm';
import { tableFromEnv } from '../functions/wiring/table';
import type { GroupHandler } from '../local/gateway';
import { groupHandlers } from '../local/handlers';
import { lambdaContext } from '../local/lambda-context';
import { type Claims, contactClaims, type HttpCall, httpEvent, staffClaims } from './events';
import type { BenchStack } from './stack';

/** A piece of state could not be built: the routes that need it are skipped with this reason. */
export class SetupError extends Error {
  override name = 'SetupError';
}

/** A response body: the fields the set-up steps read (everything else stays unknown). */
export type ApiBody = { code?: string; message?: string; items?: Record<string, unknown>[] } & Record<
  string,
  unknown
>;

export interface ApiResult {
  status: number;
  body: ApiBody;
}

export interface Staff {
  userId: string;
  email: string;
  claims: Claims;
}
export interface PortalContact {
  contactId: string;
  email: string;
  identityId: string;
  claims: Claims;
}

/** A small PDF: ingest checks the first bytes against the declared type. */
export const PDF = Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n${'x'.repeat(200)}\n`);

/** The client tasks of the bench thread: each task-changing fixture gets its own. */
const THREAD_TASKS = [
  'edit',
  'delete',
  'move',
  'moveAfter',
  'complete',
  'reopen',
  'portalComplete',
  'portalReopen',
] as const;
type ThreadTask = (typeof THREAD_TASKS)[number];

export class World {
  private readonly handlers = new Map<RouteGroup, Promise<GroupHandler>>();
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(readonly stack: BenchStack) {}

  /** The group's Lambda entry (functions/handlers/<group>.ts), as the gateway runs it. */
  handler(group: RouteGroup): Promise<GroupHandler> {
    let h = this.handlers.get(group);
    if (!h) {
      h = groupHandlers[group]().then(
        (m) => m.handler as GroupHandler,
        (err: Error) => {
          throw new SetupError(
            `functions/handlers/${group}.ts cannot be loaded: ${err.message.split('\n')[0]}`,
          );
        },
      );
      this.handlers.set(group, h);
    }
    return h;
  }

  /** One call of a route through its group handler, in this process. */
  async api(id: RouteId, call: HttpCall): Promise<ApiResult> {
    const route = routes[id];
    const handler = await this.handler(route.group);
    const res = await handler(
      httpEvent(route, call) as APIGatewayProxyEventV2WithJWTAuthorizer,
      lambdaContext(`portico-${route.group}`),
    );
    return { status: res.statusCode ?? 200, body: res.body ? JSON.parse(res.body) : undefined };
  }

  /** Like api(), for set-up steps: anything but the route's success status is a SetupError. */
  async must(id: RouteId, call: HttpCall): Promise<ApiBody> {
    const res = await this.api(id, call);
    if (res.status !== routes[id].response.status) {
      throw new SetupError(
        `set-up call ${id} answered ${res.status} ${res.body?.code ?? ''}: ${res.body?.message ?? ''}`.trim(),
      );
    }
    return res.body;
  }

  /** Staff claims for a route: the firm admin's where the route needs the admin role, else the case owner's. */
  async staffClaims(id: RouteId): Promise<Claims> {
    const f = await this.firm();
    return routes[id].auth === 'admin' ? f.admin.claims : f.owner.claims;
  }

  private once<T>(name: string, build: () => Promise<T>): Promise<T> {
    let p = this.memo.get(name) as Promise<T> | undefined;
    if (!p) {
      p = build();
      this.memo.set(name, p);
    }
    return p;
  }

  /** Waits until stream → bus → notify/ingest processed everything written so far. */
  settle(): Promise<void> {
    return this.stack.settle();
  }

  firm() {
    return this.once('firm', async () => {
      const firmId = ulid();
      const admin = firmAdminStore(await tableFromEnv());
      const now = new Date().toISOString();
      await admin.putFirm({
        firmId,
        name: 'Bench Firm',
        locale: 'en',
        portalUrl: 'http://localhost:5173',
        createdAt: now,
      });
      const user = async (role: 'admin' | 'staff', label: string): Promise<Staff> => {
        const userId = ulid();
        const email = `${label}.${firmId.toLowerCase()}@bench.test`;
        await admin.putStaffUser({
          firmId,
          userId,
          name: `${label} of Bench Firm`,
          email,
          role,
          createdAt: now,
        });
        return { userId, email, claims: staffClaims(firmId, userId, role) };
      };
      return {
        firmId,
        admin: await user('admin', 'admin'),
        owner: await user('staff', 'owner'),
        staff2: await user('staff', 'staff2'),
      };
    });
  }

  /** A case owned by `owner`. */
  caseId() {
    return this.once('case', async () => {
      const f = await this.firm();
      const c = await this.must('createCase', {
        claims: await this.staffClaims('createCase'),
        body: { title: 'Bench case', reference: 'BENCH-1', ownerId: f.owner.userId },
      });
      return c.caseId as string;
    });
  }

  /** A new case of its own, for a route that changes the case (rename, close) without touching the shared one. */
  async newCase(label: string): Promise<string> {
    const c = await this.must('createCase', {
      claims: await this.staffClaims('createCase'),
      body: { title: `Bench ${label}` },
    });
    return c.caseId as string;
  }

  /** A staff user invited through the API (a staff-pool login and its record), so no principal is changed. */
  async invitedStaff(label: string): Promise<{ userId: string }> {
    const res = await this.must('inviteStaff', {
      claims: await this.staffClaims('inviteStaff'),
      body: {
        email: `${label}.${ulid().toLowerCase()}@bench.test`,
        name: `Staff ${label}`,
        role: 'staff',
        language: 'en',
      },
    });
    return { userId: (res.user as { userId: string }).userId };
  }

  /** A new contact of the firm (not granted anything). */
  async newContact(label: string): Promise<{ contactId: string; email: string }> {
    const email = `${label}.${ulid().toLowerCase()}@client.test`;
    const c = await this.must('createContact', {
      claims: await this.staffClaims('createContact'),
      body: { name: `Contact ${label}`, email, locale: 'en' },
    });
    return { contactId: c.contactId as string, email };
  }

  /** A contact with an invited (not accepted) collaborator grant on the case. */
  grantedContact(name = 'granted') {
    return this.once(`granted:${name}`, async () => {
      const caseId = await this.caseId();
      const c = await this.newContact(name);
      await this.must('putGrant', {
        claims: await this.staffClaims('putGrant'),
        params: { caseId, contactId: c.contactId },
        body: { role: 'collaborator', canDownload: true, canUpload: true },
      });
      return c;
    });
  }

  /** A collaborator who accepted the mailed invitation: a portal identity bound to the contact. */
  portalContact() {
    return this.once('portal', async (): Promise<PortalContact> => {
      const c = await this.grantedContact('portal');
      const token = await this.invitationToken(c.email);
      const identityId = `bench-identity-${ulid()}`;
      const claims = contactClaims(identityId, c.email);
      await this.must('acceptInvitation', { claims, body: { token } });
      return { ...c, identityId, claims };
    });
  }

  /** The accept token of the latest invitation mailed to `email` (local SES). */
  async invitationToken(email: string): Promise<string> {
    await this.settle();
    const res = await fetch(`${this.stack.urls.mail}/store`);
    const { emails } = (await res.json()) as {
      emails: { destination: { to: string[] }; body: { text?: string } }[];
    };
    const mail = emails.filter((m) => m.destination.to.includes(email)).at(-1);
    const match = mail && /\/accept\?token=([A-Za-z0-9_.%-]+)/.exec(mail.body.text ?? '');
    if (!match) throw new SetupError(`no invitation with an accept token was mailed to ${email}`);
    return decodeURIComponent(match[1]!);
  }

  /** Presigned POST of a PDF to the local S3 (what a browser does with an UploadView). */
  async postFile(upload: ApiBody, fileName: string): Promise<void> {
    const { url, fields } = upload as { url: string; fields: Record<string, string> };
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), fileName);
    const res = await fetch(url, { method: 'POST', body: form });
    if (res.status >= 300)
      throw new SetupError(`presigned POST answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }

  uploadBody(fileName: string) {
    return { fileName, contentType: 'application/pdf', size: PDF.length };
  }

  /** A firm document of the case, uploaded by the owner and recorded by ingest. */
  documentId() {
    return this.once('document', () => this.newDocumentId('bench-firm.pdf'));
  }

  /** Another firm document of the case (each call a new one), for a fixture that changes it. */
  async newDocumentId(fileName: string) {
    const caseId = await this.caseId();
    const upload = await this.must('createUpload', {
      claims: await this.staffClaims('createUpload'),
      params: { caseId },
      body: this.uploadBody(fileName),
    });
    await this.postFile(upload, fileName);
    await this.settle();
    const list = await this.must('listDocuments', {
      claims: await this.staffClaims('listDocuments'),
      params: { caseId },
    });
    const doc = (list.items as { documentId: string; name: string }[]).find((d) => d.name === fileName);
    if (!doc) throw new SetupError('the uploaded document was not recorded by ingest');
    return doc.documentId;
  }

  /** A document shared with the portal contact. */
  sharedDocumentId() {
    return this.once('shared', async () => {
      const caseId = await this.caseId();
      const documentId = await this.documentId();
      const contact = await this.portalContact();
      await this.must('putDocumentShares', {
        claims: await this.staffClaims('putDocumentShares'),
        params: { caseId, documentId },
        body: { contactIds: [contact.contactId] },
      });
      return documentId;
    });
  }

  /** An inbox item of the case owner: a client upload notifies the owner. */
  staffInboxItemId() {
    return this.once('staffInbox', async () => {
      const caseId = await this.caseId();
      const contact = await this.portalContact();
      const upload = await this.must('createPortalUpload', {
        claims: contact.claims,
        params: { caseId },
        body: this.uploadBody('bench-client.pdf'),
      });
      await this.postFile(upload, 'bench-client.pdf');
      await this.settle();
      const list = await this.must('listStaffInbox', {
        claims: await this.staffClaims('listStaffInbox'),
        query: { limit: '5' },
      });
      const item = (list.items as { itemId: string }[])[0];
      if (!item) throw new SetupError('a client upload left no inbox item for the case owner');
      return item.itemId;
    });
  }

  /** A chat thread of the case with the portal contact, one client task per fixture that changes a task. */
  thread() {
    return this.once('thread', async () => {
      const caseId = await this.caseId();
      const contact = await this.portalContact();
      const t = await this.must('createThread', {
        claims: await this.staffClaims('createThread'),
        params: { caseId },
        body: { subject: 'Bench thread', contactIds: [contact.contactId], tasks: [...THREAD_TASKS] },
      });
      const tasks = (t.tasks ?? []) as { taskId: string; text: string }[];
      const taskIds = Object.fromEntries(
        THREAD_TASKS.map((role) => [role, tasks.find((task) => task.text === role)?.taskId]),
      ) as Partial<Record<ThreadTask, string>>;
      return { caseId, threadId: t.threadId as string, taskIds };
    });
  }

  async threadParams(): Promise<{ caseId: string; threadId: string }> {
    const { caseId, threadId } = await this.thread();
    return { caseId, threadId };
  }

  async taskParams(role: ThreadTask): Promise<{ caseId: string; threadId: string; taskId: string }> {
    const { caseId, threadId, taskIds } = await this.thread();
    const taskId = taskIds[role];
    if (!taskId) throw new SetupError(`createThread did not return the task "${role}"`);
    return { caseId, threadId, taskId };
  }

  /** A published discussion of the case, shared with every contact. */
  async discussionParams(): Promise<{ caseId: string; discussionId: string }> {
    return this.once('discussion', async () => {
      const caseId = await this.caseId();
      await this.portalContact();
      const d = await this.must('publishDiscussion', {
        claims: await this.staffClaims('publishDiscussion'),
        params: { caseId },
        body: { subject: 'Bench discussion', message: 'Read this.', shareWith: 'all' },
      });
      return { caseId, discussionId: d.discussionId as string };
    });
  }

  /** An open file request to the portal contact; one per name. */
  async fileRequestParams(name: string): Promise<{ caseId: string; requestId: string }> {
    return this.once(`fileRequest:${name}`, async () => {
      const caseId = await this.caseId();
      const contact = await this.portalContact();
      const r = await this.must('createFileRequest', {
        claims: await this.staffClaims('createFileRequest'),
        params: { caseId },
        body: {
          recipients: [contact.contactId],
          subject: `Bench request ${name}`,
          description: 'Please upload.',
        },
      });
      return { caseId, requestId: r.requestId as string };
    });
  }

  /** An inbox item of the portal contact (from the document shared with it), if any policy makes one. */
  contactInboxItemId() {
    return this.once('contactInbox', async () => {
      const contact = await this.portalContact();
      const firstItem = async () => {
        await this.settle();
        const list = await this.must('listPortalInbox', { claims: contact.claims, query: { limit: '5' } });
        return (list.items as { itemId: string }[])[0]?.itemId;
      };
      // Events that may notify a contact in-app, tried in turn until one left an item.
      await this.sharedDocumentId();
      let item = await firstItem();
      if (!item) {
        await this.fileRequestParams('inbox').catch(() => undefined);
        item = await firstItem();
      }
      if (!item) throw new SetupError('no notification policy puts an item in a contact inbox yet');
      return item;
    });
  }
}
