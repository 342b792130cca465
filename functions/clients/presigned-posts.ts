// A hook on presigned POSTs, empty on AWS: the local stack's IAM check (local/iam) listens here,
// because a presigned POST is signed without sending a command, so no client middleware sees it.
// (No client here: importing this must not create one before the local stack sets the endpoints.)

/** A presigned POST about to be signed: what its holder will be allowed to upload. */
export interface PresignedPostIntent {
  bucket: string;
  key: string;
  fields: Record<string, string>;
}

/** Told of each presigned POST before it is signed; a listener may throw to refuse it. */
export const presignedPostListeners: ((post: PresignedPostIntent) => void)[] = [];
