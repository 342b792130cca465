// The process path (ONVIO): an integration, with a staff token, publishes a document of a case for a
// completed task of one of the firm's recurring tasks. The document is shared with the chosen
// contacts (by default every contact with access) through the share store's own transactions, so
// the grants' shared counters stay exact; then one publication item per document version ×
// recurring task is written with its `document.published` event, once: a retried publish shares
// nothing twice and emits no second event. Whether the contacts are told is the notify policy's
// business (the firm's document path and the notify-client flags).
import type { DomainEvent } from '../events/catalogue';
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { activity } from './activity';
import { addressableContacts, type CaseContacts } from './case-contacts';
import type { CaseStore } from './cases';
import { requireOutOfTrash } from './document-trash';
import type { DocumentStore } from './documents';
import { conflict, notFound, unprocessable } from './errors';
import type { Clock, Ids } from './ports';
import { type Actor, type StaffPrincipal, staffActor } from './principal';
import type { RecurringTaskStore } from './recurring-tasks';
import { newShare, type ShareStore } from './shares';

/** What the integration sees of a publication (response schema; its type through z.output). */
export const PublicationView = lazySchema(() =>
  z.object({
    caseId: z.string(),
    documentId: z.string(),
    /** The document's name and version when it was published. */
    name: z.string(),
    version: z.number().check(z.int()),
    recurringTaskId: z.string(),
    /** The contacts it was published to. */
    contactIds: z.array(z.string()),
    /** Those it was not shared with before. */
    newlyShared: z.array(z.string()),
    /** The `document.published` event: its delivery status is GET /deliveries/{eventId}. */
    eventId: z.string(),
    publishedAt: z.string(),
    publishedBy: z.object({ kind: z.enum(['staff', 'contact', 'system']), id: z.string() }),
    /** True when this version had been published for this recurring task already: nothing was done now. */
    alreadyPublished: z.boolean(),
  }),
);
export type PublicationView = z.output<typeof PublicationView>;

/** The stored publication: one per document version × recurring task, in its firm. */
export interface Publication extends Omit<PublicationView, 'alreadyPublished' | 'publishedBy'> {
  firmId: string;
  publishedBy: Actor;
}

export interface PublicationStore {
  getPublication(
    firmId: string,
    caseId: string,
    documentId: string,
    version: number,
    recurringTaskId: string,
  ): Promise<Publication | undefined>;
  /**
   * Writes the publication and its event in one transaction. False, writing nothing, when this
   * version was already published for this recurring task (a concurrent or earlier publish).
   */
  recordPublication(p: Publication, event: DomainEvent): Promise<boolean>;
}

export interface PublishDeps {
  cases: Pick<CaseStore, 'getCase'>;
  documents: Pick<DocumentStore, 'getDocument'>;
  shares: Pick<ShareStore, 'sharesOfDocument' | 'addShare'>;
  caseContacts: CaseContacts;
  recurringTasks: Pick<RecurringTaskStore, 'getRecurringTask'>;
  publications: PublicationStore;
  clock: Clock;
  ids: Ids;
}

export interface PublishInput {
  recurringTaskId: string;
  /** Absent: every contact with access to the case. */
  contactIds?: string[];
}

/** How many share writes run at once. */
const PARALLEL_SHARES = 8;

const viewOf = ({ firmId: _, ...p }: Publication, alreadyPublished: boolean): PublicationView => ({
  ...p,
  alreadyPublished,
});

export async function publishDocument(
  deps: PublishDeps,
  by: StaffPrincipal,
  caseId: string,
  documentId: string,
  input: PublishInput,
): Promise<PublicationView> {
  const [found, doc, task] = await Promise.all([
    deps.cases.getCase(by.firmId, caseId),
    deps.documents.getDocument(by.firmId, caseId, documentId),
    deps.recurringTasks.getRecurringTask(by.firmId, input.recurringTaskId),
  ]);
  // The case first: another firm's case is a 404 whatever else the request names.
  if (!found) throw notFound('case');
  if (!doc) throw notFound('document');
  requireOutOfTrash(doc);
  if (!task)
    throw unprocessable(
      'recurring_task_unknown',
      `The recurring task ${input.recurringTaskId} is not known to this firm; an admin saves it first (PUT /recurring-tasks/{recurringTaskId}). Nothing was published.`,
      { recurringTaskId: input.recurringTaskId },
    );

  const earlier = await deps.publications.getPublication(
    by.firmId,
    caseId,
    documentId,
    doc.version,
    input.recurringTaskId,
  );
  if (earlier) return repeated(earlier, input);

  const grants = await addressableContacts(deps, by.firmId, caseId, input.contactIds ?? 'all', {
    without: 'contact_without_access',
    none: 'no_contact_with_access',
  });
  const shared = new Set(
    (await deps.shares.sharesOfDocument(by.firmId, caseId, documentId)).map((s) => s.contactId),
  );
  const now = deps.clock.now().toISOString();
  const actor = staffActor(by);
  const missing = grants.filter((g) => !shared.has(g.contactId));
  // Shares first, the publication last: a publish that fails halfway is retried whole (a share made
  // already is skipped), and the event never announces a share that is not there.
  for (let i = 0; i < missing.length; i += PARALLEL_SHARES)
    await Promise.all(
      missing.slice(i, i + PARALLEL_SHARES).map((g) => deps.shares.addShare(newShare(doc, g, actor, now))),
    );

  const contactIds = grants.map((g) => g.contactId);
  const event = activity(deps, 'document.published', { firmId: by.firmId, caseId }, actor, {
    documentId,
    name: doc.name,
    version: doc.version,
    recurringTaskId: input.recurringTaskId,
    contactIds,
  });
  const publication: Publication = {
    firmId: by.firmId,
    caseId,
    documentId,
    name: doc.name,
    version: doc.version,
    recurringTaskId: input.recurringTaskId,
    contactIds,
    newlyShared: missing.map((g) => g.contactId),
    eventId: event.eventId,
    publishedAt: now,
    publishedBy: actor,
  };
  if (await deps.publications.recordPublication(publication, event)) return viewOf(publication, false);
  // A concurrent publish of the same version × task won: answer with what it published.
  const winner = await deps.publications.getPublication(
    by.firmId,
    caseId,
    documentId,
    doc.version,
    input.recurringTaskId,
  );
  return repeated(winner ?? publication, input);
}

/**
 * A repeat of a publication already made: answered with it, unless it names contacts the first one
 * did not reach (that is a different request, refused rather than silently half-done).
 */
function repeated(earlier: Publication, input: PublishInput): PublicationView {
  const reached = new Set(earlier.contactIds);
  const beyond = [...new Set(input.contactIds ?? [])].filter((id) => !reached.has(id));
  if (beyond.length > 0)
    throw conflict(
      'already_published',
      `Version ${earlier.version} of this document was already published for this recurring task to other contacts. Share it with more contacts in the portal, or publish a new version.`,
      { contactIds: beyond, eventId: earlier.eventId },
    );
  return viewOf(earlier, true);
}
