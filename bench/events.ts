// Lambda events the benchmark invokes handlers with: API Gateway v2 HTTP events (as the HttpApi
// and local/gateway.ts build them), a one-record DynamoDB stream batch, EventBridge envelopes.
import { randomUUID } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  DynamoDBStreamEvent,
  EventBridgeEvent,
} from 'aws-lambda';
import type { DomainEvent } from '../functions/events/catalogue';
import type { RouteDef } from '../functions/http/route';
import { routeKey } from '../functions/http/route';
import { activityKey, Entity } from '../functions/store/keys';
import { toItem } from '../functions/store/table';
import { localClientClaims } from '../local/auth';

export type Claims = Record<string, string>;

export interface HttpCall {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  claims?: Claims;
}

export const staffClaims = (firmId: string, userId: string, role: 'admin' | 'staff' = 'staff'): Claims => ({
  sub: userId,
  firmId,
  role,
});
/** A portal login's ID token claims: accepting binds only a login whose verified email is the invited one. */
export const contactClaims = (identityId: string, email?: string): Claims => ({
  sub: identityId,
  ...(email ? { email, email_verified: 'true' } : {}),
});

/** Claims as the local sign-in issues them: staff claims with the staff client's `aud`, others the contact client's. */
const withClient = (claims: Claims | undefined): Claims =>
  claims ? { ...(localClientClaims(claims) as Claims), ...claims } : {};

/** The API Gateway v2 payload of one call of `route` (what the HttpApi hands the group Lambda). */
export function httpEvent(route: RouteDef, call: HttpCall): APIGatewayProxyEventV2WithJWTAuthorizer {
  const path = route.path.replace(/\{(\w+)\}/g, (_, n: string) =>
    encodeURIComponent(call.params?.[n] ?? `{${n}}`),
  );
  const query = new URLSearchParams(call.query ?? {});
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: path,
    rawQueryString: query.toString(),
    headers: { host: 'bench.local', ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(call.query && Object.keys(call.query).length ? { queryStringParameters: call.query } : {}),
    ...(call.params && Object.keys(call.params).length ? { pathParameters: call.params } : {}),
    ...(body ? { body } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench.local',
      domainPrefix: 'bench',
      http: {
        method: route.method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'portico-bench',
      },
      requestId: randomUUID(),
      routeKey: routeKey(route),
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: withClient(call.claims), scopes: [] },
      },
    },
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** A stream batch with the INSERT of one activity entry, as DynamoDB Streams delivers it. */
export function streamBatch(tableName: string, event: DomainEvent): DynamoDBStreamEvent {
  const item = toItem(activityKey(event.firmId, event.caseId, event.eventId), Entity.activity, event);
  const image = marshall(item, { removeUndefinedValues: true });
  return {
    Records: [
      {
        eventID: randomUUID(),
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'us-east-1',
        dynamodb: {
          Keys: marshall(activityKey(event.firmId, event.caseId, event.eventId)) as never,
          NewImage: image as never,
          SequenceNumber: '100000000000000000001',
          SizeBytes: JSON.stringify(item).length,
          StreamViewType: 'NEW_IMAGE',
        },
        eventSourceARN: `arn:aws:dynamodb:us-east-1:000000000000:table/${tableName}/stream/bench`,
      },
    ],
  };
}

/** An EventBridge envelope as a rule delivers it to a target. */
export function busEnvelope<D>(source: string, detailType: string, detail: D): EventBridgeEvent<string, D> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source,
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [],
    detail,
  };
}
