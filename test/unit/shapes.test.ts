// One shape per entity: each view's zod schema lives with its entity in the domain, the HTTP schema
// modules hand out that very object, and each mapper returns exactly the fields its schema lists.
import { describe, expect, it } from 'vitest';
import { GrantView, grantView, InvitationView, PortalCaseView } from '../../functions/domain/access';
import { ContactView } from '../../functions/domain/contacts';
import { DeliveryView } from '../../functions/domain/deliveries';
import { DiscussionView } from '../../functions/domain/discussions';
import {
  type Document,
  DocumentView,
  documentView,
  sharedDocumentView,
} from '../../functions/domain/documents';
import type { Grant } from '../../functions/domain/grants';
import { MailStatusView } from '../../functions/domain/mail-addresses';
import { PreferencesView } from '../../functions/domain/preferences';
import { Person } from '../../functions/domain/principal';
import { PublicationView } from '../../functions/domain/publish';
import { PushSubscriptionView } from '../../functions/domain/push';
import { RecipientsView } from '../../functions/domain/recipients';
import { RecurringTaskView } from '../../functions/domain/recurring-tasks';
import { newShare, ShareView, shareView } from '../../functions/domain/shares';
import { StaffView } from '../../functions/domain/staff';
import { ThreadView } from '../../functions/domain/threads';
import * as accessSchemas from '../../functions/http/schemas/access';
import * as caseSchemas from '../../functions/http/schemas/cases';
import * as discussionSchemas from '../../functions/http/schemas/discussions';
import * as documentSchemas from '../../functions/http/schemas/documents';
import * as inboxSchemas from '../../functions/http/schemas/inbox';
import * as notificationSchemas from '../../functions/http/schemas/notifications';
import * as publishSchemas from '../../functions/http/schemas/publish';
import * as pushSchemas from '../../functions/http/schemas/push';
import * as recurringTaskSchemas from '../../functions/http/schemas/recurring-tasks';
import * as staffSchemas from '../../functions/http/schemas/staff';
import * as threadSchemas from '../../functions/http/schemas/threads';
import * as z from '../../functions/zod-mini';
import { ALICE, FIRM_A, NOW, ulidOf } from './fakes';

const CASE = ulidOf(900);
const CARLA = ulidOf(71);

const doc: Document = {
  firmId: FIRM_A,
  caseId: CASE,
  documentId: ulidOf(800),
  name: 'Engagement letter.pdf',
  contentType: 'application/pdf',
  size: 1234,
  source: 'firm',
  uploadedBy: { kind: 'staff', id: ALICE, name: 'Alice' },
  status: 'available',
  version: 2,
  s3Key: `firms/${FIRM_A}/cases/${CASE}/x/Engagement letter.pdf`,
  createdAt: NOW,
  updatedAt: NOW,
};

const grant: Grant = {
  firmId: FIRM_A,
  caseId: CASE,
  contactId: CARLA,
  contactName: 'Carla',
  contactEmail: 'carla@example.com',
  caseTitle: 'Tax return 2025',
  firmName: 'Firm A',
  role: 'collaborator',
  canDownload: true,
  canUpload: true,
  status: 'active',
  invitedAt: NOW,
  acceptedAt: NOW,
  identityId: 'identity-of-carla',
  sharedCount: 3,
};

/** The mapper's output has exactly the schema's fields: nothing stored leaks, nothing shown is missing. */
const expectExactly = (schema: z.ZodMiniObject, view: object, required: string[]) => {
  expect(() => z.strictObject(schema.shape).parse(view)).not.toThrow();
  expect(Object.keys(view).sort()).toEqual(required.sort());
};

describe('Function: one shape per entity', () => {
  it('serves every moved view from the HTTP schema modules as the domain object itself', () => {
    // Assess
    expect(documentSchemas.DocumentView).toBe(DocumentView);
    expect(documentSchemas.ShareView).toBe(ShareView);
    expect(accessSchemas.GrantView).toBe(GrantView);
    expect(accessSchemas.InvitationView).toBe(InvitationView);
    expect(accessSchemas.PortalCaseView).toBe(PortalCaseView);
    expect(notificationSchemas.DeliveryView).toBe(DeliveryView);
    expect(notificationSchemas.PreferencesView).toBe(PreferencesView);
    expect(pushSchemas.PushSubscriptionView).toBe(PushSubscriptionView);
    expect(inboxSchemas.RecipientsView).toBe(RecipientsView);
    expect(staffSchemas.StaffView).toBe(StaffView);
    expect(caseSchemas.ContactView).toBe(ContactView);
    expect(ContactView.shape.mail.def.innerType).toBe(MailStatusView);
    expect(threadSchemas.ThreadView).toBe(ThreadView);
    expect(discussionSchemas.DiscussionView).toBe(DiscussionView);
    expect(recurringTaskSchemas.RecurringTaskView).toBe(RecurringTaskView);
    expect(publishSchemas.PublicationView).toBe(PublicationView);
  });

  it('describes a person who did something (uploader, author, creator) with one schema', () => {
    // Assess
    expect(DocumentView.shape.uploadedBy).toBe(Person);
    expect(ThreadView.shape.createdBy).toBe(Person);
    expect(DiscussionView.shape.createdBy).toBe(Person);
    expect(threadSchemas.TaskView.shape.createdBy).toBe(Person);
    expect(discussionSchemas.CommentView.shape.author).toBe(Person);
  });

  it("maps a document to exactly its view's fields, without its storage key, firm or update time", () => {
    // Act
    const view = documentView(doc);
    // Assess
    expectExactly(DocumentView, view, Object.keys(DocumentView.shape));
    expect(view).not.toHaveProperty('s3Key');
  });

  it("shows a contact the same document through the share's copy as staff see through the document", () => {
    // Prepare
    const share = newShare(doc, grant, { kind: 'staff', id: ALICE }, NOW);
    // Act
    const shared = sharedDocumentView(share);
    // Assess
    expect(shared).toEqual(documentView(doc));
    expectExactly(ShareView, shareView(share), Object.keys(ShareView.shape));
  });

  it('maps a grant to its view without the identity it is bound to', () => {
    // Act
    const view = grantView(grant);
    // Assess
    expectExactly(GrantView, view, Object.keys(GrantView.shape));
    expect(view).not.toHaveProperty('identityId');
  });
});
