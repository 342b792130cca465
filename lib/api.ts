// The HTTP API, built from the route table (functions/http/routes/): one route per entry, to
// its group's Lambda, behind the JWT authorizer of the sign-in the route serves (staff and admin
// routes: the staff pool and client; contact routes: the contact pool and client; public routes:
// none). Nothing here names a route: adding one to the table adds it to the API.
import { Duration, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { AuthKind, DocumentedRoute, RouteGroup } from '../functions/http/route';
import type { Identity } from './identity';
import { acknowledge } from './nag';

export interface PorticoApiProps {
  /** The route table, as `[routeId, route]` entries. */
  routes: [string, DocumentedRoute][];
  /** The Lambda serving each route group. */
  groupFunctions: ReadonlyMap<RouteGroup, IFunction>;
  identity: Identity;
  portalOrigins: string[];
}

/** One line of JSON per request; no headers, bodies or tokens. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
};

export class PorticoApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** Staff and admin routes: tokens the staff pool issued to the staff client. */
  readonly staffAuthorizer: HttpJwtAuthorizer;
  /** Contact routes: tokens the contact pool issued to the contact client. */
  readonly contactAuthorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: PorticoApiProps) {
    super(scope, id);
    const { routes, groupFunctions, identity, portalOrigins } = props;

    const methods = [...new Set(routes.map(([, r]) => r.method))];
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'Portico API (routes generated from functions/http/routes/)',
      createDefaultStage: false, // the stage below adds access logs and throttling
      corsPreflight: {
        allowOrigins: portalOrigins,
        allowMethods: methods.map((m) => CorsHttpMethod[m]),
        allowHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // Shields the table and Lambda concurrency from one runaway client; raise with real traffic.
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // API Gateway accepts a token when its `iss` is the pool and its `aud` (ID tokens) or `client_id`
    // (access tokens) is the sign-in's client: a client's token never reaches a staff route, nor the reverse.
    this.staffAuthorizer = new HttpJwtAuthorizer('StaffSignIn', identity.issuerOf(identity.staffPool), {
      jwtAudience: [identity.staffClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    this.contactAuthorizer = new HttpJwtAuthorizer('ContactSignIn', identity.issuerOf(identity.contactPool), {
      jwtAudience: [identity.contactClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    const authorizers: Record<AuthKind, HttpJwtAuthorizer | HttpNoneAuthorizer> = {
      staff: this.staffAuthorizer,
      admin: this.staffAuthorizer,
      contact: this.contactAuthorizer,
      public: new HttpNoneAuthorizer(),
    };

    const integrations = new Map<RouteGroup, HttpLambdaIntegration>();
    const integrationOf = (group: RouteGroup) => {
      let integration = integrations.get(group);
      if (!integration) {
        const fn = groupFunctions.get(group);
        if (!fn) throw new Error(`no Lambda for route group ${group}`);
        // One invoke permission per group for the whole API, not one per route: a group serves
        // dozens of routes and a function's resource policy is capped at 20 KB. The function
        // dispatches on the route key and answers 404 to any it does not serve.
        integration = new HttpLambdaIntegration(`${group}Integration`, fn, { scopePermissionToRoute: false });
        integrations.set(group, integration);
      }
      return integration;
    };

    const throttled: Record<string, { rate: number; burst: number }> = {};
    for (const [routeId, route] of routes) {
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationOf(route.group),
        authorizer: authorizers[route.auth],
      });
      if (route.throttle) throttled[`${route.method} ${route.path}`] = route.throttle;
      if (route.auth === 'public' && httpRoute) {
        acknowledge(
          httpRoute,
          'AwsSolutions-APIG4',
          `Route ${routeId} is public by design in the route table: ${route.summary}`,
        );
      }
    }
    // Routes whose calls cost much get a tighter limit than the stage's (THROTTLE in the route table).
    (this.stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
      Object.entries(throttled).map(([key, t]) => [
        key,
        // A JSON-typed property: CloudFormation's own (Pascal-case) names, not the CDK's.
        { ThrottlingRateLimit: t.rate, ThrottlingBurstLimit: t.burst },
      ]),
    );
  }

  get url(): string {
    return this.stage.url;
  }
}
