// The Secrets Manager client, created on first use, once per container (only functions that hold a
// secret call it). Endpoint: AWS_ENDPOINT_URL_SECRETS_MANAGER.
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

let client: SecretsManagerClient | undefined;
export const secretsManager = (): SecretsManagerClient => {
  client ??= new SecretsManagerClient({});
  return client;
};
