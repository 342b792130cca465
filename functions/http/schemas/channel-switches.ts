// One notification category's or event type's channels as a body sends them: shared by a person's
// preferences (notifications group) and the firm's matrix (settings group).

import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';

export const Switches = lazySchema(() =>
  z.strictObject({ inApp: z.boolean(), email: z.boolean(), push: z.boolean() }),
);
