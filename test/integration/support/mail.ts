// Mail sent through the local SES (its /store API), and the invitation tokens inside it.
import { expect } from 'vitest';
import { type StoredMail, storedMail } from '../../support/mail';
import { settle, urls } from './stack';

export type { StoredMail };

/** Mail sent so far to `email` (local SES), oldest first. */
export async function mailTo(email: string): Promise<StoredMail[]> {
  return (await storedMail(urls.mail)).filter((m) => m.destination.to.includes(email));
}

/** Waits for notify, then reads the accept token from the latest invitation mailed to `email`. */
export async function invitationToken(email: string, expectedMails?: number): Promise<string> {
  await settle();
  const mails = await mailTo(email);
  if (expectedMails !== undefined) expect(mails).toHaveLength(expectedMails);
  const last = mails.at(-1);
  expect(last, `an invitation mailed to ${email}`).toBeDefined();
  const match = /\/accept\?token=([A-Za-z0-9_.%-]+)/.exec(last!.body.text ?? '');
  expect(match).not.toBeNull();
  return decodeURIComponent(match![1]!);
}

/** What Cognito's mails put in place of `{####}`, read from the latest mail to `email` (HTML, as Cognito sends it). */
async function fromCognitoMail(email: string, pattern: RegExp, what: string): Promise<string> {
  const last = (await mailTo(email)).at(-1);
  const match = pattern.exec(last?.body.html ?? last?.body.text ?? '');
  expect(match, `${what} in the latest mail to ${email}`).not.toBeNull();
  return match![1]!;
}

/** The 8-digit sign-in code of the latest mail to `email` (the contact pool's email OTP). */
export const signInCode = (email: string) => fromCognitoMail(email, /\b(\d{8})\b/, 'an 8-digit code');

/** The temporary password of the latest staff invitation mailed to `email`. */
export const temporaryPassword = (email: string) =>
  fromCognitoMail(email, /Temporary password: ([^<\s]+)/, 'a temporary password');
