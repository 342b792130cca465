// Lambda entry of the scheduled reminders run (an EventBridge schedule invokes it; the local stack
// runs it on a timer and from a dev-only route), which then purges the trash that fell due
// (decision 0038). The factory takes the clock, so a test can run it "later" without waiting days.
import { documentClient } from '../clients/dynamodb';
import { s3 } from '../clients/s3';
import { loadConfig } from '../config';
import { correlationId, currentInvocation, withInvocation } from '../correlation';
import { type PurgeRun, purgeRunner } from '../domain/document-trash';
import { type Clock, systemClock } from '../domain/ports';
import { type ReminderRun, reminderRunner } from '../domain/reminders';
import { s3Files } from '../files/s3-files';
import { log } from '../log';
import { count } from '../metrics';
import { observed } from '../observed';
import { documentTrashStore } from '../store/document-trash';
import { REMINDER_SHARDS } from '../store/keys';
import { reminderStore } from '../store/reminders';
import type { Table } from '../store/table';
import { ulidIds } from '../wiring/ids';

const config = loadConfig(['TABLE_NAME', 'BUCKET_NAME']);
// The run lists nothing to callers, so it issues no pagination tokens and needs no cursor secret.
const table: Table = { client: documentClient, name: config.TABLE_NAME, cursorSecret: '' };

/** A reminders run on the given clock. */
export function remindersHandler(clock: Clock): () => Promise<ReminderRun & { purge: PurgeRun }> {
  const run = reminderRunner({
    reminders: reminderStore(table),
    clock,
    ids: ulidIds,
    shards: REMINDER_SHARDS,
  });
  const purge = purgeRunner({
    trash: documentTrashStore(table),
    files: s3Files(s3, config.BUCKET_NAME),
    clock,
    ids: ulidIds,
  });
  // Each run is its own correlation id: its reminder.due events, and the mails they cause, carry it.
  return () =>
    withInvocation(
      {
        ...currentInvocation(),
        fn: 'reminders',
        correlationId: correlationId() ?? `reminders-${ulidIds.next()}`,
      },
      async () => {
        const outcome = await run();
        log.info('reminders run', { ...outcome });
        count('ReminderDue', {}, outcome.sent);
        // After the reminders, on the same schedule: a purge is due 30 days out, 15 minutes late is nothing.
        const purged = await purge();
        log.info('trash purge run', { purged: purged.purged, failed: purged.failures.length });
        // Failed documents stay due: the next run retries them.
        if (purged.failures.length > 0)
          log.warn('trashed documents not purged', { failures: purged.failures });
        count('DocumentPurged', {}, purged.purged);
        return { ...outcome, purge: purged };
      },
    );
}

const runReminders = remindersHandler(systemClock);
export const handler = observed(
  'reminders',
  () => undefined,
  () => runReminders(),
);
