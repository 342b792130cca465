// Lambda entry of the Cognito CustomMessage trigger of both user pools: Cognito calls it before it
// mails an invitation, a sign-in code or a password reset code, and sends the subject and message it
// returns (functions/identity/messages.ts). Locally the identity service calls the same handler.
import type { CustomMessageTriggerEvent } from 'aws-lambda';
import { loadConfig } from '../config';
import { customMessage, mailOf } from '../identity/messages';
import { log } from '../log';
import { observed } from '../observed';

const config = loadConfig(['APP_URL', 'PORTAL_URL']);
const links = { appUrl: config.APP_URL, portalUrl: config.PORTAL_URL };

export const handler = observed(
  'identity-mail',
  () => undefined,
  async (event: CustomMessageTriggerEvent) => {
    // The trigger source only: the event holds the recipient's address and attributes.
    log.info('cognito message', { triggerSource: event.triggerSource, rendered: mailOf(event) ?? 'cognito' });
    return customMessage(event, links);
  },
);
