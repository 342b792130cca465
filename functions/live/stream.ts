// Reads the table stream records the live fan-out acts on into LiveChanges: inbox items and unread
// counters, chat messages, thread task counts and revoked grants (entities.ts: what the event source
// mapping lets through); anything else, or a change a live message does not report, reads as undefined.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { InboxOwnerOfChange, LiveChange } from '../domain/live';
import { Entity, identityOfInboxIndex } from '../store/keys';
import { liveEntities } from './entities';

type Image = Record<string, unknown>;
const image = (i: Record<string, unknown> | undefined): Image | undefined =>
  i ? unmarshall(i as Record<string, AttributeValue>) : undefined;

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function committedAt(record: DynamoDBRecord): string {
  // Lambda hands epoch seconds; the local stream poller passes the SDK's Date through.
  const t = record.dynamodb?.ApproximateCreationDateTime as unknown;
  const date = t instanceof Date ? t : typeof t === 'number' ? new Date(t * 1000) : new Date();
  return date.toISOString();
}

function inboxOwner(item: Image): InboxOwnerOfChange | undefined {
  const id = str(item.ownerId);
  if (!id) return undefined;
  if (item.ownerKind === 'staff') return { kind: 'staff', userId: id };
  const identityId = identityOfInboxIndex(item.GSI1PK);
  // A contact's inbox that no portal identity reads yet (not accepted): no socket to tell.
  return identityId ? { kind: 'contact', contactId: id, identityId } : undefined;
}

const reported = new Set<string>(liveEntities);

/**
 * The change one stream record reports to the live channel, if any. The entity is read from the raw
 * image first: a record of anything else is never unmarshalled (the event source filter does the same
 * on AWS; the local stream hands every record over), so an item the reader does not know cannot stop it.
 */
export function liveChangeOf(record: DynamoDBRecord): LiveChange | undefined {
  const entity = (record.dynamodb?.NewImage?.entity as { S?: string } | undefined)?.S;
  if (!entity || !reported.has(entity)) return undefined;
  const next = image(record.dynamodb?.NewImage as Record<string, unknown> | undefined);
  const before = image(record.dynamodb?.OldImage as Record<string, unknown> | undefined);
  const firmId = str(next?.firmId);
  if (!next || !firmId) return undefined;
  const base = { id: record.eventID ?? '', at: committedAt(record), firmId };
  const inserted = record.eventName === 'INSERT';
  switch (next.entity) {
    case Entity.inboxItem: {
      const owner = inboxOwner(next);
      const itemId = str(next.itemId);
      if (!inserted || !owner || !itemId) return undefined;
      const caseId = str(next.caseId);
      return { ...base, kind: 'inboxItem', owner, itemId, ...(caseId ? { caseId } : {}) };
    }
    case Entity.inboxCounter: {
      const owner = inboxOwner(next);
      if (!owner || (before && num(before.unread) === num(next.unread))) return undefined;
      return { ...base, kind: 'inboxCounter', owner, unread: num(next.unread) };
    }
    case Entity.message: {
      const [caseId, threadId, messageId] = [str(next.caseId), str(next.threadId), str(next.messageId)];
      if (!inserted || !caseId || !threadId || !messageId) return undefined;
      return { ...base, kind: 'message', caseId, threadId, messageId };
    }
    case Entity.thread: {
      const [caseId, threadId] = [str(next.caseId), str(next.threadId)];
      const [completed, total] = [num(next.taskCompleted), num(next.taskTotal)];
      const unchanged = before
        ? num(before.taskCompleted) === completed && num(before.taskTotal) === total
        : total === 0;
      if (!caseId || !threadId || unchanged) return undefined;
      const contactIds = Array.isArray(next.contactIds)
        ? next.contactIds.filter((c) => typeof c === 'string')
        : [];
      return { ...base, kind: 'threadTasks', caseId, threadId, contactIds, completed, total };
    }
    case Entity.grant: {
      const [caseId, identityId] = [str(next.caseId), str(next.identityId) ?? str(before?.identityId)];
      if (next.status !== 'revoked' || before?.status === 'revoked' || !caseId || !identityId)
        return undefined;
      return { ...base, kind: 'grantRevoked', caseId, identityId };
    }
    default:
      return undefined;
  }
}
