// An email address as a request gives it (a contact's, an invited staff user's).

import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';

export const Email = lazySchema(() => z.email().check(z.maxLength(254)));
