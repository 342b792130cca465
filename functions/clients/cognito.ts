// The Cognito user pools' admin client, created once per container. Endpoint:
// AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER (the local identity service on `npm start`).
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

export const cognito = new CognitoIdentityProviderClient({});
