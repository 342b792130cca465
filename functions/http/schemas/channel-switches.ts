// One notification category's or event type's channels as a body sends them: shared by a person's
// preferences (notifications group) and the firm's matrix (settings group).
import * as z from '../../zod-mini';

export const Switches = z.strictObject({ inApp: z.boolean(), email: z.boolean(), push: z.boolean() });
