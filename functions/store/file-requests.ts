import { conflict } from '../domain/errors';
import type { FileRequest, FileRequestStore } from '../domain/file-requests';
import { fileRequestReminderPut } from './file-request-reminders';
import { Entity, keys, patterns } from './keys';

import { getItem, putActivity, putInCase, queryPage, type Table, transact } from './table';

export const notOpen = () => conflict('file_request_not_open', 'This file request is no longer open.');

export function fileRequestStore(table: Table): FileRequestStore {
  return {
    createFileRequest: (r, event) =>
      putInCase(
        table,
        r,
        {
          key: keys.fileRequest(r.firmId, r.caseId, r.requestId),
          entity: Entity.fileRequest,
          data: r,
          once: true,
        },
        event,
        // Reminded until fulfilled or cancelled: the schedule is born with the request (decision 0044).
        [fileRequestReminderPut(table, r)],
      ),

    getFileRequest: (firmId, caseId, requestId) =>
      getItem<FileRequest>(table, keys.fileRequest(firmId, caseId, requestId), { consistent: true }),

    listFileRequests(firmId, caseId, filter, page) {
      const clauses: string[] = [];
      const values: Record<string, unknown> = {};
      if (filter.status) {
        clauses.push('#status = :status');
        values[':status'] = filter.status;
      }
      if (filter.contactId) {
        clauses.push('contains(recipientIds, :contact)');
        values[':contact'] = filter.contactId;
      }
      return queryPage<FileRequest>(
        table,
        patterns.fileRequestsOfCase(firmId, caseId),
        page,
        clauses.length
          ? {
              expression: clauses.join(' AND '),
              values,
              ...(filter.status ? { names: { '#status': 'status' } } : {}),
            }
          : undefined,
      );
    },

    closeFileRequest: (r, to, entry, event) =>
      transact(table, [closeRequest(table, r, to, entry), putActivity(table, event)], { 0: notOpen }),
  };
}

/** open → `to`, with its history entry; holds only while the request is open. */
export function closeRequest(
  table: Table,
  r: Pick<FileRequest, 'firmId' | 'caseId' | 'requestId'>,
  to: 'fulfilled' | 'cancelled',
  entry: FileRequest['history'][number],
  fulfilment?: FileRequest['fulfilment'],
) {
  return {
    Update: {
      TableName: table.name,
      Key: keys.fileRequest(r.firmId, r.caseId, r.requestId),
      UpdateExpression: `SET #status = :to, history = list_append(history, :entry)${fulfilment ? ', fulfilment = :fulfilment' : ''}`,
      ConditionExpression: '#status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':to': to,
        ':open': 'open',
        ':entry': [entry],
        ...(fulfilment ? { ':fulfilment': fulfilment } : {}),
      },
    },
  };
}
