// Mail of the local identity service: each message is built as the Cognito CustomMessage trigger
// event Cognito would send, handed to a `renderMessage` hook with a trigger handler's signature
// (the real one is functions/handlers/identity-mail.ts), its placeholders replaced, and sent through
// the local SES (SESv2 SendEmail) so it shows in the mail viewer. Codes never reach a log.
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { CustomMessageTriggerEvent } from 'aws-lambda';
import type { PoolConfig, User } from './pools';

export type RenderMessage = (event: CustomMessageTriggerEvent) => Promise<CustomMessageTriggerEvent>;

export const CODE_PARAMETER = '{####}';
export const USERNAME_PARAMETER = '{username}';

/** Cognito's own default texts, used when no renderer is wired in. */
export const plainRenderer: RenderMessage = async (event) => {
  const invitation = event.triggerSource === 'CustomMessage_AdminCreateUser';
  return {
    ...event,
    response: {
      ...event.response,
      emailSubject: invitation ? 'Your temporary password' : 'Your sign-in code',
      emailMessage: invitation
        ? `Your username is ${USERNAME_PARAMETER} and temporary password is ${CODE_PARAMETER}.`
        : `Your sign-in code is ${CODE_PARAMETER}.`,
    },
  } as CustomMessageTriggerEvent;
};

export interface Mailer {
  send(
    trigger: 'CustomMessage_AdminCreateUser' | 'CustomMessage_Authentication',
    pool: PoolConfig,
    user: User,
    code: string | undefined,
    /** What the caller passed as ClientMetadata: Cognito hands it to the CustomMessage trigger. */
    clientMetadata?: Record<string, string>,
  ): Promise<void>;
}

export interface MailerOptions {
  sesEndpoint: string;
  sender: string;
  region: string;
  render?: RenderMessage;
}

export function sesMailer(opts: MailerOptions): Mailer {
  const ses = new SESv2Client({
    endpoint: opts.sesEndpoint,
    region: opts.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const render = opts.render ?? plainRenderer;
  return {
    async send(trigger, pool, user, code, clientMetadata) {
      const event = {
        version: '1',
        region: opts.region,
        userPoolId: pool.id,
        triggerSource: trigger,
        userName: user.username,
        callerContext: { awsSdkVersion: 'local', clientId: pool.clientId },
        request: {
          userAttributes: { ...user.attributes, 'cognito:user_status': user.status },
          codeParameter: CODE_PARAMETER,
          linkParameter: '{##Click Here##}',
          usernameParameter: trigger === 'CustomMessage_AdminCreateUser' ? USERNAME_PARAMETER : null,
          ...(clientMetadata ? { clientMetadata } : {}),
        },
        response: { smsMessage: null, emailMessage: null, emailSubject: null },
      } as CustomMessageTriggerEvent;
      const rendered = await render(event);
      // As Cognito: a trigger that leaves the message empty gets the default one.
      const fallback = await plainRenderer(event);
      const subject = rendered.response.emailSubject || fallback.response.emailSubject!;
      const template = rendered.response.emailMessage || fallback.response.emailMessage!;
      const fill = (s: string) =>
        s.replaceAll(CODE_PARAMETER, code ?? '').replaceAll(USERNAME_PARAMETER, user.attributes.email ?? '');
      const body = fill(template);
      const html = /<[a-z][\s\S]*>/i.test(body);
      await ses.send(
        new SendEmailCommand({
          FromEmailAddress: opts.sender,
          Destination: { ToAddresses: [user.attributes.email!] },
          Content: {
            Simple: {
              Subject: { Data: fill(subject) },
              Body: html ? { Html: { Data: body } } : { Text: { Data: body } },
            },
          },
        }),
      );
    },
  };
}
