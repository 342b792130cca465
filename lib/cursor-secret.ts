// The HMAC key of pagination cursors (CURSOR_SECRET). Generated once by Secrets Manager; functions
// get its ARN and read it once per container: see docs/decisions/0006-cursor-secret.md.
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
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
