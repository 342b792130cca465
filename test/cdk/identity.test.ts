// The identity on AWS (lib/identity.ts, lib/api.ts): two user pools (staff: password + TOTP required;
// contacts: passwordless email code), their app clients, SES mail with Portico's texts, the JWT
// authorizer of each sign-in and which routes use which, and the stack outputs portals read.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routeKey } from '../../functions/http/route';
import { routeEntries } from '../../functions/http/routes';
import { TEMPORARY_PASSWORD_DAYS } from '../../functions/identity/messages';
import { type CfnResourceJson, logicalId, ref, synthPortico } from './app';

// Prepare (shared)
const { stack, template } = synthPortico();
const resources = (type: string) => template.findResources(type) as Record<string, CfnResourceJson>;
const props = (construct: Parameters<typeof logicalId>[0], type: string) =>
  resources(type)[logicalId(construct)]!.Properties;
const staffPool = () => props(stack.identity.staffPool, 'AWS::Cognito::UserPool');
const contactPool = () => props(stack.identity.contactPool, 'AWS::Cognito::UserPool');
const staffClient = () => props(stack.identity.staffClient, 'AWS::Cognito::UserPoolClient');
const contactClient = () => props(stack.identity.contactClient, 'AWS::Cognito::UserPoolClient');
const mailFunctionArn = { 'Fn::GetAtt': [logicalId(stack.identity.mailFunction.lambda), 'Arn'] };

