// Lambda entry of the scheduled digest run (an EventBridge schedule invokes it every minute; the
// local stack runs it on a timer and from a dev-only route). It mails each due digest window once.
// The factory takes the clock, so a test can run it "later" without waiting for the window.
import { documentClient } from '../clients/dynamodb';
import { ses, sesMailer } from '../clients/ses';
import { loadConfig } from '../config';
import { correlationId, currentInvocation, withInvocation } from '../correlation';
import { type DigestRun, digestRunner } from '../domain/digests';
import { type Clock, systemClock } from '../domain/ports';
import { log } from '../log';
import { count } from '../metrics';
import { digestMail } from '../notify/digest-mail';
import { observed } from '../observed';
import { digestStore } from '../store/digests';
import { DIGEST_SHARDS } from '../store/keys';
import type { Table } from '../store/table';
import { ulidIds } from '../wiring/ids';

const config = loadConfig(['TABLE_NAME', 'SENDER_EMAIL']);
// The run lists nothing to callers, so it issues no pagination tokens and needs no cursor secret.
const table: Table = { client: documentClient, name: config.TABLE_NAME, cursorSecret: '' };
const mailer = sesMailer(
  ses,
  config.SENDER_EMAIL,
  loadConfig(['MAIL_CONFIGURATION_SET']).MAIL_CONFIGURATION_SET,
);

/** A digest run on the given clock. */
export function digestsHandler(clock: Clock): () => Promise<DigestRun> {
  const run = digestRunner({
    digests: digestStore(table),
    mailer,
    render: digestMail,
    clock,
    shards: DIGEST_SHARDS,
  });
  return () =>
    withInvocation(
      {
        ...currentInvocation(),
        fn: 'digests',
        correlationId: correlationId() ?? `digests-${ulidIds.next()}`,
      },
      async () => {
        const outcome = await run();
        const { failures, ...counts } = outcome;
        log.info('digests run', { ...counts, failed: failures.length });
        count('DigestMailed', {}, outcome.sent);
        // Failed windows stay on the index: the next run (a minute later) retries them.
        if (failures.length > 0) log.warn('digest windows not mailed', { failures });
        return outcome;
      },
    );
}

const runDigests = digestsHandler(systemClock);
export const handler = observed(
  'digests',
  () => undefined,
  () => runDigests(),
);
