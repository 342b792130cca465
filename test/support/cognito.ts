// The real Cognito SDK pointed at the local identity service (local/identity/), and the two steps
// of a contact's email-code sign-in, as the tests drive them.
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { LOCAL_CONTACT_CLIENT } from '../../local/auth';

/** An SDK client of the local identity service at `endpoint` (any credentials: it checks none). */
export const localCognito = (endpoint: string | undefined) =>
  new CognitoIdentityProviderClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/** Asks for a sign-in code (choice-based sign-in, EMAIL_OTP): the code is mailed to the address. */
export const askEmailCode = (client: CognitoIdentityProviderClient, username: string) =>
  client.send(
    new InitiateAuthCommand({
      ClientId: LOCAL_CONTACT_CLIENT,
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
    }),
  );

/** Answers the EMAIL_OTP challenge of `session` with `code`. */
export const answerEmailCode = (
  client: CognitoIdentityProviderClient,
  session: string | undefined,
  username: string,
  code: string,
) =>
  client.send(
    new RespondToAuthChallengeCommand({
      ClientId: LOCAL_CONTACT_CLIENT,
      ChallengeName: 'EMAIL_OTP',
      Session: session,
      ChallengeResponses: { USERNAME: username, EMAIL_OTP_CODE: code },
    }),
  );
