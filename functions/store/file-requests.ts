// DynamoDB adapter of the FileRequestStore port: a request is one item of its case (its items, when
// it is a request list, a list on it), listed newest first; its status moves and item moves are
// conditional updates written with their event in one transaction.
import { conflict, notFound } from '../domain/errors';
import type { RequestItem } from '../domain/file-request-items';
import type { FileRequest, FileRequestStore } from '../domain/file-requests';
import { fileRequestReminderPut } from './file-request-reminders';
import { caseKey, Entity, fileRequestKey, fileRequestsOfCasePattern } from './keys';

import {
  conditionCheck,
  failedConditionAt,
  getItem,
  putActivity,
  queryPage,
  type Table,
  type TransactItem,
  toItem,
  transact,
} from './table';

export const notOpen = () => conflict('file_request_not_open', 'This file request is no longer open.');
/** A request list's item move lost to another move of the same request: read it again. */
export const requestMoved = () => conflict('file_request_moved', 'The file request changed meanwhile.');

export function fileRequestStore(table: Table): FileRequestStore {
  return {
    createFileRequest(r, event) {
      // One array, so what else a new request needs (its reminder schedule) is one more entry.
      const items: TransactItem[] = [
        conditionCheck(table, caseKey(r.firmId, r.caseId)),
        {
          Put: {
            TableName: table.name,
            Item: toItem(fileRequestKey(r.firmId, r.caseId, r.requestId), Entity.fileRequest, r),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        // Reminded until fulfilled or cancelled: the schedule is born with the request (decision 0044).
        fileRequestReminderPut(table, r),
        putActivity(table, event),
      ];
      return transact(table, items, { 0: () => notFound('case') });
    },

    getFileRequest: (firmId, caseId, requestId) =>
      getItem<FileRequest>(table, fileRequestKey(firmId, caseId, requestId), { consistent: true }),

    listFileRequests(firmId, caseId, filter, page) {
      const clauses: string[] = [];
      const values: Record<string, unknown> = {};
      const status = filter.dueBefore ? 'open' : filter.status;
      if (filter.dueBefore && filter.status && filter.status !== 'open')
        return Promise.resolve({ items: [] });
      if (status) {
        clauses.push('#status = :status');
        values[':status'] = status;
      }
      if (filter.contactId) {
        clauses.push('contains(recipientIds, :contact)');
        values[':contact'] = filter.contactId;
      }
      // Overdue: a filter on the case's requests, not an index (decision 0043): a case holds tens of
      // requests, and no write has to keep a due-date index in step with every status move.
      if (filter.dueBefore) {
        clauses.push('dueDate < :dueBefore');
        values[':dueBefore'] = filter.dueBefore;
      }
      return queryPage<FileRequest>(
        table,
        fileRequestsOfCasePattern(firmId, caseId),
        page,
        clauses.length
          ? {
              expression: clauses.join(' AND '),
              values,
              ...(status ? { names: { '#status': 'status' } } : {}),
            }
          : undefined,
      );
    },

    closeFileRequest: (r, to, entry, event) =>
      transact(table, [closeRequest(table, r, to, entry), putActivity(table, event)], { 0: notOpen }),

    async writeItem(r, index, item, completion, event) {
      try {
        await transact(table, [itemUpdate(table, r, index, item, completion), putActivity(table, event)]);
        return true;
      } catch (err) {
        if (failedConditionAt(err) === 0) return false;
        throw err;
      }
    },
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
      Key: fileRequestKey(r.firmId, r.caseId, r.requestId),
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

/**
 * Item `index` of a request list becomes `item` (and, with `completion`, the request is fulfilled);
 * holds only while the request is open at the revision it was read with, which it bumps.
 */
export function itemUpdate(
  table: Table,
  r: Pick<FileRequest, 'firmId' | 'caseId' | 'requestId' | 'revision'>,
  index: number,
  item: RequestItem,
  completion?: FileRequest['history'][number],
): TransactItem {
  if (!Number.isInteger(index) || index < 0) throw new Error(`not an item index: ${index}`);
  return {
    Update: {
      TableName: table.name,
      Key: fileRequestKey(r.firmId, r.caseId, r.requestId),
      UpdateExpression: `SET #items[${index}] = :item, revision = :next${completion ? ', #status = :fulfilled, history = list_append(history, :entry)' : ''}`,
      ConditionExpression: '#status = :open AND revision = :revision',
      ExpressionAttributeNames: { '#status': 'status', '#items': 'items' },
      ExpressionAttributeValues: {
        ':item': item,
        ':open': 'open',
        ':revision': r.revision ?? 0,
        ':next': (r.revision ?? 0) + 1,
        ...(completion ? { ':fulfilled': 'fulfilled', ':entry': [completion] } : {}),
      },
    },
  };
}
