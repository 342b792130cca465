// Invariants of the whole table, read with a Scan (tests only): what "exactly once" and "counters
// exact" mean, checked the same way after duplicates, reordering and injected faults.
import type { Harness } from './stack';
import { mails, scanTable } from './stack';

export type Item = Record<string, unknown>;

export async function itemsBy(h: Harness): Promise<Map<string, Item[]>> {
  const by = new Map<string, Item[]>();
  for (const i of await scanTable(h.table)) {
    const e = String(i.entity);
    by.set(e, [...(by.get(e) ?? []), i]);
  }
  return by;
}

/** Every broken invariant: doubled inbox items or deliveries, counters that disagree with the items. */
export async function brokenInvariants(h: Harness): Promise<string[]> {
  const by = await itemsBy(h);
  const out: string[] = [];
  const dupes = (what: string, list: Item[], key: (i: Item) => string) => {
    const seen = new Map<string, number>();
    for (const i of list) seen.set(key(i), (seen.get(key(i)) ?? 0) + 1);
    for (const [k, n] of seen) if (n > 1) out.push(`${what} ${k} exists ${n} times`);
  };
  const inbox = by.get('inboxItem') ?? [];
  dupes('inbox item for event × owner', inbox, (i) => `${i.eventId}|${i.ownerKind}-${i.ownerId}`);
  dupes('document for upload', by.get('document') ?? [], (i) => `${i.caseId}|${i.s3Key}`);
  // Unread counters = unread, unarchived items of their owner.
  for (const c of by.get('inboxCounter') ?? []) {
    const unread = inbox.filter(
      (i) => i.ownerKind === c.ownerKind && i.ownerId === c.ownerId && i.firmId === c.firmId && !i.readAt,
    ).length;
    if (Number(c.unread ?? 0) !== unread)
      out.push(`unread counter of ${c.ownerKind}-${c.ownerId} is ${c.unread}, ${unread} items are unread`);
  }
  // Each grant's sharedCount = its contact's share items in the case.
  const shares = by.get('share') ?? [];
  dupes('share of document × contact', shares, (i) => `${i.caseId}|${i.documentId}|${i.contactId}`);
  for (const g of by.get('grant') ?? []) {
    const n = shares.filter(
      (s) => s.firmId === g.firmId && s.caseId === g.caseId && s.contactId === g.contactId,
    ).length;
    if (Number(g.sharedCount ?? 0) !== n)
      out.push(`grant ${g.caseId}/${g.contactId}: sharedCount ${g.sharedCount}, ${n} share items`);
  }
  // Every sent in-app delivery has its one item; every delivery is settled: sent, or suppressed
  // with its reason and the words saying why (a client without a portal identity has no inbox; the
  // same document told once per channel).
  for (const d of by.get('delivery') ?? []) {
    if (d.status !== 'sent' && d.status !== 'suppressed')
      out.push(`delivery ${d.eventId}/${d.recipient}/${d.channel} is ${d.status}`);
    if (d.status === 'suppressed' && (typeof d.reason !== 'string' || typeof d.detail !== 'string'))
      out.push(`delivery ${d.eventId}/${d.recipient}/${d.channel} is suppressed without saying why`);
    if (
      d.channel === 'inApp' &&
      d.status === 'sent' &&
      !inbox.some((i) => i.eventId === d.eventId && `${i.ownerKind}-${i.ownerId}` === d.recipient)
    )
      out.push(`in-app delivery ${d.eventId}/${d.recipient} is sent but its item is missing`);
  }
  // One mail per event × recipient: mails of the same recipient and subject never outnumber the sent email deliveries that match.
  const sentEmail = (by.get('delivery') ?? []).filter(
    (d) => d.channel === 'email' && d.status === 'sent',
  ).length;
  const mailCount = (await mails(h)).length;
  if (mailCount !== sentEmail)
    out.push(`${mailCount} mails in local SES, ${sentEmail} email deliveries recorded sent`);
  return out;
}
