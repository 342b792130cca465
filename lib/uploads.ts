// The upload bucket: browsers POST straight to it with presigned forms; S3 reports each new
// object to EventBridge ("Object Created"), where the ingest rule picks it up. Its server access
// logs go to a separate log bucket. Versioned: a document's bytes are not lost to an overwrite.
// Objects that never became documents (tagged pending by the upload form) expire (decision 0022).
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { OBJECT_STATE_TAG } from '../functions/files/object-state';
import { acknowledge } from './nag';
import { DEAD_LETTER_RETENTION_DAYS } from './queues';

/** How long a replaced or deleted object version can still be restored. */
export const NONCURRENT_DAYS = 90;

/**
 * How long an object that never became a document (still tagged pending) is kept. Longer than its
 * event can still be handled: EventBridge's retries (24 h), Lambda's async retries (6 h), then the
 * dead-letter queue's retention, so an ingest redriven from the DLQ after a fix still finds its object.
 */
export const PENDING_DAYS = DEAD_LETTER_RETENTION_DAYS + 2;

/** How long what S3 keeps of a refused or expired pending object (its noncurrent version) stays. */
export const PENDING_NONCURRENT_DAYS = 1;

/** How long what S3 keeps of a document purged from the trash stays (decision 0038). */
export const PURGED_DAYS = 1;

export interface UploadsProps {
  /** Portal origins allowed to POST uploads and GET downloads from the browser. */
  portalOrigins: string[];
}

export class Uploads extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: UploadsProps) {
    super(scope, id);

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED, // the only encryption S3 log delivery supports
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        {
          id: 'ExpireAccessLogs',
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
          expiration: Duration.days(365),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      eventBridgeEnabled: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'uploads/',
      cors: [
        {
          allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
          allowedOrigins: props.portalOrigins,
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3600,
        },
      ],
      // Client documents survive an overwrite or a mistaken delete: every version is kept, and a
      // replaced or deleted one stays restorable for NONCURRENT_DAYS before it expires.
      versioned: true,
      lifecycleRules: [
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          // Rejected uploads (ingest deletes them, S3 keeps the version), and objects whose ingest
          // failed for good: what the upload form tagged pending and ingest never tagged recorded.
          id: 'ExpireUnrecordedUploads',
          tagFilters: { [OBJECT_STATE_TAG]: 'pending' },
          expiration: Duration.days(PENDING_DAYS),
          noncurrentVersionExpiration: Duration.days(PENDING_NONCURRENT_DAYS),
        },
        {
          // Documents purged from the trash (decision 0038): the purge tags the object purged and
          // deletes it; the version S3 keeps goes a day later (and the object itself, had the delete failed).
          id: 'ExpirePurgedDocuments',
          tagFilters: { [OBJECT_STATE_TAG]: 'purged' },
          expiration: Duration.days(PURGED_DAYS),
          noncurrentVersionExpiration: Duration.days(PURGED_DAYS),
        },
        {
          id: 'ExpireNoncurrentVersions',
          noncurrentVersionExpiration: Duration.days(NONCURRENT_DAYS),
          expiredObjectDeleteMarker: true,
        },
      ],
      // Client documents: never deleted with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // eventBridgeEnabled is applied by the CDK's bucket-notifications custom resource, a singleton
    // Lambda at stack level that we do not configure.
    const stack = Stack.of(this);
    for (const handler of stack.node.children.filter((c) =>
      c.node.id.startsWith('BucketNotificationsHandler'),
    )) {
      acknowledge(
        handler,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "The CDK's bucket-notifications custom resource handler (deploy-time only) ships with this role.",
      );
    }
  }
}
