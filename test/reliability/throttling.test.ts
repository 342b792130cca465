// SES throttling: the local SES answers TooManyRequestsException (as SES v2 does when the account's
// send rate is exceeded) for a run of sends longer than notify's in-place retries. The events go
// back on the bus instead of failing (nothing in the dead-letter queue, nothing redriven), and
// every invitation is mailed exactly once.
import type { MiddlewareStack } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, mailsTo, startHarness } from './support/stack';
import { buildFirmWorld, type Contact, type FirmWorld, grant, newContact } from './support/world';

let h: Harness;
let A: FirmWorld;
/** SendEmail calls still to refuse; counted as they are refused. */
const ses = { toRefuse: 0, refused: 0 };

beforeAll(async () => {
  // Read by the notify handler at import: a short in-place budget, so a run of refusals outlasts it.
  process.env.NOTIFY_THROTTLE_BUDGET_MS = '300';
  h = await startHarness();
  A = await buildFirmWorld(h, 'Throttled & Co');
  const client = (await import('../../functions/clients/ses')).ses as unknown as {
    // biome-ignore lint/suspicious/noExplicitAny: any SDK v3 client's stack
    middlewareStack: MiddlewareStack<any, any>;
  };
  // Outside the SDK's retry loop: what reaches the mailer after the SDK's own retries.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'SendEmailCommand' && ses.toRefuse > 0) {
        ses.toRefuse--;
        ses.refused++;
        throw Object.assign(new Error('Maximum sending rate exceeded. (injected)'), {
          name: 'TooManyRequestsException',
          $fault: 'client',
          $metadata: { httpStatusCode: 429, attempts: 1 },
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'reliability-ses-throttling', override: true },
  );
}, 120_000);

afterAll(async () => {
  delete process.env.NOTIFY_THROTTLE_BUDGET_MS;
  await h?.stop();
});

describe('Reliability: SES throttling', () => {
  it('puts throttled events back on the bus: no dead letter, each invitation mailed once', async () => {
    // Prepare: SES refuses the next 40 sends (several in-place budgets' worth for each event).
    const invitees: Contact[] = [];
    for (let i = 0; i < 4; i++) invitees.push(await newContact(h, A.firm, `Throttled Invitee ${i}`));
    ses.toRefuse = 40;

    // Act: four grants, four invitation mails, all throttled at first
    for (const c of invitees) await grant(h, A.firm, A.case1, c, { role: 'viewer', canDownload: true });
    for (let round = 0; round < 20 && ses.toRefuse > 0; round++) await h.settle();
    await h.settle();

    // Assess
    expect(ses.refused).toBe(40);
    expect(await h.stack.bus.deadLetters('notify'), 'dead letters').toEqual([]);
    for (const c of invitees) expect(await mailsTo(h, c.email), `invitation to ${c.name}`).toHaveLength(1);
    console.info(
      `throttling: refused=${ses.refused} deadLetters=0 invitations=${invitees.length} each mailed once`,
    );
  });
});
