// The live channel (issue 19, decision 0045): an API Gateway WebSocket API whose $connect redeems a
// single-use ticket (POST /live/ticket on the HTTP API), a connections function for its routes, and
// a fan-out function on the table stream (inbox items and counters, chat messages, thread task counts,
// revoked grants only) that posts to the open connections through the Management API.
import { type CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { type CfnStage, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { liveEntities } from '../functions/live/entities';
import { PorticoFunction, TABLE, type TableGrant } from './function';
import { acknowledge, acknowledgeWildcard } from './nag';

export interface LiveProps {
  table: ITable;
}

/** The WebSocket stage's name (the last segment of its wss:// URL and of the callback URL). */
export const LIVE_STAGE = 'live';

/** $connect takes the ticket (delete, returning it) and records the connection; $disconnect deletes it. */
export const liveConnectionsTableGrant: TableGrant = {
  actions: [TABLE.PUT, TABLE.DELETE],
  indexQueries: false,
};
/**
 * The fan-out reads grants and threads, finds connections and a portal identity's unread counters
 * (GSI1 only), and forgets closed connections.
 */
export const liveFanOutTableGrant: TableGrant = { actions: [TABLE.GET, TABLE.DELETE], indexQueries: true };

/** Stream records the fan-out acts on; the same entities as functions/live/stream.ts reads. */
export const liveRecords = {
  dynamodb: { NewImage: { entity: { S: FilterRule.or(...liveEntities) } } },
};

export class Live extends Construct {
  readonly api: WebSocketApi;
  readonly stage: WebSocketStage;
  readonly connections: PorticoFunction;
  readonly fanOut: PorticoFunction;

  constructor(scope: Construct, id: string, props: LiveProps) {
    super(scope, id);

    this.connections = new PorticoFunction(this, 'Connections', {
      entry: 'functions/handlers/live-connections.ts',
      description: 'Live channel WebSocket routes: $connect redeems a ticket, $disconnect forgets the socket',
      timeout: Duration.seconds(10),
    }).bindTable(props.table, liveConnectionsTableGrant);

    const integration = new WebSocketLambdaIntegration('Connections', this.connections.lambda);
    this.api = new WebSocketApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-live`,
      description: 'Portico live channel: inbox and chat hints pushed to open portals',
      connectRouteOptions: { integration },
      disconnectRouteOptions: { integration },
      defaultRouteOptions: { integration },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: LIVE_STAGE,
      autoDeploy: true,
      // Clients only connect and ping; this bounds what a runaway one can cost.
      throttle: { rateLimit: 50, burstLimit: 100 },
    });
    // No query string in the access log: $connect's holds the ticket.
    (this.stage.node.defaultChild as CfnStage).accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: AccessLogFormat.custom(
        JSON.stringify({
          requestId: '$context.requestId',
          time: '$context.requestTime',
          eventType: '$context.eventType',
          routeKey: '$context.routeKey',
          connectionId: '$context.connectionId',
          status: '$context.status',
          ip: '$context.identity.sourceIp',
        }),
      ).toString(),
    };
    for (const route of ['$connect', '$disconnect', '$default'])
      acknowledge(
        this.api.node.findChild(`${route}-Route`),
        'AwsSolutions-APIG4',
        route === '$connect'
          ? 'Browsers cannot send a bearer token on a WebSocket: $connect redeems a single-use ticket that an authenticated HTTP route issued (decision 0045), and refuses the upgrade without one.'
          : 'Reached only on a connection whose $connect redeemed a ticket.',
      );

    this.fanOut = new PorticoFunction(this, 'FanOut', {
      entry: 'functions/handlers/live-fanout.ts',
      description:
        'Table stream to live messages, posted to the open WebSocket connections allowed to read them',
      timeout: Duration.seconds(30),
    }).bindTable(props.table, liveFanOutTableGrant);
    this.fanOut.lambda.addEnvironment('LIVE_CALLBACK_URL', this.stage.callbackUrl);
    this.stage.grantManagementApiAccess(this.fanOut.lambda);
    const apiId = Stack.of(this).resolve((this.api.node.defaultChild as CfnElement).logicalId) as string;
    acknowledgeWildcard(
      this.fanOut,
      `arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${apiId}>/${LIVE_STAGE}/*/@connections/*`,
      "execute-api:ManageConnections on the live stage's connections (ids are only known at run time); no other API or stage.",
    );

    // A hint that arrives late is worth little: start at the newest record, never replay old ones,
    // and give up on a record after a few tries instead of holding the shard.
    this.fanOut.lambda.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 100,
        retryAttempts: 2,
        maxRecordAge: Duration.minutes(5),
        filters: [FilterCriteria.filter(liveRecords)],
      }),
    );
  }

  /** Where browsers connect: `wss://…/live`. */
  get url(): string {
    return this.stage.url;
  }
}
