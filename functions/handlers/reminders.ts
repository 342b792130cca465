// Lambda entry of the scheduled reminders run (an EventBridge schedule invokes it; the local stack
// runs it on a timer and from a dev-only route). The factory takes the clock, so a test can run it
// "later" without waiting days.
import { documentClient } from '../clients/dynamodb';
import { loadConfig } from '../config';
import { correlationId, currentInvocation, withInvocation } from '../correlation';
import { type Clock, systemClock } from '../domain/ports';
import { type ReminderRun, reminderRunner } from '../domain/reminders';
import { log } from '../log';
import { count } from '../metrics';
import { observed } from '../observed';
import { REMINDER_SHARDS } from '../store/keys';
import { reminderStore } from '../store/reminders';
import type { Table } from '../store/table';
import { ulidIds } from '../wiring/ids';

const config = loadConfig(['TABLE_NAME']);
// The run lists nothing to callers, so it issues no pagination tokens and needs no cursor secret.
const table: Table = { client: documentClient, name: config.TABLE_NAME, cursorSecret: '' };

/** A reminders run on the given clock. */
export function remindersHandler(clock: Clock): () => Promise<ReminderRun> {
  const run = reminderRunner({
    reminders: reminderStore(table),
    clock,
    ids: ulidIds,
    shards: REMINDER_SHARDS,
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
        return outcome;
      },
    );
}

const runReminders = remindersHandler(systemClock);
export const handler = observed(
  'reminders',
  () => undefined,
  () => runReminders(),
);
