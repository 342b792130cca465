// An email address as a request gives it (a contact's, an invited staff user's).
import * as z from '../../zod-mini';

export const Email = z.email().check(z.maxLength(254));
