// Types of the Portico API, generated from docs/openapi.json by openapi-typescript.
// Do not edit: run `npm run client` after `npm run openapi`.
export interface paths {
  '/cases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the firm's cases: all newest first; `status` alone by title; `ownerId` (with or without `status`) open first, newest first; `q` a title prefix within a status (open unless `status=closed`), by title. `q` with `ownerId` is 400 `filter_combination`.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listCases'];
    put?: never;
    /**
     * Create a case; the owner defaults to the caller.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['createCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get one case.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['getCase'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Rename a case and/or give it another owner (an active staff user; a saved recipients list gains the new owner). Unchanged fields write nothing; nobody is notified.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    patch: operations['updateCase'];
    trace?: never;
  };
  '/cases/{caseId}/activity': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A case's activity, newest first: who did what and when, in the firm's language. `type` keeps one or several event types (comma-separated; an unknown one answers 400 `unknown_event_type`).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listCaseActivity'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Close a case: read-only in the portal (uploads, comments, messages, task ticks answer 403 `case_closed`) until reopened; the case's contacts are told. Closing a closed case changes nothing.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['closeCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/contacts/{contactId}/shares': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Set the documents shared with a contact (explicit save of the whole set).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    put: operations['putContactShares'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Delivery status of a case's notifications, newest event first: sent, suppressed (why) or failed.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listCaseDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/discussions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Discussions of a case, newest first.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listDiscussions'];
    put?: never;
    /**
     * Publish a discussion (subject, message, optional attachment) and share it with all or chosen contacts of the case.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    post: operations['publishDiscussion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/discussions/{discussionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One discussion, with the contacts it is shared with.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['getDiscussion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/discussions/{discussionId}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Close a discussion (idempotent): no new comments until reopened (403 discussion_closed).
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    post: operations['closeDiscussion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/discussions/{discussionId}/comments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Comments of a discussion, oldest first.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listComments'];
    put?: never;
    /**
     * Reply to a discussion as staff; the contacts it is shared with are notified.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['addComment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/discussions/{discussionId}/reopen': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reopen a closed discussion (idempotent): comments are taken again.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    post: operations['reopenDiscussion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Documents of a case, newest `createdAt` first (when each was recorded, as shown; not when its upload started); filter by source (firm | client).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listDocuments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/documents/{documentId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Move a document into the trash: gone from the portal at once (list and download), out of the case's list, restorable until `purgeAt` (30 days), then purged with its versions and shares. A repeat answers the same.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    delete: operations['trashDocument'];
    options?: never;
    head?: never;
    /**
     * Rename a document (the display-name rule applies; the stored object keeps its key). Staff and portal lists show the new name. 409 `document_in_trash` while trashed.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    patch: operations['renameDocument'];
    trace?: never;
  };
  '/cases/{caseId}/documents/{documentId}/download': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A short-lived presigned GET of a document.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['downloadDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/documents/{documentId}/publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Process path: publish a document for a completed task of a recurring task (shares it with the chosen contacts, default all with access). Once per document version × recurring task; a repeat answers with the first publication.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['publishDocument'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/documents/{documentId}/restore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Bring a document back from the trash as it was, shares included. A repeat answers the same; 409 `document_purged` once the purge run began.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['restoreDocument'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/documents/{documentId}/shares': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Set the contacts a document is shared with (explicit save of the whole set).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    put: operations['putDocumentShares'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/documents/{documentId}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Versions of a document, newest (current) first.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listDocumentVersions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/file-requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * File requests of a case with status, items and history, newest first; filter by status, contact, or overdue (open, due before today in UTC).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listFileRequests'];
    put?: never;
    /**
     * Ask contacts with access for a file, or (with an attached document) for a new version of it; recipients are notified.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['createFileRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/file-requests/{requestId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One file request with its status history.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['getFileRequest'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/file-requests/{requestId}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel an open file request (open → cancelled).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['cancelFileRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/file-requests/{requestId}/items/{itemId}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Accept the submission of a request-list item (submitted → accepted); the last one fulfils the request. A repeat answers the same (409 file_request_item_not_submitted when the item awaits no review).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['acceptFileRequestItem'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/file-requests/{requestId}/items/{itemId}/return': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Return the submission of a request-list item with a reason (submitted → returned): the client reads it, is notified, and submits again as a new version. A repeat with the same reason answers the same.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['returnFileRequestItem'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/grants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Access list of a case: each contact, rights, invitation dates and documents shared.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listGrants'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/grants/{contactId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Grant a contact access to a case, or change its rights (explicit save). A new grant mails an invitation.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    put: operations['putGrant'];
    post?: never;
    /**
     * Revoke a contact's access to a case; the contact loses its view of the case at once.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    delete: operations['revokeGrant'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/grants/{contactId}/invitation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mail a new invitation; the previous link stops working.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    post: operations['resendInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/notify-client': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Set the case's notify-client flag (default on): documents published for a recurring task tell the case's contacts only while it is on.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    put: operations['putCaseNotifyClient'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/portal-link': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The portal URL of a case (what a contact opens).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['getPortalLink'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/recipients': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The case's internal notification recipients (default: the owner, in-app and email).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['getRecipients'];
    /**
     * Save the whole recipients list; the owner may be off only when another recipient is on.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    put: operations['putRecipients'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/reopen': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reopen a closed case: the portal may change it again. Reopening an open case changes nothing.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['reopenCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/shares': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Shares of a case; `q` searches document name and contact name or email.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listShares'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/threads': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Threads of a case, newest first, with completed/total task counts; filter incomplete | completed | all.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listThreads'];
    put?: never;
    /**
     * Start a chat thread with contacts who have access, with an optional first message and client tasks.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['createThread'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/threads/{threadId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One thread with its task counts.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['getThread'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/threads/{threadId}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Close a thread (idempotent): read-only until reopened (no messages or task changes, 403 thread_closed); its reminders stop.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['closeThread'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/threads/{threadId}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Messages of a thread, oldest first (task updates and re-sent task lists included).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listThreadMessages'];
    put?: never;
    /**
     * Post a message; the thread's contacts get an email.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['postThreadMessage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/threads/{threadId}/reminders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Override the firm's automatic reminders for this thread (maxCount 0 = none).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    put: operations['putThreadReminders'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/threads/{threadId}/reopen': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reopen a closed thread (idempotent); its reminders start afresh while tasks are open.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['reopenThread'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/threads/{threadId}/resend-tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resend client tasks: posts the current task list into the thread as a message.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['resendThreadTasks'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/threads/{threadId}/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The client tasks of a thread in list order (at most 100, one page).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listThreadTasks'];
    put?: never;
    /**
     * Add client tasks at the end of the list; posts a task update and emails the contacts.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['addThreadTasks'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/threads/{threadId}/tasks/{taskId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Delete a task; returns the thread with its new counts.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    delete: operations['deleteThreadTask'];
    options?: never;
    head?: never;
    /**
     * Edit the text of a task.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    patch: operations['editThreadTask'];
    trace?: never;
  };
  '/cases/{caseId}/threads/{threadId}/tasks/{taskId}/done': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Tick a task (idempotent); records who and when.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    put: operations['completeThreadTask'];
    post?: never;
    /**
     * Untick a task (idempotent).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    delete: operations['reopenThreadTask'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/threads/{threadId}/tasks/{taskId}/move': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reorder (drag and drop): put the task between two neighbours; one write, no renumbering.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['moveThreadTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/trash': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The trash of a case: trashed documents, newest deletion first, with when each goes for good.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listTrash'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{caseId}/uploads': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start a staff upload: records an upload intent and returns a presigned POST.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['createUpload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/contacts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the firm's contacts, oldest first.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listContacts'];
    put?: never;
    /**
     * Create a contact (a person on the client side); emails are unique within a firm.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['createContact'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/contacts/{contactId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change a contact's name, email or language. Setting the email (a corrected one, or the same once it works again) clears what SES reported of that address, so mail goes out again.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    patch: operations['updateContact'];
    trace?: never;
  };
  '/contacts/{contactId}/erase': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Erase a contact's personal data (decision 0042): removes it first, then rewrites every copy of its name, email and portal identity in its cases (documents and versions it uploaded stay, by "Former contact"), deletes its inbox, its portal login and the login's preferences and push subscriptions (unless the login serves another firm), and empties the record. Erasing an erased contact answers it as it is.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    post: operations['eraseContact'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/contacts/{contactId}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Export what the firm holds about a contact as JSON (decision 0042): the record, grants, invitations (no tokens), the portal login's preferences and push subscriptions (by service), inbox items, the documents it uploaded, the address's mail mark. Each list holds at most 500 items; a cut list is named in `truncated`.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    get: operations['exportContact'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/contacts/{contactId}/remove': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Remove a contact from the firm (decision 0042): every grant revoked at once (each case's `access.revoked`), pending invitations deleted, the portal login signed out and disabled unless it has access in another firm. The contact stays listed with `removedAt` and cannot be granted access again (409 `contact_removed`). Removing a removed contact finishes what an interrupted removal left, with no second entry.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    post: operations['removeContact'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deliveries/{eventId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Delivery status of one event: who was told what, how, and why not.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listEventDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/file-request-templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The firm's request-list templates, by id.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listFileRequestTemplates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/file-request-templates/{templateId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One request-list template with its items.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['getFileRequestTemplate'];
    /**
     * Save (create or replace) one of the firm's request-list templates under its own id: a name and items (subject, description, due in N days).
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    put: operations['putFileRequestTemplate'];
    post?: never;
    /**
     * Delete a request-list template (idempotent: a repeat answers deleted false). Requests made from it keep their items.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    delete: operations['deleteFileRequestTemplate'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/inbox': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Inbox items, newest first (archived ones left out).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listStaffInbox'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/inbox/{itemId}/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Archive one item (it leaves the list; read if it was not).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['archiveStaffInboxItem'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/inbox/{itemId}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark one item read (idempotent).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['readStaffInboxItem'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/inbox/read-all': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark every item read.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['readAllStaffInbox'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/inbox/unread-count': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Number of unread inbox items.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['countStaffUnread'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/live/ticket': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A single-use ticket (30 s) to open the live channel's WebSocket as the caller (browsers cannot send a bearer token there).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['issueLiveTicket'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me/preferences': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's own notification preferences: category × channel (default on); mandatory categories listed.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['getMyPreferences'];
    /**
     * Save the caller's whole preferences (a category the firm made mandatory switched off → 422).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    put: operations['putMyPreferences'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me/push-subscriptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's push subscriptions (push service and dates; never the endpoint or its keys).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listPushSubscriptions'];
    put?: never;
    /**
     * Register this browser's PushSubscription (idempotent per endpoint: keys are updated). The endpoint must be https on a known push service (else 422 push_endpoint_not_allowed); at most 20 per person (422 push_subscriptions_full).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    post: operations['createPushSubscription'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me/push-subscriptions/{subscriptionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Unregister a push subscription (idempotent: `removed` says whether there was one).
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    delete: operations['deletePushSubscription'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me/push/public-key': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The VAPID public key to pass to `pushManager.subscribe` as its applicationServerKey.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['getPushPublicKey'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The cases the caller was granted, across firms.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['listPortalCases'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases/{caseId}/activity': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What of a case's activity concerns the caller, newest first, in its language: documents shared with it, its own uploads, comments and ticks, requests and conversations addressed to it, its own access (decision 0037). `type` as for staff.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['listPortalActivity'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases/{caseId}/discussions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Discussions shared with the caller in a case, newest first.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['listPortalDiscussions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases/{caseId}/discussions/{discussionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One discussion shared with the caller.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['getPortalDiscussion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases/{caseId}/discussions/{discussionId}/comments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Comments of a discussion shared with the caller, oldest first.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['listPortalComments'];
    put?: never;
    /**
     * Comment on a discussion shared with the caller; the case's internal recipients are notified.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    post: operations['addPortalComment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases/{caseId}/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Documents shared with the caller in a case, newest `createdAt` first (when each was recorded, as shown; not when its upload started).
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['listPortalDocuments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases/{caseId}/documents/{documentId}/download': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A short-lived presigned GET of a document shared with the caller, if the grant allows download.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['downloadPortalDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases/{caseId}/file-requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * File requests sent to the caller in a case, newest first; fulfil one by uploading with its id.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['listPortalFileRequests'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases/{caseId}/file-requests/{requestId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One file request sent to the caller, with its items, their status and return reasons.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['getPortalFileRequest'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases/{caseId}/threads': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Chats & tasks: the threads of a case the caller takes part in, newest first, with task counts.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['listPortalThreads'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases/{caseId}/threads/{threadId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One thread the caller takes part in.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['getPortalThread'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases/{caseId}/threads/{threadId}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Messages of a thread, oldest first.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['listPortalThreadMessages'];
    put?: never;
    /**
     * Reply in a thread.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    post: operations['postPortalThreadMessage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases/{caseId}/threads/{threadId}/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The client tasks of a thread in list order.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['listPortalThreadTasks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases/{caseId}/threads/{threadId}/tasks/{taskId}/done': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Tick a task (idempotent).
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    put: operations['completePortalThreadTask'];
    post?: never;
    /**
     * Untick a task (idempotent).
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    delete: operations['reopenPortalThreadTask'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/cases/{caseId}/uploads': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start a client upload (collaborators allowed to upload): presigned POST.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    post: operations['createPortalUpload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/inbox': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Inbox items, newest first (archived ones left out).
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['listPortalInbox'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/inbox/{itemId}/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Archive one item (it leaves the list; read if it was not).
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    post: operations['archivePortalInboxItem'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/inbox/{itemId}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark one item read (idempotent).
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    post: operations['readPortalInboxItem'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/inbox/read-all': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark every item read.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    post: operations['readAllPortalInbox'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/inbox/unread-count': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Number of unread inbox items.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['countPortalUnread'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/invitations/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Accept an invitation: binds the caller's portal identity to the invited contact. Only a login whose verified email is the invited address may accept (403 invitation_email_mismatch).
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    post: operations['acceptInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/invitations/open': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Open an invitation (no sign-in yet): finds or creates the invited address's portal login and answers what the portal needs to start the email-code sign-in. Writes nothing; used, revoked, superseded or expired invitations answer the accept codes.
     * @description Auth: No token.
     */
    post: operations['openInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/live/ticket': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A single-use ticket (30 s) to open the live channel's WebSocket as the caller (browsers cannot send a bearer token there).
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    post: operations['issuePortalLiveTicket'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/me/preferences': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A portal user's own notification preferences (across the firms it is a contact of).
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['getPortalPreferences'];
    /**
     * Save a portal user's whole preferences (access notices cannot be switched off → 422).
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    put: operations['putPortalPreferences'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/me/push-subscriptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's push subscriptions (push service and dates; never the endpoint or its keys).
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['listPortalPushSubscriptions'];
    put?: never;
    /**
     * Register this browser's PushSubscription (idempotent per endpoint: keys are updated). The endpoint must be https on a known push service (else 422 push_endpoint_not_allowed); at most 20 per person (422 push_subscriptions_full).
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    post: operations['createPortalPushSubscription'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/me/push-subscriptions/{subscriptionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Unregister a push subscription (idempotent: `removed` says whether there was one).
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    delete: operations['deletePortalPushSubscription'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/portal/me/push/public-key': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The VAPID public key to pass to `pushManager.subscribe` as its applicationServerKey.
     * @description Auth: Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.
     */
    get: operations['getPortalPushPublicKey'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/recurring-tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The firm's recurring tasks, by id, with their notify-client flags.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listRecurringTasks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/recurring-tasks/{recurringTaskId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One recurring task and its notify-client flag.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['getRecurringTask'];
    /**
     * Save a recurring task under the integration's id (create or replace) with its notify-client flag: documents published for it tell clients only while it is on.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    put: operations['putRecurringTask'];
    post?: never;
    /**
     * Delete a recurring task (idempotent: `deleted` says whether there was one): nothing can be published for it any more; earlier publications stay.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    delete: operations['deleteRecurringTask'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Firm settings: detailed notifications (default off), the per-file upload limit and the firm's default language (en until set).
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    get: operations['getSettings'];
    /**
     * Save the whole firm settings object (explicit save); a body without `locale` keeps the firm's language.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    put: operations['putSettings'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/settings/client-notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Client-notification settings of chat threads: message context in client emails, default reminders.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    get: operations['getClientNotifications'];
    /**
     * Save the client-notification settings (explicit save of the whole object).
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    put: operations['putClientNotifications'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/settings/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The notification matrix: each notifying event type × channel (inApp, email) on or off; defaults all on; access notices locked on.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    get: operations['getNotificationMatrix'];
    /**
     * Save the whole notification matrix (explicit save; a locked cell switched off → 422).
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    put: operations['putNotificationMatrix'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/settings/notifications/templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Notification texts: each template (event type × audience) × locale with its variables, the shipped texts and the firm's overrides per channel.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    get: operations['listNotificationTemplates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/settings/notifications/templates/{templateId}/{locale}/{channel}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Save the firm's own text of a template × locale × channel (email: subject + body; inApp/push: title + body; ICU). Checked at save: invalid → 422 template_invalid, nothing saved.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    put: operations['putNotificationTemplate'];
    post?: never;
    /**
     * Remove the firm's text of a template × locale × channel: the shipped text applies again (idempotent).
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    delete: operations['deleteNotificationTemplate'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/staff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the firm's staff users (by id), optionally only `active` or only `inactive` ones.
     * @description Auth: Bearer JWT of a staff user of the firm.
     */
    get: operations['listStaff'];
    put?: never;
    /**
     * Invite a staff user: creates the staff sign-in's login (Cognito mails the invitation with a temporary password) and the staff record. Idempotent: the same email again answers the existing user (`created: false`, no second mail); an email that is another firm's staff login answers 409 `staff_email_in_other_firm`.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    post: operations['inviteStaff'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/staff/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change a staff user's role, name or language. A role change also sets the login's `custom:role`: the user's tokens issued before it answer 403 `role_mismatch` until they sign in again. The last active admin cannot be demoted (409 `last_admin`).
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    patch: operations['updateStaff'];
    trace?: never;
  };
  '/staff/{userId}/deactivate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Deactivate a staff user (idempotent): the record first (the user's tokens are refused within STAFF_DIRECTORY_TTL_SECONDS, 60 s by default), then the login is signed out everywhere (refresh tokens revoked) and disabled. The user drops out of recipients; notices meant for them as case owner go to the firm's active admins. The last active admin cannot be deactivated (409 `last_admin`).
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    post: operations['deactivateStaff'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/staff/{userId}/reactivate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reactivate a staff user (idempotent): the record, then the login is enabled again.
     * @description Auth: Bearer JWT of a staff user with role admin.
     */
    post: operations['reactivateStaff'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AcceptBody: {
      token: string;
    };
    AcceptedView: {
      caseId: string;
      contactId: string;
      firmId: string;
    };
    ActivityEntryView: {
      eventId: string;
      ids: {
        [key: string]: string | string[];
      };
      occurredAt: string;
      type: string;
      what: string;
      who: {
        id?: string;
        /** @enum {string} */
        kind: 'staff' | 'contact' | 'system';
        name: string;
      };
    };
    CaseChangeBody: {
      ownerId?: components['schemas']['StaffUserId'];
      title?: string;
    };
    CaseView: {
      caseId: string;
      clientName?: string;
      closedAt?: string;
      closedBy?: string;
      createdAt: string;
      createdBy: string;
      notifyClient: boolean;
      notifyClientChangedAt?: string;
      notifyClientChangedBy?: string;
      ownerId: string;
      reference?: string;
      /** @enum {string} */
      status: 'open' | 'closed';
      title: string;
    };
    CommentView: {
      author: {
        id: string;
        /** @enum {string} */
        kind: 'staff' | 'contact';
        name: string;
      };
      body: string;
      commentId: string;
      createdAt: string;
      discussionId: string;
    };
    ContactChangeBody: {
      email?: components['schemas']['Email'];
      locale?: components['schemas']['Locale'];
      name?: string;
    };
    ContactExportView: {
      contact: {
        contactId: string;
        createdAt: string;
        email?: string;
        erasedAt?: string;
        locale?: string;
        mail?: {
          reason: string;
          since: string;
          /** @enum {string} */
          status: 'unreachable' | 'complained';
        };
        name: string;
        phone?: string;
        portalLogin: boolean;
        removedAt?: string;
      };
      documents: {
        caseId: string;
        createdAt: string;
        documentId: string;
        name: string;
        version?: number;
      }[];
      exportedAt: string;
      grants: {
        acceptedAt?: string;
        canDownload: boolean;
        canUpload: boolean;
        caseId: string;
        caseTitle: string;
        invitedAt: string;
        revokedAt?: string;
        /** @enum {string} */
        role: 'viewer' | 'collaborator';
        /** @enum {string} */
        status: 'invited' | 'active' | 'revoked';
      }[];
      inbox: {
        count: number;
        items: {
          caseId?: string;
          createdAt: string;
          itemId: string;
          title: string;
          type: string;
        }[];
      };
      invitations: {
        acceptedAt?: string;
        caseId: string;
        createdAt: string;
        expiresAt: string;
        invitationId: string;
        withdrawnAt?: string;
      }[];
      preferences?: {
        categories: {
          [key: string]: {
            email?: boolean;
            inApp?: boolean;
            push?: boolean;
          };
        };
        updatedAt?: string;
      };
      pushSubscriptions: {
        createdAt?: string;
        service: string;
        subscriptionId: string;
      }[];
      truncated: string[];
    };
    ContactSharesBody: {
      documentIds: components['schemas']['Id'][];
    };
    ContactView: {
      contactId: string;
      createdAt: string;
      email?: string;
      erasedAt?: string;
      locale?: string;
      mail?: {
        reason: string;
        since: string;
        /** @enum {string} */
        status: 'unreachable' | 'complained';
      };
      name: string;
      phone?: string;
      removedAt?: string;
    };
    DiscussionView: {
      attachment?: {
        documentId: string;
        name: string;
      };
      caseId: string;
      closedAt?: string;
      commentCount: number;
      createdAt: string;
      createdBy: {
        id: string;
        /** @enum {string} */
        kind: 'staff' | 'contact';
        name: string;
      };
      discussionId: string;
      lastCommentAt?: string;
      message: string;
      sharedWith?: string[];
      /** @enum {string} */
      status: 'open' | 'closed';
      subject: string;
    };
    DocumentSharesBody: {
      contactIds: components['schemas']['Id'][];
    };
    DocumentVersionView: {
      contentType: string;
      createdAt: string;
      current: boolean;
      documentId: string;
      fileName: string;
      fileRequestId?: string;
      size: number;
      uploadedBy: {
        id: string;
        /** @enum {string} */
        kind: 'staff' | 'contact';
        name: string;
      };
      version: number;
    };
    DocumentView: {
      caseId: string;
      contentType: string;
      /** @description When the document was recorded (its upload arrived and passed the checks), not when the upload started. Document lists are ordered by it, newest first. */
      createdAt: string;
      documentId: string;
      name: string;
      size: number;
      /** @enum {string} */
      source: 'firm' | 'client';
      /** @enum {string} */
      status: 'available';
      uploadedBy: {
        id: string;
        /** @enum {string} */
        kind: 'staff' | 'contact';
        name: string;
      };
      version: number;
    };
    DownloadView: {
      expiresAt: string;
      url: string;
    };
    /** Format: email */
    Email: string;
    ErasedContactView: {
      contactId: string;
      createdAt: string;
      email?: string;
      erased: {
        deleted: number;
        rewritten: number;
      };
      erasedAt?: string;
      locale?: string;
      mail?: {
        reason: string;
        since: string;
        /** @enum {string} */
        status: 'unreachable' | 'complained';
      };
      name: string;
      phone?: string;
      removedAt?: string;
    };
    ErrorBody: {
      code: string;
      details?: {
        [key: string]: unknown;
      };
      fieldCount?: number;
      fields?: {
        message: string;
        path: string;
      }[];
      message: string;
      requestId?: string;
    };
    /** @enum {string} */
    FileRequestStatus: 'open' | 'fulfilled' | 'cancelled';
    FileRequestView: {
      additionalMessage?: string;
      caseId: string;
      createdAt: string;
      createdBy: {
        id: string;
        /** @enum {string} */
        kind: 'staff' | 'contact';
        name: string;
      };
      description: string;
      document?: {
        documentId: string;
        name: string;
      };
      dueDate?: string;
      fulfilment?: {
        at: string;
        contactId: string;
        documentId: string;
        version: number;
      };
      history: {
        at: string;
        by: {
          id: string;
          /** @enum {string} */
          kind: 'staff' | 'contact';
        };
        status: components['schemas']['FileRequestStatus'];
      }[];
      items?: {
        description: string;
        dueDate?: string;
        history: {
          at: string;
          by: {
            id: string;
            /** @enum {string} */
            kind: 'staff' | 'contact';
          };
          documentId?: string;
          /** @enum {string} */
          status: 'open' | 'submitted' | 'accepted' | 'returned';
          version?: number;
        }[];
        itemId: string;
        returnReason?: string;
        /** @enum {string} */
        status: 'open' | 'submitted' | 'accepted' | 'returned';
        subject: string;
        submission?: {
          at: string;
          contactId: string;
          documentId: string;
          version: number;
        };
        submissions: number;
      }[];
      /** @enum {string} */
      kind: 'new' | 'update';
      recipients: {
        contactId: string;
        name: string;
      }[];
      requestId: string;
      status: components['schemas']['FileRequestStatus'];
      subject: string;
    };
    GatewayErrorBody: {
      message: string;
    };
    GrantBody: {
      canDownload: boolean;
      /** @default false */
      canUpload?: boolean;
      /** @enum {string} */
      role: 'viewer' | 'collaborator';
    };
    GrantView: {
      acceptedAt?: string;
      canDownload: boolean;
      canUpload: boolean;
      caseId: string;
      contactEmail: string;
      contactId: string;
      contactName: string;
      invitedAt: string;
      /** @enum {string} */
      role: 'viewer' | 'collaborator';
      sharedCount: number;
      /** @enum {string} */
      status: 'invited' | 'active' | 'revoked';
    };
    Id: string;
    InboxItemView: {
      archivedAt?: string;
      body: string;
      caseId?: string;
      createdAt: string;
      eventId: string;
      firmId: string;
      itemId: string;
      link?: string;
      readAt?: string;
      title: string;
      type: string;
    };
    InvitationView: {
      caseId: string;
      contactId: string;
      expiresAt: string;
      invitationId: string;
    };
    LiveTicketView: {
      /** Format: date-time */
      expiresAt: string;
      ticket: string;
      url: string;
    };
    /**
     * @description BCP 47 language tag (case-insensitive; stored canonical). Texts: the region, else the language (pt-PT → pt-BR, es-MX → es), else the firm default, else en.
     * @example pt-BR
     * @example es-MX
     * @example en
     */
    Locale: string;
    NewCaseBody: {
      clientName?: string;
      notifyClient?: boolean;
      ownerId?: components['schemas']['StaffUserId'];
      reference?: string;
      title: string;
    };
    NewCommentBody: {
      body: string;
    };
    NewContactBody: {
      email?: components['schemas']['Email'];
      locale?: components['schemas']['Locale'];
      name: string;
      phone?: string;
    };
    NewDiscussionBody: {
      attachmentDocumentId?: components['schemas']['Id'];
      message: string;
      shareWith: 'all' | components['schemas']['Id'][];
      subject: string;
    };
    NewFileRequestBody: {
      additionalMessage?: string;
      attachmentDocumentId?: components['schemas']['Id'];
      csv?: string;
      description: string;
      /** Format: date */
      dueDate?: string;
      items?: {
        description?: string;
        /** Format: date */
        dueDate?: string;
        subject: string;
      }[];
      recipients: components['schemas']['Id'][];
      subject: string;
      templateId?: string;
    };
    OpenedInvitationView: {
      caseTitle: string;
      emailHint: string;
      expiresAt: string;
      firmName: string;
      username: string;
    };
    PortalCaseView: {
      canDownload: boolean;
      canUpload: boolean;
      caseId: string;
      firmId: string;
      firmName: string;
      /** @enum {string} */
      role: 'viewer' | 'collaborator';
      sharedCount: number;
      title: string;
    };
    PortalLinkView: {
      caseId: string;
      url: string;
    };
    ReadAllView: {
      marked: number;
    };
    Recipient: {
      email: boolean;
      inApp: boolean;
      userId: components['schemas']['StaffUserId'];
    };
    RecipientOutput: {
      email: boolean;
      inApp: boolean;
      userId: components['schemas']['StaffUserId'];
    };
    RecipientsBody: {
      recipients: components['schemas']['Recipient'][];
    };
    RecipientsView: {
      caseId: string;
      ownerId: string;
      recipients: {
        email: boolean;
        inApp: boolean;
        name: string;
        userId: string;
      }[];
      saved: boolean;
    };
    RenameDocumentBody: {
      name: string;
    };
    SettingsBody: {
      detailedNotifications: boolean;
      locale?: components['schemas']['Locale'];
      uploadMaxBytes: number;
    };
    SettingsView: {
      detailedNotifications: boolean;
      /** @description The firm's default language (BCP 47, canonical; en until set): the texts of contacts and staff without a language we ship. */
      locale: string;
      updatedAt?: string;
      updatedBy?: string;
      uploadMaxBytes: number;
    };
    ShareSetView: {
      added: string[];
      removed: string[];
      unchanged: string[];
    };
    ShareView: {
      contactEmail: string;
      contactId: string;
      contactName: string;
      documentId: string;
      documentName: string;
      sharedAt: string;
    };
    StaffUserId: string;
    TrashedDocumentView: {
      caseId: string;
      contentType: string;
      /** @description When the document was recorded (its upload arrived and passed the checks), not when the upload started. Document lists are ordered by it, newest first. */
      createdAt: string;
      deletedAt: string;
      documentId: string;
      name: string;
      /** @description When the purge run removes the document, its versions, its shares and its bytes for good. */
      purgeAt: string;
      size: number;
      /** @enum {string} */
      source: 'firm' | 'client';
      /** @enum {string} */
      status: 'available';
      uploadedBy: {
        id: string;
        /** @enum {string} */
        kind: 'staff' | 'contact';
        name: string;
      };
      version: number;
    };
    UnreadView: {
      unread: number;
    };
    UploadBody: {
      contentType: components['schemas']['UploadContentType'];
      fileName: string;
      fileRequestId?: components['schemas']['Id'];
      fileRequestItemId?: components['schemas']['Id'];
      size: number;
    };
    /** @enum {string} */
    UploadContentType:
      | 'application/pdf'
      | 'image/png'
      | 'image/jpeg'
      | 'image/gif'
      | 'image/tiff'
      | 'application/zip'
      | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
      | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      | 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
      | 'application/msword'
      | 'application/vnd.ms-excel'
      | 'text/plain'
      | 'text/csv';
    UploadView: {
      expiresAt: string;
      fields: {
        [key: string]: string;
      };
      key: string;
      maxBytes: number;
      uploadId: string;
      url: string;
    };
  };
  responses: {
    /** @description The request is not valid (`validation_failed` lists the fields), or a cursor or value is unusable. */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description The change would break uniqueness or a state transition. */
    Conflict: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description The resource is known, but the caller lacks the right; `code` says which. Codes of the authorize step: `staff_only` (a staff route called with a portal (contact) token — including one that carries firm claims); `admin_only` (an admin route called by a staff user whose role is staff); `contacts_only` (a portal route called with a staff token); `staff_not_active` (a staff token whose sub is not an active staff user of its firm in the staff directory (never stored, removed, or status inactive; seen within the directory cache window, 60 s)); `role_mismatch` (a staff token whose role differs from the user's role in the staff directory); `unknown_role` (a token whose role claim is neither admin nor staff; refused on every route, portal routes included). */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description It existed, but can no longer be used (for example an expired invitation). */
    Gone: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description Unexpected failure; quote `requestId` when reporting it. */
    InternalError: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description Unknown resource, another firm's, or a case the caller has no active grant on. */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description No token, or the token is not valid. Answered by API Gateway's JWT authorizer before any Portico code runs, so the body is the gateway's own `{"message":"Unauthorized"}`, without `code`. */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['GatewayErrorBody'];
      };
    };
    /** @description Well-formed, but breaks a business rule; `code` says which. */
    UnprocessableEntity: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ErrorBody'];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listCases: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
        ownerId?: components['schemas']['StaffUserId'];
        q?: string;
        status?: 'open' | 'closed';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['CaseView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  createCase: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewCaseBody'];
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  getCase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  updateCase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CaseChangeBody'];
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listCaseActivity: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
        type?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ActivityEntryView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  closeCase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  putContactShares: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        contactId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ContactSharesBody'];
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ShareSetView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listCaseDeliveries: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              at?: string;
              attempts?: number;
              caseId?: string;
              channel: string;
              createdAt: string;
              detail?: string;
              error?: string;
              eventId: string;
              /** @enum {string} */
              reason?: 'policy' | 'preference' | 'dedupe' | 'digest' | 'unreachable' | 'withdrawn';
              recipient: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
              };
              /** @enum {string} */
              status: 'pending' | 'sent' | 'suppressed' | 'failed';
              type: string;
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  listDiscussions: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['DiscussionView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  publishDiscussion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewDiscussionBody'];
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DiscussionView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  getDiscussion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        discussionId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DiscussionView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  closeDiscussion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        discussionId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DiscussionView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listComments: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        discussionId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['CommentView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  addComment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        discussionId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewCommentBody'];
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommentView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  reopenDiscussion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        discussionId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DiscussionView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listDocuments: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
        source?: 'firm' | 'client';
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['DocumentView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  trashDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        documentId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TrashedDocumentView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  renameDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        documentId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RenameDocumentBody'];
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  downloadDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        documentId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DownloadView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  publishDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        documentId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          contactIds?: components['schemas']['Id'][];
          recurringTaskId: string;
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            alreadyPublished: boolean;
            caseId: string;
            contactIds: string[];
            documentId: string;
            eventId: string;
            name: string;
            newlyShared: string[];
            publishedAt: string;
            publishedBy: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact' | 'system';
            };
            recurringTaskId: string;
            version: number;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  restoreDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        documentId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  putDocumentShares: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        documentId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DocumentSharesBody'];
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ShareSetView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listDocumentVersions: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        documentId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['DocumentVersionView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  listFileRequests: {
    parameters: {
      query?: {
        contactId?: components['schemas']['Id'];
        limit?: number;
        nextToken?: string;
        overdue?: 'true' | 'false';
        status?: components['schemas']['FileRequestStatus'];
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['FileRequestView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  createFileRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewFileRequestBody'];
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FileRequestView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  getFileRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        requestId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FileRequestView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  cancelFileRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        requestId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FileRequestView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  acceptFileRequestItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        itemId: components['schemas']['Id'];
        requestId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FileRequestView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  returnFileRequestItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        itemId: components['schemas']['Id'];
        requestId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FileRequestView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listGrants: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['GrantView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  putGrant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        contactId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['GrantBody'];
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GrantView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  revokeGrant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        contactId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GrantView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  resendInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        contactId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvitationView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  putCaseNotifyClient: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          notifyClient: boolean;
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  getPortalLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PortalLinkView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  getRecipients: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecipientsView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  putRecipients: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RecipientsBody'];
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecipientsView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  reopenCase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listShares: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
        q?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ShareView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  listThreads: {
    parameters: {
      query?: {
        filter?: 'all' | 'incomplete' | 'completed';
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              caseId: string;
              closedAt?: string;
              contactIds: string[];
              createdAt: string;
              createdBy: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
              lastMessageAt: string;
              reminders: {
                everyDays: number;
                maxCount: number;
              };
              /** @enum {string} */
              status: 'open' | 'closed';
              subject: string;
              taskCompleted: number;
              /** @enum {string} */
              taskState: 'none' | 'open' | 'done';
              taskTotal: number;
              threadId: string;
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  createThread: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          contactIds: components['schemas']['Id'][];
          message?: string;
          reminders?: {
            everyDays: number;
            maxCount: number;
          };
          subject: string;
          tasks?: string[];
        };
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            caseId: string;
            closedAt?: string;
            contactIds: string[];
            createdAt: string;
            createdBy: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            lastMessageAt: string;
            reminders: {
              everyDays: number;
              maxCount: number;
            };
            /** @enum {string} */
            status: 'open' | 'closed';
            subject: string;
            taskCompleted: number;
            tasks: {
              createdAt: string;
              createdBy: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
              done: boolean;
              doneAt?: string;
              doneBy?: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
              position: string;
              taskId: string;
              text: string;
              threadId: string;
              updatedAt?: string;
              updatedBy?: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
            }[];
            /** @enum {string} */
            taskState: 'none' | 'open' | 'done';
            taskTotal: number;
            threadId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  getThread: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            caseId: string;
            closedAt?: string;
            contactIds: string[];
            createdAt: string;
            createdBy: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            lastMessageAt: string;
            reminders: {
              everyDays: number;
              maxCount: number;
            };
            /** @enum {string} */
            status: 'open' | 'closed';
            subject: string;
            taskCompleted: number;
            /** @enum {string} */
            taskState: 'none' | 'open' | 'done';
            taskTotal: number;
            threadId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  closeThread: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            caseId: string;
            closedAt?: string;
            contactIds: string[];
            createdAt: string;
            createdBy: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            lastMessageAt: string;
            reminders: {
              everyDays: number;
              maxCount: number;
            };
            /** @enum {string} */
            status: 'open' | 'closed';
            subject: string;
            taskCompleted: number;
            /** @enum {string} */
            taskState: 'none' | 'open' | 'done';
            taskTotal: number;
            threadId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listThreadMessages: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              author: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
              /** @enum {string} */
              change?: 'added' | 'edited' | 'deleted' | 'completed' | 'reopened';
              createdAt: string;
              /** @enum {string} */
              kind: 'text' | 'tasks' | 'taskUpdate';
              messageId: string;
              tasks?: {
                done: boolean;
                taskId: string;
                text: string;
              }[];
              text: string;
              threadId: string;
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  postThreadMessage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          text: string;
        };
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            author: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            /** @enum {string} */
            change?: 'added' | 'edited' | 'deleted' | 'completed' | 'reopened';
            createdAt: string;
            /** @enum {string} */
            kind: 'text' | 'tasks' | 'taskUpdate';
            messageId: string;
            tasks?: {
              done: boolean;
              taskId: string;
              text: string;
            }[];
            text: string;
            threadId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  putThreadReminders: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          everyDays: number;
          maxCount: number;
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            caseId: string;
            closedAt?: string;
            contactIds: string[];
            createdAt: string;
            createdBy: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            lastMessageAt: string;
            reminders: {
              everyDays: number;
              maxCount: number;
            };
            /** @enum {string} */
            status: 'open' | 'closed';
            subject: string;
            taskCompleted: number;
            /** @enum {string} */
            taskState: 'none' | 'open' | 'done';
            taskTotal: number;
            threadId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  reopenThread: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            caseId: string;
            closedAt?: string;
            contactIds: string[];
            createdAt: string;
            createdBy: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            lastMessageAt: string;
            reminders: {
              everyDays: number;
              maxCount: number;
            };
            /** @enum {string} */
            status: 'open' | 'closed';
            subject: string;
            taskCompleted: number;
            /** @enum {string} */
            taskState: 'none' | 'open' | 'done';
            taskTotal: number;
            threadId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  resendThreadTasks: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            author: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            /** @enum {string} */
            change?: 'added' | 'edited' | 'deleted' | 'completed' | 'reopened';
            createdAt: string;
            /** @enum {string} */
            kind: 'text' | 'tasks' | 'taskUpdate';
            messageId: string;
            tasks?: {
              done: boolean;
              taskId: string;
              text: string;
            }[];
            text: string;
            threadId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listThreadTasks: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              createdAt: string;
              createdBy: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
              done: boolean;
              doneAt?: string;
              doneBy?: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
              position: string;
              taskId: string;
              text: string;
              threadId: string;
              updatedAt?: string;
              updatedBy?: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  addThreadTasks: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          tasks: string[];
        };
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              createdAt: string;
              createdBy: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
              done: boolean;
              doneAt?: string;
              doneBy?: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
              position: string;
              taskId: string;
              text: string;
              threadId: string;
              updatedAt?: string;
              updatedBy?: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  deleteThreadTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        taskId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            caseId: string;
            closedAt?: string;
            contactIds: string[];
            createdAt: string;
            createdBy: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            lastMessageAt: string;
            reminders: {
              everyDays: number;
              maxCount: number;
            };
            /** @enum {string} */
            status: 'open' | 'closed';
            subject: string;
            taskCompleted: number;
            /** @enum {string} */
            taskState: 'none' | 'open' | 'done';
            taskTotal: number;
            threadId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  editThreadTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        taskId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          text: string;
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            createdAt: string;
            createdBy: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            done: boolean;
            doneAt?: string;
            doneBy?: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            position: string;
            taskId: string;
            text: string;
            threadId: string;
            updatedAt?: string;
            updatedBy?: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  completeThreadTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        taskId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            createdAt: string;
            createdBy: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            done: boolean;
            doneAt?: string;
            doneBy?: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            position: string;
            taskId: string;
            text: string;
            threadId: string;
            updatedAt?: string;
            updatedBy?: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  reopenThreadTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        taskId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            createdAt: string;
            createdBy: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            done: boolean;
            doneAt?: string;
            doneBy?: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            position: string;
            taskId: string;
            text: string;
            threadId: string;
            updatedAt?: string;
            updatedBy?: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  moveThreadTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        taskId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          afterTaskId?: components['schemas']['Id'];
          beforeTaskId?: components['schemas']['Id'];
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            createdAt: string;
            createdBy: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            done: boolean;
            doneAt?: string;
            doneBy?: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            position: string;
            taskId: string;
            text: string;
            threadId: string;
            updatedAt?: string;
            updatedBy?: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listTrash: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['TrashedDocumentView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  createUpload: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UploadBody'];
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UploadView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listContacts: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ContactView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  createContact: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewContactBody'];
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ContactView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  updateContact: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        contactId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ContactChangeBody'];
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ContactView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  eraseContact: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        contactId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErasedContactView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  exportContact: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        contactId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ContactExportView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  removeContact: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        contactId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ContactView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listEventDeliveries: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path: {
        eventId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              at?: string;
              attempts?: number;
              caseId?: string;
              channel: string;
              createdAt: string;
              detail?: string;
              error?: string;
              eventId: string;
              /** @enum {string} */
              reason?: 'policy' | 'preference' | 'dedupe' | 'digest' | 'unreachable' | 'withdrawn';
              recipient: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
              };
              /** @enum {string} */
              status: 'pending' | 'sent' | 'suppressed' | 'failed';
              type: string;
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  listFileRequestTemplates: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              createdAt: string;
              items: {
                description?: string;
                dueInDays?: number;
                subject: string;
              }[];
              name: string;
              templateId: string;
              updatedAt: string;
              updatedBy: string;
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  getFileRequestTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        templateId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            createdAt: string;
            items: {
              description?: string;
              dueInDays?: number;
              subject: string;
            }[];
            name: string;
            templateId: string;
            updatedAt: string;
            updatedBy: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  putFileRequestTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        templateId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          items: {
            description?: string;
            dueInDays?: number;
            subject: string;
          }[];
          name: string;
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            createdAt: string;
            items: {
              description?: string;
              dueInDays?: number;
              subject: string;
            }[];
            name: string;
            templateId: string;
            updatedAt: string;
            updatedBy: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  deleteFileRequestTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        templateId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            deleted: boolean;
            templateId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listStaffInbox: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['InboxItemView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  archiveStaffInboxItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        itemId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboxItemView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  readStaffInboxItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        itemId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboxItemView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  readAllStaffInbox: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReadAllView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  countStaffUnread: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UnreadView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  issueLiveTicket: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LiveTicketView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  getMyPreferences: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            mandatory: ('documents' | 'fileRequests' | 'discussions' | 'tasks' | 'access')[];
            preferences: {
              access: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              discussions: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              documents: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              fileRequests: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              tasks: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
            };
            updatedAt?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  putMyPreferences: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          preferences: {
            access: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            discussions: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            documents: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            fileRequests: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            tasks: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
          };
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            mandatory: ('documents' | 'fileRequests' | 'discussions' | 'tasks' | 'access')[];
            preferences: {
              access: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              discussions: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              documents: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              fileRequests: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              tasks: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
            };
            updatedAt?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listPushSubscriptions: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              createdAt: string;
              expirationTime?: number;
              service: string;
              subscriptionId: string;
              updatedAt: string;
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  createPushSubscription: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uri */
          endpoint: string;
          expirationTime?: number | null;
          keys: {
            auth: string;
            p256dh: string;
          };
        };
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            createdAt: string;
            expirationTime?: number;
            service: string;
            subscriptionId: string;
            updatedAt: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  deletePushSubscription: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        subscriptionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            removed: boolean;
            subscriptionId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  getPushPublicKey: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            publicKey: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  listPortalCases: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['PortalCaseView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  listPortalActivity: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
        type?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ActivityEntryView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  listPortalDiscussions: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['DiscussionView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  getPortalDiscussion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        discussionId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DiscussionView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  listPortalComments: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        discussionId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['CommentView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  addPortalComment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        discussionId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewCommentBody'];
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommentView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listPortalDocuments: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['DocumentView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  downloadPortalDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        documentId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DownloadView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  listPortalFileRequests: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
        status?: components['schemas']['FileRequestStatus'];
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['FileRequestView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  getPortalFileRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        requestId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FileRequestView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  listPortalThreads: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              caseId: string;
              closedAt?: string;
              contactIds: string[];
              createdAt: string;
              createdBy: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
              lastMessageAt: string;
              reminders: {
                everyDays: number;
                maxCount: number;
              };
              /** @enum {string} */
              status: 'open' | 'closed';
              subject: string;
              taskCompleted: number;
              /** @enum {string} */
              taskState: 'none' | 'open' | 'done';
              taskTotal: number;
              threadId: string;
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  getPortalThread: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            caseId: string;
            closedAt?: string;
            contactIds: string[];
            createdAt: string;
            createdBy: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            lastMessageAt: string;
            reminders: {
              everyDays: number;
              maxCount: number;
            };
            /** @enum {string} */
            status: 'open' | 'closed';
            subject: string;
            taskCompleted: number;
            /** @enum {string} */
            taskState: 'none' | 'open' | 'done';
            taskTotal: number;
            threadId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  listPortalThreadMessages: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              author: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
              /** @enum {string} */
              change?: 'added' | 'edited' | 'deleted' | 'completed' | 'reopened';
              createdAt: string;
              /** @enum {string} */
              kind: 'text' | 'tasks' | 'taskUpdate';
              messageId: string;
              tasks?: {
                done: boolean;
                taskId: string;
                text: string;
              }[];
              text: string;
              threadId: string;
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  postPortalThreadMessage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          text: string;
        };
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            author: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            /** @enum {string} */
            change?: 'added' | 'edited' | 'deleted' | 'completed' | 'reopened';
            createdAt: string;
            /** @enum {string} */
            kind: 'text' | 'tasks' | 'taskUpdate';
            messageId: string;
            tasks?: {
              done: boolean;
              taskId: string;
              text: string;
            }[];
            text: string;
            threadId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listPortalThreadTasks: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              createdAt: string;
              createdBy: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
              done: boolean;
              doneAt?: string;
              doneBy?: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
              position: string;
              taskId: string;
              text: string;
              threadId: string;
              updatedAt?: string;
              updatedBy?: {
                id: string;
                /** @enum {string} */
                kind: 'staff' | 'contact';
                name: string;
              };
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  completePortalThreadTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        taskId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            createdAt: string;
            createdBy: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            done: boolean;
            doneAt?: string;
            doneBy?: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            position: string;
            taskId: string;
            text: string;
            threadId: string;
            updatedAt?: string;
            updatedBy?: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  reopenPortalThreadTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
        taskId: components['schemas']['Id'];
        threadId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            createdAt: string;
            createdBy: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            done: boolean;
            doneAt?: string;
            doneBy?: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
            position: string;
            taskId: string;
            text: string;
            threadId: string;
            updatedAt?: string;
            updatedBy?: {
              id: string;
              /** @enum {string} */
              kind: 'staff' | 'contact';
              name: string;
            };
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  createPortalUpload: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UploadBody'];
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UploadView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listPortalInbox: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['InboxItemView'][];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  archivePortalInboxItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        itemId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboxItemView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  readPortalInboxItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        itemId: components['schemas']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboxItemView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  readAllPortalInbox: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReadAllView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  countPortalUnread: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UnreadView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  acceptInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AcceptBody'];
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AcceptedView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      410: components['responses']['Gone'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  openInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AcceptBody'];
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OpenedInvitationView'];
        };
      };
      400: components['responses']['BadRequest'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      410: components['responses']['Gone'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  issuePortalLiveTicket: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LiveTicketView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  getPortalPreferences: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            mandatory: ('documents' | 'fileRequests' | 'discussions' | 'tasks' | 'access')[];
            preferences: {
              access: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              discussions: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              documents: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              fileRequests: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              tasks: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
            };
            updatedAt?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  putPortalPreferences: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          preferences: {
            access: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            discussions: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            documents: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            fileRequests: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            tasks: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
          };
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            mandatory: ('documents' | 'fileRequests' | 'discussions' | 'tasks' | 'access')[];
            preferences: {
              access: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              discussions: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              documents: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              fileRequests: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              tasks: {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
            };
            updatedAt?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listPortalPushSubscriptions: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              createdAt: string;
              expirationTime?: number;
              service: string;
              subscriptionId: string;
              updatedAt: string;
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  createPortalPushSubscription: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uri */
          endpoint: string;
          expirationTime?: number | null;
          keys: {
            auth: string;
            p256dh: string;
          };
        };
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            createdAt: string;
            expirationTime?: number;
            service: string;
            subscriptionId: string;
            updatedAt: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  deletePortalPushSubscription: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        subscriptionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            removed: boolean;
            subscriptionId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  getPortalPushPublicKey: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            publicKey: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  listRecurringTasks: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              createdAt: string;
              name: string;
              notifyClient: boolean;
              recurringTaskId: string;
              updatedAt: string;
              updatedBy: string;
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  getRecurringTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        recurringTaskId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            createdAt: string;
            name: string;
            notifyClient: boolean;
            recurringTaskId: string;
            updatedAt: string;
            updatedBy: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      500: components['responses']['InternalError'];
    };
  };
  putRecurringTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        recurringTaskId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          notifyClient: boolean;
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            createdAt: string;
            name: string;
            notifyClient: boolean;
            recurringTaskId: string;
            updatedAt: string;
            updatedBy: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  deleteRecurringTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        recurringTaskId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            deleted: boolean;
            recurringTaskId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  getSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SettingsView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  putSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SettingsBody'];
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SettingsView'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  getClientNotifications: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            showMessageContext: boolean;
            taskReminders: {
              everyDays: number;
              maxCount: number;
            };
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  putClientNotifications: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          showMessageContext: boolean;
          taskReminders: {
            everyDays: number;
            maxCount: number;
          };
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            showMessageContext: boolean;
            taskReminders: {
              everyDays: number;
              maxCount: number;
            };
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  getNotificationMatrix: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            digest: {
              access?: number;
              discussions?: number;
              documents?: number;
              fileRequests?: number;
              tasks?: number;
            };
            /** @enum {string} */
            documentPath: 'portal' | 'process';
            events: {
              category: string;
              label: string;
              locked: boolean;
              /** @enum {string} */
              type:
                | 'document.uploaded'
                | 'document.shared'
                | 'document.published'
                | 'filerequest.created'
                | 'filerequest.fulfilled'
                | 'filerequest.reminded'
                | 'discussion.published'
                | 'comment.added'
                | 'thread.created'
                | 'message.posted'
                | 'task.changed'
                | 'tasks.completed'
                | 'reminder.due'
                | 'invitation.sent'
                | 'case.closed'
                | 'filerequest.item_submitted'
                | 'filerequest.item_returned';
            }[];
            locked: (
              | 'document.uploaded'
              | 'document.shared'
              | 'document.published'
              | 'filerequest.created'
              | 'filerequest.fulfilled'
              | 'filerequest.reminded'
              | 'discussion.published'
              | 'comment.added'
              | 'thread.created'
              | 'message.posted'
              | 'task.changed'
              | 'tasks.completed'
              | 'reminder.due'
              | 'invitation.sent'
              | 'case.closed'
              | 'filerequest.item_submitted'
              | 'filerequest.item_returned'
            )[];
            mandatory: ('documents' | 'fileRequests' | 'discussions' | 'tasks' | 'access')[];
            matrix: {
              'case.closed': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'comment.added': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'discussion.published': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'document.published': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'document.shared': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'document.uploaded': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'filerequest.created': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'filerequest.fulfilled': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'filerequest.item_returned': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'filerequest.item_submitted': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'filerequest.reminded': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'invitation.sent': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'message.posted': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'reminder.due': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'task.changed': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'tasks.completed': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'thread.created': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
            };
            updatedAt?: string;
            updatedBy?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  putNotificationMatrix: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          digest?: {
            access?: number;
            discussions?: number;
            documents?: number;
            fileRequests?: number;
            tasks?: number;
          };
          /** @enum {string} */
          documentPath?: 'portal' | 'process';
          mandatory: ('documents' | 'fileRequests' | 'discussions' | 'tasks' | 'access')[];
          matrix: {
            'case.closed'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'comment.added'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'discussion.published'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'document.published'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'document.shared'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'document.uploaded'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'filerequest.created'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'filerequest.fulfilled'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'filerequest.item_returned'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'filerequest.item_submitted'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'filerequest.reminded'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'invitation.sent'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'message.posted'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'reminder.due'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'task.changed'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'tasks.completed'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
            'thread.created'?: {
              email: boolean;
              inApp: boolean;
              push: boolean;
            };
          };
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            digest: {
              access?: number;
              discussions?: number;
              documents?: number;
              fileRequests?: number;
              tasks?: number;
            };
            /** @enum {string} */
            documentPath: 'portal' | 'process';
            events: {
              category: string;
              label: string;
              locked: boolean;
              /** @enum {string} */
              type:
                | 'document.uploaded'
                | 'document.shared'
                | 'document.published'
                | 'filerequest.created'
                | 'filerequest.fulfilled'
                | 'filerequest.reminded'
                | 'discussion.published'
                | 'comment.added'
                | 'thread.created'
                | 'message.posted'
                | 'task.changed'
                | 'tasks.completed'
                | 'reminder.due'
                | 'invitation.sent'
                | 'case.closed'
                | 'filerequest.item_submitted'
                | 'filerequest.item_returned';
            }[];
            locked: (
              | 'document.uploaded'
              | 'document.shared'
              | 'document.published'
              | 'filerequest.created'
              | 'filerequest.fulfilled'
              | 'filerequest.reminded'
              | 'discussion.published'
              | 'comment.added'
              | 'thread.created'
              | 'message.posted'
              | 'task.changed'
              | 'tasks.completed'
              | 'reminder.due'
              | 'invitation.sent'
              | 'case.closed'
              | 'filerequest.item_submitted'
              | 'filerequest.item_returned'
            )[];
            mandatory: ('documents' | 'fileRequests' | 'discussions' | 'tasks' | 'access')[];
            matrix: {
              'case.closed': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'comment.added': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'discussion.published': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'document.published': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'document.shared': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'document.uploaded': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'filerequest.created': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'filerequest.fulfilled': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'filerequest.item_returned': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'filerequest.item_submitted': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'filerequest.reminded': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'invitation.sent': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'message.posted': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'reminder.due': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'task.changed': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'tasks.completed': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
              'thread.created': {
                email: boolean;
                inApp: boolean;
                push: boolean;
              };
            };
            updatedAt?: string;
            updatedBy?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listNotificationTemplates: {
    parameters: {
      query?: {
        eventType?:
          | 'document.uploaded'
          | 'document.shared'
          | 'document.published'
          | 'filerequest.created'
          | 'filerequest.fulfilled'
          | 'filerequest.reminded'
          | 'discussion.published'
          | 'comment.added'
          | 'thread.created'
          | 'message.posted'
          | 'task.changed'
          | 'tasks.completed'
          | 'reminder.due'
          | 'invitation.sent'
          | 'case.closed'
          | 'filerequest.item_submitted'
          | 'filerequest.item_returned';
        limit?: number;
        locale?: 'en' | 'es' | 'pt-BR';
        nextToken?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** @enum {string} */
              audience: 'staff' | 'contact';
              category: string;
              /** @enum {string} */
              eventType:
                | 'document.uploaded'
                | 'document.shared'
                | 'document.published'
                | 'filerequest.created'
                | 'filerequest.fulfilled'
                | 'filerequest.reminded'
                | 'discussion.published'
                | 'comment.added'
                | 'thread.created'
                | 'message.posted'
                | 'task.changed'
                | 'tasks.completed'
                | 'reminder.due'
                | 'invitation.sent'
                | 'case.closed'
                | 'filerequest.item_submitted'
                | 'filerequest.item_returned';
              /** @enum {string} */
              locale: 'en' | 'es' | 'pt-BR';
              overrides: {
                email?: {
                  body: string;
                  subject?: string;
                  title?: string;
                  updatedAt: string;
                  updatedBy: string;
                };
                inApp?: {
                  body: string;
                  subject?: string;
                  title?: string;
                  updatedAt: string;
                  updatedBy: string;
                };
                push?: {
                  body: string;
                  subject?: string;
                  title?: string;
                  updatedAt: string;
                  updatedBy: string;
                };
              };
              sample: {
                [key: string]: string | number;
              };
              shipped: {
                action?: string;
                body: string;
                emailBody?: string;
                footer?: string;
                subject: string;
                title: string;
              };
              templateId: string;
              variables: string[];
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  putNotificationTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        channel: 'email' | 'inApp' | 'push';
        locale: 'en' | 'es' | 'pt-BR';
        templateId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          body?: string;
          subject?: string;
          title?: string;
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            audience: 'staff' | 'contact';
            category: string;
            /** @enum {string} */
            eventType:
              | 'document.uploaded'
              | 'document.shared'
              | 'document.published'
              | 'filerequest.created'
              | 'filerequest.fulfilled'
              | 'filerequest.reminded'
              | 'discussion.published'
              | 'comment.added'
              | 'thread.created'
              | 'message.posted'
              | 'task.changed'
              | 'tasks.completed'
              | 'reminder.due'
              | 'invitation.sent'
              | 'case.closed'
              | 'filerequest.item_submitted'
              | 'filerequest.item_returned';
            /** @enum {string} */
            locale: 'en' | 'es' | 'pt-BR';
            overrides: {
              email?: {
                body: string;
                subject?: string;
                title?: string;
                updatedAt: string;
                updatedBy: string;
              };
              inApp?: {
                body: string;
                subject?: string;
                title?: string;
                updatedAt: string;
                updatedBy: string;
              };
              push?: {
                body: string;
                subject?: string;
                title?: string;
                updatedAt: string;
                updatedBy: string;
              };
            };
            sample: {
              [key: string]: string | number;
            };
            shipped: {
              action?: string;
              body: string;
              emailBody?: string;
              footer?: string;
              subject: string;
              title: string;
            };
            templateId: string;
            variables: string[];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  deleteNotificationTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        channel: 'email' | 'inApp' | 'push';
        locale: 'en' | 'es' | 'pt-BR';
        templateId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            audience: 'staff' | 'contact';
            category: string;
            /** @enum {string} */
            eventType:
              | 'document.uploaded'
              | 'document.shared'
              | 'document.published'
              | 'filerequest.created'
              | 'filerequest.fulfilled'
              | 'filerequest.reminded'
              | 'discussion.published'
              | 'comment.added'
              | 'thread.created'
              | 'message.posted'
              | 'task.changed'
              | 'tasks.completed'
              | 'reminder.due'
              | 'invitation.sent'
              | 'case.closed'
              | 'filerequest.item_submitted'
              | 'filerequest.item_returned';
            /** @enum {string} */
            locale: 'en' | 'es' | 'pt-BR';
            overrides: {
              email?: {
                body: string;
                subject?: string;
                title?: string;
                updatedAt: string;
                updatedBy: string;
              };
              inApp?: {
                body: string;
                subject?: string;
                title?: string;
                updatedAt: string;
                updatedBy: string;
              };
              push?: {
                body: string;
                subject?: string;
                title?: string;
                updatedAt: string;
                updatedBy: string;
              };
            };
            sample: {
              [key: string]: string | number;
            };
            shipped: {
              action?: string;
              body: string;
              emailBody?: string;
              footer?: string;
              subject: string;
              title: string;
            };
            templateId: string;
            variables: string[];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  listStaff: {
    parameters: {
      query?: {
        limit?: number;
        nextToken?: string;
        status?: 'active' | 'inactive';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              deactivatedAt?: string;
              email: string;
              invitedAt: string;
              language?: string;
              name: string;
              /** @enum {string} */
              role: 'admin' | 'staff';
              /** @enum {string} */
              status: 'active' | 'inactive';
              userId: string;
            }[];
            nextToken?: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      500: components['responses']['InternalError'];
    };
  };
  inviteStaff: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          email: components['schemas']['Email'];
          language: components['schemas']['Locale'];
          name: string;
          /** @enum {string} */
          role: 'admin' | 'staff';
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            created: boolean;
            user: {
              deactivatedAt?: string;
              email: string;
              invitedAt: string;
              language?: string;
              name: string;
              /** @enum {string} */
              role: 'admin' | 'staff';
              /** @enum {string} */
              status: 'active' | 'inactive';
              userId: string;
            };
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  updateStaff: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        userId: components['schemas']['StaffUserId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          language?: components['schemas']['Locale'];
          name?: string;
          /** @enum {string} */
          role?: 'admin' | 'staff';
        };
      };
    };
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            deactivatedAt?: string;
            email: string;
            invitedAt: string;
            language?: string;
            name: string;
            /** @enum {string} */
            role: 'admin' | 'staff';
            /** @enum {string} */
            status: 'active' | 'inactive';
            userId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  deactivateStaff: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        userId: components['schemas']['StaffUserId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            deactivatedAt?: string;
            email: string;
            invitedAt: string;
            language?: string;
            name: string;
            /** @enum {string} */
            role: 'admin' | 'staff';
            /** @enum {string} */
            status: 'active' | 'inactive';
            userId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
  reactivateStaff: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        userId: components['schemas']['StaffUserId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            deactivatedAt?: string;
            email: string;
            invitedAt: string;
            language?: string;
            name: string;
            /** @enum {string} */
            role: 'admin' | 'staff';
            /** @enum {string} */
            status: 'active' | 'inactive';
            userId: string;
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['UnprocessableEntity'];
      500: components['responses']['InternalError'];
    };
  };
}
