// The SES (v2) client, created once per container, and the Mailer adapter over it.
// Endpoint: AWS_ENDPOINT_URL_SESV2 (local SES).
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../notify/core';

export const ses = new SESv2Client({});

/**
 * The notify core's Mailer over SES v2: simple content, plain text + HTML, UTF-8. With a
 * configuration set, SES publishes the mail's bounces and complaints to EventBridge (see
 * docs/decisions/0020-bounces-and-complaints.md).
 */
export function sesMailer(client: SESv2Client, from: string, configurationSet?: string): Mailer {
  return {
    async send(mail) {
      const res = await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
          Destination: { ToAddresses: [mail.to] },
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: mail.text, Charset: 'UTF-8' },
                Html: { Data: mail.html, Charset: 'UTF-8' },
              },
            },
          },
        }),
      );
      if (!res.MessageId) throw new Error('SES accepted the mail without a message id');
      return { messageId: res.MessageId };
    },
  };
}
