// Section 6: upload → inbox on the running local stack. A portal contact (collaborator) uploads
// through the presigned POST to local S3; the clock runs from the POST's response until the case
// owner's inbox lists a new item: S3 event → bus → ingest → stream → publisher → bus → notify.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';
import { quantile } from './stats';
import type { World } from './world';

export interface UploadToInbox {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  samples: number;
}

export function uploadToInboxUnavailable(): string | undefined {
  if (!existsSync(join(repoRoot, 'functions', 'handlers', 'documents.ts')))
    return 'functions/handlers/documents.ts does not exist yet';
  return undefined;
}

const POLL_MS = 5;
const TIMEOUT_MS = 15_000;

export async function measureUploadToInbox(
  world: World,
  samples: number,
  progress: (line: string) => void,
): Promise<UploadToInbox> {
  const f = await world.firm();
  const caseId = await world.caseId();
  const contact = await world.portalContact();
  const latestItem = async (): Promise<string | undefined> => {
    const list = await world.must('listStaffInbox', { claims: f.owner.claims, query: { limit: '1' } });
    return (list.items as { itemId: string }[])[0]?.itemId;
  };
  await world.settle();
  let last = await latestItem();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const name = `inbox-${i}.pdf`;
    const upload = await world.must('createPortalUpload', {
      claims: contact.claims,
      params: { caseId },
      body: world.uploadBody(name),
    });
    await world.postFile(upload, name);
    const t0 = performance.now();
    let item = await latestItem();
    while (item === last) {
      if (performance.now() - t0 > TIMEOUT_MS)
        throw new Error(`upload ${i}: no inbox item after ${TIMEOUT_MS} ms`);
      await new Promise((r) => setTimeout(r, POLL_MS));
      item = await latestItem();
    }
    times.push(performance.now() - t0);
    last = item;
    // Let this upload's tail (mail, counters) finish, so samples do not overlap.
    await world.settle();
    if ((i + 1) % 10 === 0)
      progress(`upload → inbox: ${i + 1}/${samples}, p50 so far ${quantile(times, 0.5).toFixed(0)} ms`);
  }
  return {
    p50Ms: quantile(times, 0.5),
    p95Ms: quantile(times, 0.95),
    maxMs: Math.max(...times),
    samples: times.length,
  };
}
