// The secrets of the stack. The HMAC key of pagination cursors (CURSOR_SECRET). Generated once by Secrets Manager; functions
// get its ARN and read it once per container: see docs/decisions/0006-cursor-secret.md.
import { SecretValue } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { VAPID_PLACEHOLDER } from '../functions/domain/push';
import { acknowledge } from './nag';

export function cursorSecret(scope: Construct, id: string): Secret {
  const secret = new Secret(scope, id, {
    description: 'Portico: HMAC key of pagination cursors (CURSOR_SECRET)',
    generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
  });
  acknowledge(
    secret,
    'AwsSolutions-SMG4',
    'Read once per container, so a rotated key reaches running containers only as they are replaced; ' +
      'a rotated key only invalidates open pagination cursors. See docs/decisions/0006-cursor-secret.md.',
  );
  return secret;
}

/**
 * The VAPID key pair of web push. Created holding a placeholder; the first function that needs the
 * pair generates it and stores it as the first real version (functions/secrets/vapid-keys.ts): an
 * EC key pair is not something Secrets Manager can generate.
 */
export function vapidSecret(scope: Construct, id: string): Secret {
  const secret = new Secret(scope, id, {
    description: 'Portico: VAPID key pair of web push (JSON publicKey/privateKey, generated on first use)',
    secretStringValue: SecretValue.unsafePlainText(VAPID_PLACEHOLDER),
  });
  acknowledge(
    secret,
    'AwsSolutions-SMG4',
    'Rotating the VAPID key pair would invalidate every browser subscription (they are bound to the public ' +
      'key); it is replaced deliberately, by storing a new pair, never on a schedule.',
  );
  return secret;
}
