// Who can call the API: two Cognito user pools. Staff sign in to the staff pool (email + password +
// TOTP, required) through the `StaffPortal` client and carry `custom:firmId` / `custom:role`; clients
// sign in to the contact pool (email + a mailed one-time code) through `ContactPortal` and carry
// neither (their rights come from grants in the table). Both pools mail through SES with Portico's
// sender and texts (the CustomMessage trigger). See docs/decisions/0024-two-user-pools.md.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolEmail,
  UserPoolOperation,
  type UserPoolProps,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { TEMPORARY_PASSWORD_DAYS } from '../functions/identity/messages';
import { PorticoFunction } from './function';
import type { MailFeedback } from './mail';
import { acknowledge } from './nag';

/** Staff token claims the API reads (functions/http/auth.ts), as Cognito custom attributes. */
export const staffAttributes = ['firmId', 'role'] as const;

export interface IdentityProps {
  /** The verified SES identity Cognito mails from (the stack's sender). */
  senderEmail: string;
  /** The display name of that sender. */
  senderName: string;
  /** The configuration set Cognito's mails go through, so their bounces and complaints are seen. */
  mail: MailFeedback;
  /** Where the mails' buttons point (the staff app, the client portal). */
  links: { portalUrl: string; appUrl: string };
}

export class Identity extends Construct {
  readonly staffPool: UserPool;
  readonly contactPool: UserPool;
  readonly staffClient: UserPoolClient;
  readonly contactClient: UserPoolClient;
  /** The CustomMessage trigger of both pools (functions/handlers/identity-mail.ts). */
  readonly mailFunction: PorticoFunction;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const { region } = Stack.of(this);

    // Cognito's own sender has a small daily cap and no firm-facing address: both pools mail
    // through SES, from the stack's sender, with the configuration set notify uses.
    const email = UserPoolEmail.withSES({
      fromEmail: props.senderEmail,
      fromName: props.senderName,
      configurationSetName: props.mail.configurationSet.ref,
      sesRegion: region,
    });
    const common: UserPoolProps = {
      // Staff are created by an admin or the operator, clients' logins by the API when they open
      // an invitation: nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true }, // the email is the username
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // A changed email takes effect only once the new address is verified: a token's
      // `email_verified` address is always one its owner proved (invitations bind by it).
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
        locale: { required: false, mutable: true },
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(TEMPORARY_PASSWORD_DAYS),
      },
      email,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };

    this.staffPool = new UserPool(this, 'StaffUsers', {
      ...common,
      customAttributes: {
        firmId: new StringAttribute({ minLen: 26, maxLen: 26, mutable: true }), // a ULID
        role: new StringAttribute({ minLen: 1, maxLen: 16, mutable: true }), // admin | staff
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
    });

    this.contactPool = new UserPool(this, 'ContactUsers', {
      ...common,
      // Passwordless: the first factor is a code mailed to the address (choice-based sign-in,
      // USER_AUTH). Cognito allows passwordless factors only with MFA off, and always keeps PASSWORD.
      signInPolicy: { allowedFirstAuthFactors: { password: true, emailOtp: true } },
      mfa: Mfa.OFF,
      // Clients have no password to recover: their mailbox is their recovery. A forgot-password
      // flow would only let someone set a password the portal never asks for.
      accountRecovery: AccountRecovery.NONE,
    });
    acknowledge(
      this.contactPool,
      'AwsSolutions-COG2',
      'Client contacts sign in passwordless with a one-time code mailed to their verified address (EMAIL_OTP); ' +
        'Cognito refuses passwordless first factors on a pool that requires MFA. Staff are in a separate pool with ' +
        'TOTP MFA required. See docs/decisions/0024-two-user-pools.md.',
    );
    for (const pool of [this.staffPool, this.contactPool]) {
      acknowledge(
        pool,
        'AwsSolutions-COG8',
        'Essentials feature plan (choice-based and passwordless sign-in need at least Essentials): Plus (threat ' +
          'protection) is priced per monthly active user; to be revisited before production (decision 0024).',
      );
    }

    this.mailFunction = new PorticoFunction(this, 'Mail', {
      entry: 'functions/handlers/identity-mail.ts',
      description: "Cognito CustomMessage trigger: Portico's invitation, sign-in code and reset mails",
      // Cognito waits at most 5 s for a trigger, then fails the call that needed the mail.
      timeout: Duration.seconds(5),
      memorySize: 256,
    }).withLinks(props.links);
    for (const pool of [this.staffPool, this.contactPool]) {
      // addTrigger also grants cognito-idp.amazonaws.com lambda:InvokeFunction, scoped to the pool.
      pool.addTrigger(UserPoolOperation.CUSTOM_MESSAGE, this.mailFunction.lambda);
    }

    const standard = { email: true, emailVerified: true, fullname: true, locale: true };
    // People may change their name and language, never their email (the username, and the address
    // invitations are bound to: the API or an admin changes it) nor the attributes that decide
    // their firm and role: a client that could write custom:firmId would let a user join a tenant.
    const writable = new ClientAttributes().withStandardAttributes({ fullname: true, locale: true });
    const tokens = {
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      writeAttributes: writable,
      // One hour: the staff directory check (decision 0023) is what makes a deactivation bite
      // within 60 s; deactivation also revokes refresh tokens (AdminUserGlobalSignOut).
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    };
    this.staffClient = this.staffPool.addClient('StaffPortal', {
      ...tokens,
      // USER_PASSWORD_AUTH for SDK sign-in helpers and the local stack, SRP for Amplify-style SPAs;
      // either way the TOTP challenge follows.
      authFlows: { userPassword: true, userSrp: true },
      readAttributes: new ClientAttributes()
        .withStandardAttributes(standard)
        .withCustomAttributes(...staffAttributes),
    });
    this.contactClient = this.contactPool.addClient('ContactPortal', {
      ...tokens,
      // ALLOW_USER_AUTH: choice-based sign-in (InitiateAuth USER_AUTH, PREFERRED_CHALLENGE=EMAIL_OTP).
      authFlows: { user: true },
      // The code travels by mail: a few minutes between asking for it and typing it.
      authSessionValidity: Duration.minutes(5),
      readAttributes: new ClientAttributes().withStandardAttributes(standard),
    });
  }

  /** The token issuer (`iss`) of a pool, which the API's JWT authorizers check. */
  issuerOf(pool: UserPool): string {
    const { region, urlSuffix } = Stack.of(this);
    return `https://cognito-idp.${region}.${urlSuffix}/${pool.userPoolId}`;
  }
}
