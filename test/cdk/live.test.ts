// The live channel's infrastructure (lib/live.ts): the WebSocket API and its routes, the stage and
// its access log (no query string: $connect's holds the ticket), the fan-out on the table stream
// (filtered to the entities it reads, from the newest record), and both functions' exact rights.
import { describe, expect, it } from 'vitest';
import { liveEntities } from '../../functions/live/entities';
import { Entity } from '../../functions/store/keys';
import type { PorticoFunction } from '../../lib/function';
import { LIVE_STAGE } from '../../lib/live';
import { asArray, type CfnResourceJson, logicalId, ref, synthPortico } from './app';

// Prepare (shared)
const { stack, template } = synthPortico();
const resources = (type: string) => template.findResources(type) as Record<string, CfnResourceJson>;
const wsApi = logicalId(stack.live.api);

interface Statement {
  Action: string | string[];
  Resource: unknown;
}
function statementsOf(fn: PorticoFunction): Statement[] {
  const props = resources('AWS::Lambda::Function')[logicalId(fn.lambda)]!.Properties;
  const roleId = (props.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(resources('AWS::IAM::Policy'))
    .filter((p) =>
      asArray(p.Properties.Roles as unknown[]).some(
        (r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId }),
      ),
    )
    .flatMap((p) => asArray((p.Properties.PolicyDocument as { Statement: Statement[] }).Statement));
}
const actionsOf = (fn: PorticoFunction) =>
  [...new Set(statementsOf(fn).flatMap((s) => asArray(s.Action)))]
    .filter((a) => !/^(logs|xray):/.test(a))
    .sort();
const envOf = (fn: PorticoFunction) =>
  (
    resources('AWS::Lambda::Function')[logicalId(fn.lambda)]!.Properties.Environment as {
      Variables: Record<string, unknown>;
    }
  ).Variables;

describe('Stack: Portico', () => {
  describe('live channel', () => {
    it('is a WebSocket API whose $connect, $disconnect and $default go to the connections function', () => {
      // Act
      const api = resources('AWS::ApiGatewayV2::Api')[wsApi]!.Properties;
      const routes = Object.values(resources('AWS::ApiGatewayV2::Route')).filter(
        (r) => JSON.stringify(r.Properties.ApiId) === JSON.stringify({ Ref: wsApi }),
      );
      const integrations = Object.values(resources('AWS::ApiGatewayV2::Integration')).filter(
        (r) => JSON.stringify(r.Properties.ApiId) === JSON.stringify({ Ref: wsApi }),
      );

      // Assess
      expect(api.ProtocolType).toBe('WEBSOCKET');
      expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual([
        '$connect',
        '$default',
        '$disconnect',
      ]);
      expect(integrations).toHaveLength(1);
      expect(JSON.stringify(integrations[0]!.Properties.IntegrationUri)).toContain(
        logicalId(stack.live.connections.lambda),
      );
    });

    it('deploys a throttled stage whose access log leaves the query string (the ticket) out', () => {
      const stage = Object.values(resources('AWS::ApiGatewayV2::Stage')).find(
        (s) => JSON.stringify(s.Properties.ApiId) === JSON.stringify({ Ref: wsApi }),
      )!.Properties;
      expect(stage.StageName).toBe(LIVE_STAGE);
      expect(stage.AutoDeploy).toBe(true);
      expect(stage.DefaultRouteSettings).toMatchObject({
        ThrottlingRateLimit: 50,
        ThrottlingBurstLimit: 100,
      });
      const format = (stage.AccessLogSettings as { Format: string }).Format;
      expect(format).toContain('$context.connectionId');
      expect(format).not.toMatch(/querystring|ticket|request\.querystring/i);
    });

    it('runs the fan-out on the table stream from the newest record, only for the entities it reads', () => {
      const mapping = Object.values(resources('AWS::Lambda::EventSourceMapping')).find(
        (m) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify(ref(stack.live.fanOut.lambda)),
      )!.Properties;
      expect(mapping.StartingPosition).toBe('LATEST');
      expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [logicalId(stack.table), 'StreamArn'] });
      const [filter] = (mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
      expect(JSON.parse(filter!.Pattern)).toEqual({
        dynamodb: { NewImage: { entity: { S: [...liveEntities] } } },
      });
      expect([...liveEntities].sort()).toEqual(
        [Entity.grant, Entity.inboxCounter, Entity.inboxItem, Entity.message, Entity.thread].sort(),
      );
    });

    it('lets the fan-out manage connections of the live stage only, and tells it where', () => {
      const manage = statementsOf(stack.live.fanOut).filter((s) =>
        asArray(s.Action).includes('execute-api:ManageConnections'),
      );
      expect(manage).toHaveLength(1);
      const resource = JSON.stringify(manage[0]!.Resource);
      expect(resource).toContain(JSON.stringify({ Ref: wsApi }));
      expect(resource).toContain(`/${LIVE_STAGE}/*/@connections/*`);
      expect(JSON.stringify(envOf(stack.live.fanOut).LIVE_CALLBACK_URL)).toContain(`/${LIVE_STAGE}`);
    });

    it('gives each live function exactly its table actions, and no secret', () => {
      expect(actionsOf(stack.live.connections)).toEqual(['dynamodb:DeleteItem', 'dynamodb:PutItem']);
      expect(actionsOf(stack.live.fanOut)).toEqual(
        [
          'dynamodb:DeleteItem',
          'dynamodb:DescribeStream',
          'dynamodb:GetItem',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
          'dynamodb:Query',
          'execute-api:ManageConnections',
        ].sort(),
      );
      for (const fn of [stack.live.connections, stack.live.fanOut])
        expect(envOf(fn).CURSOR_SECRET_ARN).toBeUndefined();
    });

    it('tells the ticket route (inbox group) and the outputs where browsers connect', () => {
      const url = JSON.stringify(envOf(stack.groupFunctions.get('inbox')!).LIVE_URL);
      expect(url).toContain('wss://');
      expect(url).toContain(JSON.stringify({ Ref: wsApi }));
      expect(Object.keys(template.findOutputs('LiveUrl'))).toEqual(['LiveUrl']);
    });
  });
});
