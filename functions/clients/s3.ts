// The S3 client, created once per container. Endpoint: AWS_ENDPOINT_URL_S3 (path-style for the local S3).
import { S3Client } from '@aws-sdk/client-s3';

export const s3 = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
