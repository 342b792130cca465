// Who can call the API: one Cognito user pool, one app client for the staff portal and one for
// the contact portal. Staff carry `custom:firmId` / `custom:role`; contacts carry neither (their
// rights come from grants in the table). See docs/decisions/0009-identity-tokens.md.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

/** Staff token claims the API reads (functions/http/auth.ts), as Cognito custom attributes. */
export const staffAttributes = ['firmId', 'role'] as const;

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly staffClient: UserPoolClient;
  readonly contactClient: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new UserPool(this, 'Users', {
      // Staff are created by a firm admin, contacts by an accepted invitation: no self sign-up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        firmId: new StringAttribute({ minLen: 26, maxLen: 26, mutable: true }), // a ULID
        role: new StringAttribute({ minLen: 1, maxLen: 16, mutable: true }), // admin | staff
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is optional (TOTP) at pool level: the pool also serves external client contacts, for whom ' +
        'mandatory MFA is a product decision not yet taken. See docs/decisions/0009-identity-tokens.md.',
    );
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'Essentials feature plan: Plus (threat protection) is priced per active user; to be revisited ' +
        'before production. See docs/decisions/0009-identity-tokens.md.',
    );

    const standard = { email: true, emailVerified: true, fullname: true, locale: true };
    // Users may change their name, email and locale, never the attributes that decide their firm
    // and role: a client that could write custom:firmId would let a user join another tenant.
    const writable = new ClientAttributes().withStandardAttributes({
      email: true,
      fullname: true,
      locale: true,
    });
    const client = (clientId: string, readAttributes: ClientAttributes) =>
      this.userPool.addClient(clientId, {
        authFlows: { userSrp: true },
        disableOAuth: true,
        generateSecret: false,
        preventUserExistenceErrors: true,
        enableTokenRevocation: true,
        readAttributes,
        writeAttributes: writable,
        accessTokenValidity: Duration.hours(1),
        idTokenValidity: Duration.hours(1),
        refreshTokenValidity: Duration.days(30),
      });

    this.staffClient = client(
      'StaffPortal',
      new ClientAttributes().withStandardAttributes(standard).withCustomAttributes(...staffAttributes),
    );
    this.contactClient = client('ContactPortal', new ClientAttributes().withStandardAttributes(standard));
  }

  /** The token issuer (`iss`), which the API's JWT authorizer checks. */
  get issuer(): string {
    const { region, urlSuffix } = Stack.of(this);
    return `https://cognito-idp.${region}.${urlSuffix}/${this.userPool.userPoolId}`;
  }
}
