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
