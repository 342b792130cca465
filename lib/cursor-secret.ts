// The HMAC key of pagination cursors (CURSOR_SECRET). Generated once by Secrets Manager, handed to
// functions at deploy time: see docs/decisions/0006-cursor-secret.md.
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
    'Resolved into Lambda configuration at deploy time, so rotation means a redeploy; a rotated key ' +
      'only invalidates open pagination cursors. See docs/decisions/0006-cursor-secret.md.',
  );
  return secret;
}
