// S3 adapter of the Files port: presigned POST (uploads) and GET (downloads), a ranged read of an
// object's first bytes (ingest's type check), the recorded tag and deletes, all on the one upload bucket.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { presignedPostListeners } from '../clients/presigned-posts';
import type { Files } from '../domain/documents';
import { OBJECT_STATE_TAG, type ObjectState, taggingXml } from './object-state';

export function s3Files(client: S3Client, bucket: string): Files {
  /** Sets the current version's tag set to just its state; false when the object is gone. */
  const tagState = async (key: string, state: ObjectState) => {
    try {
      // Replaces the tag set of the current version: the pending tag is the only one S3 was given.
      await client.send(
        new PutObjectTaggingCommand({
          Bucket: bucket,
          Key: key,
          Tagging: { TagSet: [{ Key: OBJECT_STATE_TAG, Value: state }] },
        }),
      );
      return true;
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'NoSuchKey' || name === 'NotFound') return false;
      throw err;
    }
  };

  return {
    async presignUpload({ key, contentType, maxBytes, expiresInSeconds }) {
      const signed = { 'Content-Type': contentType, tagging: taggingXml('pending') };
      for (const listener of presignedPostListeners) listener({ bucket, key, fields: signed });
      const { url, fields } = await createPresignedPost(client, {
        Bucket: bucket,
        Key: key,
        // S3 refuses, at upload time, an object of another size range or type than the intent's.
        // The `tagging` field (in the policy too, so the browser cannot drop or change it) makes S3
        // tag the object pending as it stores it: until ingest records it, the lifecycle rule may
        // expire it (decision 0022). Signing it takes s3:PutObjectTagging on the signer's role.
        Conditions: [
          ['content-length-range', 1, maxBytes],
          ['eq', '$Content-Type', contentType],
          ['eq', '$tagging', taggingXml('pending')],
        ],
        Fields: signed,
        Expires: expiresInSeconds,
      });
      return { url, fields };
    },

    presignDownload: ({ key, fileName, expiresInSeconds }) =>
      getSignedUrl(
        client,
        new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: attachment(fileName) }),
        { expiresIn: expiresInSeconds },
      ),

    async readStart(key, bytes) {
      try {
        const res = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${bytes - 1}` }),
        );
        return res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
      } catch (err) {
        const name = (err as Error).name;
        if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
        // A range on an empty object is unsatisfiable: the object is there, with no bytes.
        if (name === 'InvalidRange') return new Uint8Array();
        throw err;
      }
    },

    markRecorded: (key) => tagState(key, 'recorded'),

    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    async discard(key) {
      // Tags are per version: the version the delete turns noncurrent carries `purged`, which the
      // bucket's lifecycle rule expires within a day instead of keeping it restorable for 90. Gone
      // already: a run that died after the delete is finishing its work.
      if (await tagState(key, 'purged')) {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      }
    },
  };
}

/**
 * `attachment` with the name as a quoted ASCII fallback and as RFC 5987 UTF-8, so every browser
 * saves the file under its name and no name can break out of the header.
 */
export function attachment(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
