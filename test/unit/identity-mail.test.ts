// Cognito's mails (functions/identity/messages.ts and its Lambda entry): per trigger source and
// language, the placeholders Cognito fills in kept exactly, Portico's mail layout, other trigger
// sources left to Cognito, and what people typed staying inert.
import type { Context, CustomMessageTriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../functions/domain/texts/template';
import {
  type CustomMessageEvent,
  customMessage,
  EMAIL_MESSAGE_MAX,
  IDENTITY_TEXTS,
  TEMPORARY_PASSWORD_DAYS,
} from '../../functions/identity/messages';

const links = { appUrl: 'https://portal.firm.test/app', portalUrl: 'https://portal.firm.test' };
const CODE = '{####}';
const USERNAME = '{username}';

function cognitoEvent(
  triggerSource: string,
  attributes: Record<string, string> = {},
  extra: Partial<CustomMessageEvent['request']> = {},
): CustomMessageEvent {
  return {
    triggerSource,
    userPoolId: 'eu-west-1_Pool',
    request: {
      userAttributes: { email: 'ana@firm.test', email_verified: 'true', ...attributes },
      codeParameter: CODE,
      usernameParameter: triggerSource === 'CustomMessage_AdminCreateUser' ? USERNAME : null,
      ...extra,
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  };
}

const staff = { 'custom:firmId': '01HZZZZZZZZZZZZZZZZZZZZZZZ', 'custom:role': 'staff' };

describe('Function: identity-mail', () => {
  describe('staff invitation (CustomMessage_AdminCreateUser, a staff user)', () => {
    it.each(LOCALES)(
      '%s: subject, username and temporary password placeholders, a link to the staff app',
      (locale) => {
        // Prepare
        const event = cognitoEvent('CustomMessage_AdminCreateUser', { ...staff, locale, name: 'Ana' });

        // Act
        const out = customMessage(event, links);

        // Assess
        const texts = IDENTITY_TEXTS[locale];
        expect(out.response.emailSubject).toBe(
          texts.staffInvitation.subject({ code: CODE, username: USERNAME, days: TEMPORARY_PASSWORD_DAYS }),
        );
        const html = out.response.emailMessage!;
        expect(html).toContain(CODE);
        expect(html).toContain(USERNAME);
        expect(html).toContain('href="https://portal.firm.test/app"');
        expect(html).toContain(`${TEMPORARY_PASSWORD_DAYS}`);
        expect(html).toContain('Ana');
        expect(html.startsWith('<!doctype html>')).toBe(true); // the layout of Portico's other mails
        expect(html.length).toBeLessThan(EMAIL_MESSAGE_MAX);
        expect(out.response.smsMessage).toBeNull();
      },
    );

    it('names the firm Portico passes as ClientMetadata, escaped and on one line', () => {
      // Prepare
      const event = cognitoEvent('CustomMessage_AdminCreateUser', staff, {
        clientMetadata: { firmName: 'Bright <&> Co\nLLP' },
      });

      // Act
      const out = customMessage(event, links);

      // Assess
      expect(out.response.emailSubject).toBe('Bright <&> Co LLP invited you to its client portal');
      expect(out.response.emailMessage).toContain('Bright &lt;&amp;&gt; Co LLP');
      expect(out.response.emailMessage).not.toContain('<&>');
    });
  });

  describe('a client login created by the backend (CustomMessage_AdminCreateUser, no role)', () => {
    it('passwordless (Cognito gave it no password): says the portal signs in with mailed codes, no password line', () => {
      // Act
      const out = customMessage(
        cognitoEvent('CustomMessage_AdminCreateUser', { locale: 'es', 'cognito:user_status': 'CONFIRMED' }),
        links,
      );

      // Assess
      expect(out.response.emailSubject).toBe('Su acceso al portal de clientes');
      expect(out.response.emailMessage).toContain('<!doctype html>');
      expect(out.response.emailMessage).toContain(USERNAME);
      expect(out.response.emailMessage).not.toContain(CODE);
      expect(out.response.emailMessage).not.toContain('Contraseña');
      expect(out.response.emailMessage).toContain('href="https://portal.firm.test"');
    });

    it('with a temporary password: keeps the password placeholder Cognito then requires', () => {
      // Act
      const out = customMessage(
        cognitoEvent('CustomMessage_AdminCreateUser', { 'cognito:user_status': 'FORCE_CHANGE_PASSWORD' }),
        links,
      );

      // Assess
      expect(out.response.emailMessage).toContain(
        `Temporary password, only if the portal ever asks for one: ${CODE}`,
      );
      expect(out.response.emailMessage).toContain(USERNAME);
    });
  });

  describe('sign-in code (CustomMessage_Authentication: passwordless EMAIL_OTP)', () => {
    it.each([
      ['en', 'Your sign-in code'],
      ['es', 'Su código de acceso'],
      ['pt-BR', 'Seu código de acesso'],
      ['pt-PT', 'Seu código de acesso'], // its language is one we ship
      ['fr', 'Your sign-in code'], // a language we do not ship: English
      [undefined, 'Your sign-in code'],
    ])('locale %s → %s, the code placeholder, a link to the portal', (locale, subject) => {
      // Prepare
      const event = cognitoEvent('CustomMessage_Authentication', locale ? { locale } : {});

      // Act
      const out = customMessage(event, links);

      // Assess
      expect(out.response.emailSubject).toBe(subject);
      expect(out.response.emailMessage).toContain(`>${CODE}</p>`);
      expect(out.response.emailMessage).toContain('href="https://portal.firm.test"');
    });
  });

  describe('password reset (CustomMessage_ForgotPassword)', () => {
    it.each(LOCALES)('%s: the code placeholder; a staff user is sent to the staff app', (locale) => {
      // Act
      const out = customMessage(cognitoEvent('CustomMessage_ForgotPassword', { ...staff, locale }), links);

      // Assess
      expect(out.response.emailSubject).toBe(
        IDENTITY_TEXTS[locale].passwordReset.subject({ code: CODE, username: '', days: 0 }),
      );
      expect(out.response.emailMessage).toContain(CODE);
      expect(out.response.emailMessage).toContain('href="https://portal.firm.test/app"');
    });
  });

  describe('other trigger sources', () => {
    it.each([
      'CustomMessage_SignUp',
      'CustomMessage_ResendCode',
      'CustomMessage_UpdateUserAttribute',
      'CustomMessage_VerifyUserAttribute',
      'CustomMessage_SomethingNew',
    ])('%s is left to Cognito (nothing set)', (source) => {
      // Prepare
      const event = cognitoEvent(source, staff);
      const before = structuredClone(event);

      // Act
      const out = customMessage(event, links);

      // Assess
      expect(out).toEqual(before);
    });
  });

  describe('placeholders Cognito must find', () => {
    it('falls back to a short text holding them verbatim when the layout would alter one', () => {
      // Prepare: a placeholder HTML escaping would change
      const event = cognitoEvent('CustomMessage_AdminCreateUser', staff, {
        codeParameter: '<####>',
        usernameParameter: '{user&name}',
      });

      // Act
      const out = customMessage(event, links);

      // Assess
      expect(out.response.emailMessage).toContain('<####>');
      expect(out.response.emailMessage).toContain('{user&name}');
      expect(out.response.emailMessage).not.toContain('<!doctype html>');
    });

    it('keeps every mail under Cognito’s 20,000 characters, even with a very long name', () => {
      // Prepare
      const event = cognitoEvent('CustomMessage_AdminCreateUser', { ...staff, name: 'A'.repeat(30_000) });

      // Act
      const out = customMessage(event, links);

      // Assess
      expect([...out.response.emailMessage!].length).toBeLessThanOrEqual(EMAIL_MESSAGE_MAX);
      expect(out.response.emailMessage!.startsWith('<!doctype html>')).toBe(true); // clipped, not dropped
      expect(out.response.emailMessage).toContain(`${'A'.repeat(100)}`);
      expect(out.response.emailMessage).toContain(CODE);
      expect(out.response.emailMessage).toContain(USERNAME);
    });
  });

  describe('Lambda entry', () => {
    it('renders through the handler with the configured links and returns the event to Cognito', async () => {
      // Prepare
      process.env.APP_URL = 'https://app.firm.test/app';
      process.env.PORTAL_URL = 'https://app.firm.test';
      const { handler } = await import('../../functions/handlers/identity-mail');

      // The local identity service's renderMessage hook has this shape (event in, event out).
      const renderMessage: (e: CustomMessageTriggerEvent) => Promise<CustomMessageTriggerEvent> = (e) =>
        handler(e, {} as Context);

      // Act
      const out = await renderMessage(
        cognitoEvent('CustomMessage_Authentication', { locale: 'pt-BR' }) as CustomMessageTriggerEvent,
      );

      // Assess
      expect(out.response.emailSubject).toBe('Seu código de acesso');
      expect(out.response.emailMessage).toContain('href="https://app.firm.test"');
      expect(out.response.emailMessage).toContain(CODE);
    });
  });
});
