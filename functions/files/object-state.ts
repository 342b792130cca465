// The tag that says whether an uploaded object became a document: S3 sets it to `pending` when the
// presigned POST stores the object, ingest sets `recorded` before it writes the document, and the
// bucket's lifecycle rule (lib/uploads.ts) expires what stayed pending (decision 0022).
export const OBJECT_STATE_TAG = 'portico-state';

/** `purged`: a trashed document's object on its way out (its kept version expires within a day). */
export type ObjectState = 'pending' | 'recorded' | 'purged';

/** The POST form's `tagging` field (S3's tag-set XML) for a tag set of just the state. */
export const taggingXml = (state: ObjectState) =>
  `<Tagging><TagSet><Tag><Key>${OBJECT_STATE_TAG}</Key><Value>${state}</Value></Tag></TagSet></Tagging>`;
