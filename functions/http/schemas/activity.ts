// Request and response schemas of the activity routes, apart from the case schemas (re-exported
// there) so the activity function builds only its own (decision 0040).
import { ActivityEntryView, ActivityTypeFilter } from '../../domain/activity-entry';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { PageQuery } from './common';

export { ActivityEntryView };

/** A page of a case's activity, optionally of some event types only. */
export const ActivityQuery = lazySchema(() =>
  z.strictObject({ ...PageQuery.shape, type: z.optional(ActivityTypeFilter) }),
);
