// The upload bucket: browsers POST straight to it with presigned forms; S3 reports each new
// object to EventBridge ("Object Created"), where the ingest rule picks it up. Its server access
// logs go to a separate log bucket. Versioned: a document's bytes are not lost to an overwrite.
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
import { acknowledge } from './nag';

/** How long a replaced or deleted object version can still be restored. */
export const NONCURRENT_DAYS = 90;

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
