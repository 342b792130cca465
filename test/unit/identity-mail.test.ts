// The local identity service's mail: a Cognito CustomMessage trigger event handed to the
// renderMessage hook, placeholders filled, sent through a local SES (aws-ses-v2-local, as npm start runs it).
import type { Server } from 'node:http';
import type { CustomMessageTriggerEvent } from 'aws-lambda';
import * as sesModule from 'aws-ses-v2-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CONTACT_POOL, LOCAL_STAFF_POOL } from '../../local/auth';
import { type RenderMessage, sesMailer } from '../../local/identity/mail';
import { POOLS, type User } from '../../local/identity/pools';
import { freePort } from '../../local/ports';
import { storedMail } from '../support/mail';

let ses: Server;
let sesUrl: string;

beforeAll(async () => {
  let m = sesModule as unknown as { default?: unknown };
  while (typeof m !== 'function' && m && 'default' in m) m = m.default as { default?: unknown };
  const port = await freePort();
  ses = await (m as unknown as typeof sesModule.default)({ port, host: '127.0.0.1' });
  sesUrl = `http://127.0.0.1:${port}`;
});

afterAll(() => new Promise<void>((r) => ses.close(() => r())));

const user = (email: string): User => ({
  username: 'b1f0c3d2-0000-4000-8000-000000000001',
  attributes: { email, email_verified: 'true', sub: 'b1f0c3d2-0000-4000-8000-000000000001', locale: 'fr' },
  enabled: true,
  status: 'FORCE_CHANGE_PASSWORD',
  refresh: [],
  createdAt: 0,
  modifiedAt: 0,
});

const pool = (id: string) => POOLS.find((p) => p.id === id)!;

describe('Local identity: mail through the CustomMessage hook', () => {
  it('hands the trigger event to renderMessage and sends its text with the placeholders filled', async () => {
    // Prepare: a renderer like a trigger handler, recording what it was given.
    const seen: CustomMessageTriggerEvent[] = [];
    const render: RenderMessage = async (event) => {
      seen.push(structuredClone(event));
      event.response.emailSubject = 'Votre code';
      event.response.emailMessage = `<p>Code : <b>${event.request.codeParameter}</b></p>`;
      return event;
    };
    const mailer = sesMailer({
      sesEndpoint: sesUrl,
      sender: 'no-reply@portico.local',
      region: 'us-east-1',
      render,
    });
    const to = `otp.${Date.now()}@example.test`;
    // Act
    await mailer.send('CustomMessage_Authentication', pool(LOCAL_CONTACT_POOL), user(to), '12345678');
    // Assess
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      triggerSource: 'CustomMessage_Authentication',
      userPoolId: LOCAL_CONTACT_POOL,
      request: {
        codeParameter: '{####}',
        usernameParameter: null,
        userAttributes: { email: to, locale: 'fr' },
      },
    });
    // The renderer never sees the code itself, only its placeholder.
    expect(JSON.stringify(seen[0])).not.toContain('12345678');
    const mail = (await storedMail(sesUrl)).filter((x) => x.destination.to.includes(to));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.from).toContain('no-reply@portico.local');
    expect(mail[0]!.subject).toBe('Votre code');
    expect(mail[0]!.body.html).toContain('<b>12345678</b>');
  });

  it('fills {username} and {####} in the staff invitation, and falls back to plain text when the renderer leaves it empty', async () => {
    // Prepare
    const render: RenderMessage = async (event) => event;
    const mailer = sesMailer({
      sesEndpoint: sesUrl,
      sender: 'no-reply@portico.local',
      region: 'us-east-1',
      render,
    });
    const to = `invite.${Date.now()}@example.test`;
    // Act
    await mailer.send('CustomMessage_AdminCreateUser', pool(LOCAL_STAFF_POOL), user(to), 'Tmp-Secret-1!');
    // Assess
    const mail = (await storedMail(sesUrl)).filter((x) => x.destination.to.includes(to));
    expect(mail[0]!.body.text).toBe(`Your username is ${to} and temporary password is Tmp-Secret-1!.`);
  });
});
