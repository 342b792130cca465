// DynamoDB adapter of the CaseStore port: the case item, its list indexes (decision 0036) and its
// lifecycle changes, each with its activity entries in one transaction.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  CASE_CHANGED_MEANWHILE,
  type Case,
  type CaseFilter,
  type CaseStore,
  caseClosed,
  searchableTitle,
} from '../domain/cases';
import { conflict, type DomainError } from '../domain/errors';
import type { StaffUser } from '../domain/firm';
import type { Grant } from '../domain/grants';
import type { SavedRecipients } from '../domain/recipients';
import {
  caseByOwnerKey,
  caseByStatusAndTitleKey,
  caseKey,
  casesByStatusPattern,
  casesOfFirmPattern,
  casesOfOwnerPattern,
  Entity,
  grantKey,
  grantsOfCasePattern,
  type QuerySpec,
  recipientsKey,
  staffKey,
} from './keys';
import {
  conditionCheck,
  getItem,
  getNamed,
  putActivity,
  queryAll,
  queryPage,
  type Table,
  type TransactItem,
  toItem,
  transact,
  writeRetrying,
} from './table';

/** The case's list-index keys: rewritten whenever its title, owner or status changes. */
const indexKeys = (c: Case) => ({
  ...caseByStatusAndTitleKey(c.firmId, c.status, searchableTitle(c.title), c.caseId),
  ...caseByOwnerKey(c.firmId, c.ownerId, c.status, c.caseId),
});

const caseItem = (c: Case) => toItem({ ...caseKey(c.firmId, c.caseId), ...indexKeys(c) }, Entity.case, c);

/** The one Query a filter is served by (decision 0036). */
function listPattern(firmId: string, filter: CaseFilter): QuerySpec {
  if (filter.ownerId) return casesOfOwnerPattern(firmId, filter.ownerId, filter.status);
  if (filter.status) return casesByStatusPattern(firmId, filter.status, filter.titlePrefix ?? '');
  return casesOfFirmPattern(firmId);
}

/** Items one DynamoDB transaction holds. */
const TRANSACTION_ITEMS = 100;
/** Title copies written at once after the transaction (a case with very many contacts). */
const FOLLOW_UP_PARALLEL = 8;

const changedMeanwhile = () =>
  conflict(CASE_CHANGED_MEANWHILE, 'The case was changed by someone else at the same time: try again.');

/**
 * The guard a portal write carries in its transaction: the case is open (else 403 case_closed).
 * Cases are never deleted, so a failed check means closed.
 */
export function caseOpenCheck(table: Table, firmId: string, caseId: string): TransactItem {
  return conditionCheck(table, caseKey(firmId, caseId), {
    expression: 'attribute_exists(PK) AND #caseStatus <> :caseClosed',
    names: { '#caseStatus': 'status' },
    values: { ':caseClosed': 'closed' },
  });
}

/**
 * A transaction that, when `whileOpen` names a case (a contact's write), also holds only while that
 * case is open: the guard rides last, and its failure is 403 case_closed. Without it, plain transact.
 */
export function transactWhileOpen(
  table: Table,
  whileOpen: { firmId: string; caseId: string } | undefined,
  items: TransactItem[],
  onConditionFailed: Record<number, () => DomainError> = {},
): Promise<void> {
  if (!whileOpen) return transact(table, items, onConditionFailed);
  return transact(table, [...items, caseOpenCheck(table, whileOpen.firmId, whileOpen.caseId)], {
    ...onConditionFailed,
    [items.length]: caseClosed,
  });
}

export function caseStore(table: Table): CaseStore {
  return {
    createCase: (c, event) =>
      transact(
        table,
        [
          {
            Put: {
              TableName: table.name,
              Item: caseItem(c),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          putActivity(table, event),
        ],
        { 0: () => conflict('case_exists', 'A case with this id already exists.') },
      ),
    getCase: (firmId, caseId) => getItem<Case>(table, caseKey(firmId, caseId)),
    listCases: (firmId, filter, page) => queryPage<Case>(table, listPattern(firmId, filter), page),
    async caseParts(firmId, caseId, { ownerId, grants }) {
      // The grants (a rename rewrites their copy of the title) are queried alongside: one round trip.
      const [got, ofCase] = await Promise.all([
        getNamed(table, {
          case: caseKey(firmId, caseId),
          saved: recipientsKey(firmId, caseId),
          ...(ownerId ? { owner: staffKey(firmId, ownerId) } : {}),
        }),
        grants
          ? queryAll<Grant>(table, grantsOfCasePattern(firmId, caseId), { consistent: false })
          : undefined,
      ]);
      return {
        ...(got as { case?: Case; saved?: SavedRecipients; owner?: StaffUser }),
        ...(ofCase ? { grants: ofCase.map(({ contactId, caseTitle }) => ({ contactId, caseTitle })) } : {}),
      };
    },
    async changeCase({ before, after, events, recipients, retitleGrantsOf = [] }) {
      const items: TransactItem[] = [
        {
          // The whole item is put again (its index keys move with title, owner and status), guarded
          // by the fields a lifecycle change decides on and by notifyClient, which another route sets.
          Put: {
            TableName: table.name,
            Item: caseItem(after),
            ConditionExpression:
              'attribute_exists(PK) AND #title = :title AND ownerId = :owner AND #status = :status AND notifyClient = :notify',
            ExpressionAttributeNames: { '#title': 'title', '#status': 'status' },
            ExpressionAttributeValues: {
              ':title': before.title,
              ':owner': before.ownerId,
              ':status': before.status,
              ':notify': before.notifyClient,
            },
          },
        },
        ...events.map((e) => putActivity(table, e)),
      ];
      const onFailed: Record<number, () => DomainError> = { 0: changedMeanwhile };
      if (recipients) {
        const key = recipientsKey(before.firmId, before.caseId);
        onFailed[items.length] = changedMeanwhile;
        items.push(
          recipients.save
            ? {
                Put: {
                  TableName: table.name,
                  Item: toItem(key, Entity.recipients, recipients.save),
                  ConditionExpression: 'updatedAt = :readAt',
                  ExpressionAttributeValues: { ':readAt': recipients.read?.updatedAt },
                },
              }
            : conditionCheck(
                table,
                key,
                recipients.read
                  ? { expression: 'updatedAt = :readAt', values: { ':readAt': recipients.read.updatedAt } }
                  : { expression: 'attribute_not_exists(PK)' },
              ),
        );
      }
      const retitle = (contactId: string) => ({
        TableName: table.name,
        Key: grantKey(after.firmId, after.caseId, contactId),
        UpdateExpression: 'SET caseTitle = :t',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':t': after.title },
      });
      const room = TRANSACTION_ITEMS - items.length;
      for (const contactId of retitleGrantsOf.slice(0, room)) items.push({ Update: retitle(contactId) });
      await transact(table, items, onFailed);
      // A case with more grants than one transaction holds: the other copies follow, one idempotent
      // write each (the same rename sent again mends any an interruption left).
      const rest = retitleGrantsOf.slice(room);
      for (let i = 0; i < rest.length; i += FOLLOW_UP_PARALLEL)
        await Promise.all(
          rest
            .slice(i, i + FOLLOW_UP_PARALLEL)
            .map((contactId) =>
              writeRetrying(() => table.client.send(new UpdateCommand(retitle(contactId)))),
            ),
        );
    },
  };
}
