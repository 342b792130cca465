// Request and response schemas of the firm settings (detailed notifications, upload limit, default
// language).

import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { Locale } from './locale';

/** S3's limit for one presigned POST. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024 * 1024;

export const SettingsBody = lazySchema(() =>
  z.strictObject({
    /** Lets file requests carry an additional message in their notifications. */
    detailedNotifications: z.boolean(),
    /** Per-file upload limit in bytes. */
    uploadMaxBytes: z.number().check(z.int(), z.gte(1), z.lte(MAX_UPLOAD_BYTES)),
    /** The firm's default language; absent keeps the current one. */
    locale: z.optional(Locale),
  }),
);

export const SettingsView = lazySchema(() =>
  z.object({
    detailedNotifications: z.boolean(),
    uploadMaxBytes: z.number().check(z.int()),
    locale: z.string().register(z.globalRegistry, {
      description:
        "The firm's default language (BCP 47, canonical; en until set): the texts of contacts and staff without a language we ship.",
    }),
    updatedAt: z.optional(z.string()),
    updatedBy: z.optional(z.string()),
  }),
);
