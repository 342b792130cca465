// Mail held by the local SES (aws-ses-v2-local's /store API).
export interface StoredMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** Every mail the local SES at `mailUrl` holds, oldest first. */
export async function storedMail(mailUrl: string): Promise<StoredMail[]> {
  const res = await fetch(`${mailUrl}/store`);
  if (!res.ok) throw new Error(`local SES store answered ${res.status}`);
  return ((await res.json()) as { emails: StoredMail[] }).emails;
}