describe('Stack: Portico', () => {
  describe('identity: user pools', () => {
    it('has exactly two pools and two app clients', () => {
      // Assess
      template.resourceCountIs('AWS::Cognito::UserPool', 2);
      template.resourceCountIs('AWS::Cognito::UserPoolClient', 2);
    });

    it.each([
      ['staff', staffPool],
      ['contact', contactPool],
    ])(
      '%s pool: email is the username (case-insensitive), no self sign-up, retained and protected',
      (_name, pool) => {
        // Act
        const p = pool();

        // Assess
        expect(p.UsernameAttributes).toEqual(['email']);
        expect(p.UsernameConfiguration).toEqual({ CaseSensitive: false });
        expect(p.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
        expect(p.DeletionProtection).toBe('ACTIVE');
        expect(p.UserPoolTier).toBe('ESSENTIALS');
        // An email change takes effect only once the new address is verified.
        expect(p.UserAttributeUpdateSettings).toEqual({
          AttributesRequireVerificationBeforeUpdate: ['email'],
        });
      },
    );

    it.each([
      ['staff', () => stack.identity.staffPool],
      ['contact', () => stack.identity.contactPool],
    ])('%s pool is kept when removed from the stack (Retain)', (_name, pool) => {
      // Assess
      expect(template.toJSON().Resources[logicalId(pool())]).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    it.each([
      ['staff', staffPool],
      ['contact', contactPool],
    ])(
      '%s pool mails through SES (DEVELOPER) from the sender, with the configuration set, never Cognito’s sender',
      (_name, pool) => {
        // Act
        const mail = pool().EmailConfiguration as Record<string, unknown>;

        // Assess
        expect(mail.EmailSendingAccount).toBe('DEVELOPER');
        expect(mail.From).toBe('Client portal <no-reply@example.com>');
        expect(mail.ConfigurationSet).toEqual(ref(stack.mail.configurationSet));
        expect(JSON.stringify(mail.SourceArn)).toContain(':identity/no-reply@example.com');
        expect(JSON.stringify(mail.SourceArn)).toContain('{"Ref":"AWS::Region"}'); // the stack's region
      },
    );

    it.each([
      ['staff', staffPool],
      ['contact', contactPool],
    ])('%s pool calls the Portico mail function as its CustomMessage trigger', (_name, pool) => {
      // Assess
      expect(pool().LambdaConfig).toEqual({ CustomMessage: mailFunctionArn });
    });

    it('lets Cognito invoke the mail function only from the two pools', () => {
      // Act
      const invokers = Object.values(resources('AWS::Lambda::Permission'))
        .filter((p) => JSON.stringify(p.Properties.FunctionName) === JSON.stringify(mailFunctionArn))
        .map((p) => p.Properties);

      // Assess
      expect(invokers).toHaveLength(2);
      for (const p of invokers) expect(p.Principal).toBe('cognito-idp.amazonaws.com');
      expect(invokers.map((p) => p.SourceArn)).toEqual(
        expect.arrayContaining([
          { 'Fn::GetAtt': [logicalId(stack.identity.staffPool), 'Arn'] },
          { 'Fn::GetAtt': [logicalId(stack.identity.contactPool), 'Arn'] },
        ]),
      );
    });

    it('staff pool: MFA required, TOTP only (no SMS), password policy, invitation validity, email recovery', () => {
      // Act
      const p = staffPool();

      // Assess
      expect(p.MfaConfiguration).toBe('ON');
      expect(p.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
      expect(p.Policies).toEqual({
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          RequireUppercase: true,
          TemporaryPasswordValidityDays: TEMPORARY_PASSWORD_DAYS,
        },
      });
      expect(p.AccountRecoverySetting).toEqual({
        RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }],
      });
      expect(p.SmsConfiguration).toBeUndefined();
    });

    it('staff pool: custom firmId (a ULID) and role attributes', () => {
      // Assess
      expect(staffPool().Schema).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Name: 'firmId',
            AttributeDataType: 'String',
            Mutable: true,
            StringAttributeConstraints: { MinLength: '26', MaxLength: '26' },
          }),
          expect.objectContaining({ Name: 'role', AttributeDataType: 'String', Mutable: true }),
        ]),
      );
    });

    it('contact pool: MFA off, passwordless email OTP as a first factor, no custom attributes, no password recovery', () => {
      // Act
      const p = contactPool();

      // Assess
      expect(p.MfaConfiguration).toBe('OFF');
      expect(p.EnabledMfas).toBeUndefined();
      expect((p.Policies as { SignInPolicy: unknown }).SignInPolicy).toEqual({
        AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'],
      });
      const schema = p.Schema as { Name: string; AttributeDataType?: string }[];
      expect(schema.map((a) => a.Name).sort()).toEqual(['email', 'locale', 'name']);
      expect(p.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] });
    });
  });

  describe('identity: app clients', () => {
    it('StaffPortal: password (USER_PASSWORD_AUTH and SRP) + refresh, reads firmId and role, writes neither', () => {
      // Act
      const c = staffClient();

      // Assess
      expect(c.UserPoolId).toEqual(ref(stack.identity.staffPool));
      expect([...(c.ExplicitAuthFlows as string[])].sort()).toEqual(
        ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'].sort(),
      );
      expect(c.ReadAttributes).toEqual(
        expect.arrayContaining(['custom:firmId', 'custom:role', 'email_verified']),
      );
      expect(c.WriteAttributes).toEqual(['locale', 'name']);
    });

    it('ContactPortal: choice-based sign-in (USER_AUTH) + refresh only, reads no custom attribute, writes name and locale', () => {
      // Act
      const c = contactClient();

      // Assess
      expect(c.UserPoolId).toEqual(ref(stack.identity.contactPool));
      expect([...(c.ExplicitAuthFlows as string[])].sort()).toEqual([
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_USER_AUTH',
      ]);
      expect((c.ReadAttributes as string[]).filter((a) => a.startsWith('custom:'))).toEqual([]);
      expect(c.WriteAttributes).toEqual(['locale', 'name']);
      expect(c.AuthSessionValidity).toBe(5);
    });

    it.each([
      ['StaffPortal', staffClient],
      ['ContactPortal', contactClient],
    ])(
      '%s: no secret, no OAuth, no user existence errors, revocable tokens, 1 h ID/access and 30 d refresh',
      (_name, client) => {
        // Act
        const c = client();

        // Assess
        expect(c).toMatchObject({
          GenerateSecret: false,
          AllowedOAuthFlowsUserPoolClient: false,
          PreventUserExistenceErrors: 'ENABLED',
          EnableTokenRevocation: true,
          IdTokenValidity: 60,
          AccessTokenValidity: 60,
          RefreshTokenValidity: 30 * 24 * 60,
          TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
        });
        expect(c.AllowedOAuthFlows).toBeUndefined();
      },
    );
  });

  describe('identity: mail function', () => {
    it('is a Portico function with the link base URLs, a timeout inside Cognito’s 5 s, and no rights beyond logs and traces', () => {
      // Act
      const fn = props(stack.identity.mailFunction.lambda, 'AWS::Lambda::Function');

      // Assess
      expect(fn.Handler).toBe('index.handler');
      expect(fn.Timeout).toBeLessThanOrEqual(5);
      expect((fn.Environment as { Variables: object }).Variables).toMatchObject({
        APP_URL: 'http://localhost:5173/app',
        PORTAL_URL: 'http://localhost:5173',
      });
    });
  });

  describe('identity: JWT authorizers', () => {
    const authorizers = () => resources('AWS::ApiGatewayV2::Authorizer');
    const authorizerOf = (pool: () => Parameters<typeof logicalId>[0]) =>
      Object.entries(authorizers()).find(([, a]) =>
        JSON.stringify(a.Properties.JwtConfiguration).includes(`"Ref":"${logicalId(pool())}"`),
      );

    it('has one authorizer per sign-in: the pool as issuer, only its own client as audience', () => {
      // Act
      const staff = authorizerOf(() => stack.identity.staffPool);
      const contact = authorizerOf(() => stack.identity.contactPool);

      // Assess
      expect(Object.keys(authorizers())).toHaveLength(2);
      const issuer = (pool: Parameters<typeof logicalId>[0]) => ({
        'Fn::Join': ['', Match.arrayWith(['https://cognito-idp.', { Ref: 'AWS::Region' }, ref(pool)])],
      });
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [ref(stack.identity.staffClient)],
          Issuer: issuer(stack.identity.staffPool),
        },
      });
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [ref(stack.identity.contactClient)],
          Issuer: issuer(stack.identity.contactPool),
        },
      });
      expect(staff?.[0]).toBeDefined();
      expect(contact?.[0]).toBeDefined();
      expect(staff![0]).not.toBe(contact![0]);
    });

    it.each(routeEntries())('route %s uses the authorizer of its audience', (_id, route) => {
      // Prepare
      const staff = authorizerOf(() => stack.identity.staffPool)![0];
      const contact = authorizerOf(() => stack.identity.contactPool)![0];

      // Act
      const [apiRoute] = Object.values(resources('AWS::ApiGatewayV2::Route')).filter(
        (r) => r.Properties.RouteKey === routeKey(route),
      );

      // Assess
      const expected = { staff, admin: staff, contact, public: undefined }[route.auth];
      expect(apiRoute!.Properties.AuthorizerId).toEqual(expected ? { Ref: expected } : undefined);
      expect(apiRoute!.Properties.AuthorizationType).toBe(expected ? 'JWT' : 'NONE');
    });
  });

  describe('identity: outputs', () => {
    it('outputs the region, both pools and both clients under the names scripts/stack-outputs.ts reads', () => {
      // Act
      const outputs = template.findOutputs('*') as Record<string, { Value: unknown }>;

      // Assess
      expect(outputs.Region!.Value).toEqual({ Ref: 'AWS::Region' });
      expect(outputs.StaffUserPoolId!.Value).toEqual(ref(stack.identity.staffPool));
      expect(outputs.StaffClientId!.Value).toEqual(ref(stack.identity.staffClient));
      expect(outputs.ContactUserPoolId!.Value).toEqual(ref(stack.identity.contactPool));
      expect(outputs.ContactClientId!.Value).toEqual(ref(stack.identity.contactClient));
      expect(outputs.TableName!.Value).toEqual(ref(stack.table));
      expect(outputs.ApiUrl).toBeDefined();
      expect(outputs.UserPoolId).toBeUndefined();
    });
  });
});
