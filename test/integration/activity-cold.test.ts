// The staff activity list on a cold container (decision 0052): the staff directory leaves its read
// of the caller to the route, whose names' BatchGetItem carries the caller's record, so a cold list
// costs the Query and that one read; the directory still decides, from the record carried.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { httpEvent, staffClaims } from '../../bench/events';
import { activityApi } from '../../functions/api/activity';
import { callerRides } from '../../functions/http/caller-rides';
import { activityRoutes } from '../../functions/http/routes/activity';
import { cachedStaffDirectory } from '../../functions/http/staff-directory';
import { activityStore } from '../../functions/store/activity';
import { caseStore } from '../../functions/store/cases';
import { firmStore } from '../../functions/store/firm';
import { grantLookup } from '../../functions/store/grants';
import { staffKey } from '../../functions/store/keys';
import { LOCAL_CONTACT_CLIENT, LOCAL_STAFF_CLIENT } from '../../local/auth';
import { lambdaContext } from '../../local/lambda-context';
import { apiAs } from './support/client';
import { costInOrder, counted } from './support/round-trips';
import { newFirm, table } from './support/stack';

/** The activity group's handler as its Lambda entry wires it, on the counted table, in a fresh container. */
function coldActivity() {
  const staff = firmStore(counted);
  const rides = callerRides((firmId, userId) => staff.getStaffUser(firmId, userId));
  const handler = activityApi(
    { activity: activityStore(counted), cases: caseStore(counted), grants: grantLookup(counted) },
    {
      clients: { staff: [LOCAL_STAFF_CLIENT], contact: [LOCAL_CONTACT_CLIENT] },
      directory: cachedStaffDirectory(rides.read),
      callerRecord: rides.callerRecord,
    },
  );
  return async (firmId: string, userId: string, caseId: string) => {
    const res = await handler(
      httpEvent(activityRoutes.listCaseActivity, {
        claims: staffClaims(firmId, userId),
        params: { caseId },
      }),
      lambdaContext('activity'),
    );
    return { status: res.statusCode, body: JSON.parse(res.body) as { code?: string; items?: unknown[] } };
  };
}

async function deactivate(firmId: string, userId: string) {
  await table.client.send(
    new UpdateCommand({
      TableName: table.name,
      Key: staffKey(firmId, userId),
      UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': 'inactive' },
    }),
  );
}

async function caseOf(token: string, title: string) {
  const created = await apiAs(token).POST('/cases', { body: { title } });
  expect(created.response.status).toBe(201);
  return created.data!.caseId;
}

describe('Route: GET /cases/{caseId}/activity on a cold container', () => {
  it("reads the page, then the names with the caller's own record: no directory read of its own", async () => {
    // Prepare: a case with entries by the admin only (the caller, another staff user, is named by none)
    const firm = await newFirm('Cold Activity & Co');
    const caseId = await caseOf(firm.admin.token, 'Cold start');
    const list = coldActivity();

    // Act
    let first: Awaited<ReturnType<typeof list>> | undefined;
    const cold = await costInOrder(async () => {
      first = await list(firm.firmId, firm.staff.userId, caseId);
    });
    const warm = await costInOrder(() => list(firm.firmId, firm.staff.userId, caseId));

    // Assess: 2 requests (the Query, then one BatchGetItem) where the directory's GetItem made 3
    expect(first?.status).toBe(200);
    expect(first?.body.items?.length).toBeGreaterThan(0);
    expect(cold.commands).toEqual(['Query', 'BatchGetItem']);
    expect(cold.roundTrips).toBe(2);
    expect(warm.commands).toEqual(['Query', 'BatchGetItem']);
  });

  it('an inactive caller gets 403 staff_not_active from the record the names’ read carried', async () => {
    // Prepare
    const firm = await newFirm('Cold Activity & Co');
    const caseId = await caseOf(firm.admin.token, 'Cold start');
    await deactivate(firm.firmId, firm.staff.userId);
    const list = coldActivity();

    // Act
    let res: Awaited<ReturnType<typeof list>> | undefined;
    const cost = await costInOrder(async () => {
      res = await list(firm.firmId, firm.staff.userId, caseId);
    });

    // Assess: the page read went out, and is not the answer
    expect(res?.status).toBe(403);
    expect(res?.body.code).toBe('staff_not_active');
    expect(res?.body.items).toBeUndefined();
    expect(cost.commands).toEqual(['Query', 'BatchGetItem']);
  });

  it('an empty page (an unknown case): the directory reads the caller beside the case check', async () => {
    // Prepare
    const firm = await newFirm('Cold Activity & Co');
    const list = coldActivity();

    // Act
    let res: Awaited<ReturnType<typeof list>> | undefined;
    const cost = await costInOrder(async () => {
      res = await list(firm.firmId, firm.staff.userId, '01KDVDNA0664QTKAA93N13DD0X');
    });

    // Assess: 404, after the Query and then the case and the caller read together
    expect(res?.status).toBe(404);
    expect(res?.body.code).toBe('case_not_found');
    expect(cost.commands).toEqual(['Query', 'GetItem', 'GetItem']);
    expect(cost.roundTrips).toBe(2);
  });

  it('a caller nobody lists gets 403 even for an unknown case (the directory decides first)', async () => {
    // Prepare
    const firm = await newFirm('Cold Activity & Co');
    const list = coldActivity();

    // Act
    const res = await list(firm.firmId, '01KDVDNA0664QTKAA93N13DD0Y', '01KDVDNA0664QTKAA93N13DD0X');

    // Assess
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('staff_not_active');
  });
});
