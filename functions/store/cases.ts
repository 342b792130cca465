// DynamoDB adapter of the CaseStore port.
import type { Case, CaseStore } from '../domain/cases';
import { conflict } from '../domain/errors';
import { Entity, keys, patterns } from './keys';
import { getItem, putActivity, queryPage, type Table, toItem, transact } from './table';

export function caseStore(table: Table): CaseStore {
  return {
    createCase: (c, event) =>
      transact(
        table,
        [
          {
            Put: {
              TableName: table.name,
              Item: toItem(keys.case(c.firmId, c.caseId), Entity.case, c),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          putActivity(table, event),
        ],
        { 0: () => conflict('case_exists', 'A case with this id already exists.') },
      ),
    getCase: (firmId, caseId) => getItem<Case>(table, keys.case(firmId, caseId)),
    listCases: (firmId, page) => queryPage<Case>(table, patterns.casesOfFirm(firmId), page),
  };
}
