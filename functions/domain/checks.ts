// Access checks folded into the work (decision 0033): the read a check needs and the read of the
// data it guards go out together, and the check decides before anything is returned.

/**
 * Awaits a check and a data read started at the same time. The check decides first: when it
 * fails its error is thrown (whatever the data read did), so data read before the decision never
 * leaves when the decision is no; only then does a failed data read count.
 */
export async function checkedAlongside<C, D>(check: Promise<C>, data: Promise<D>): Promise<[C, D]> {
  const [c, d] = await Promise.allSettled([check, data]);
  if (c.status === 'rejected') throw c.reason;
  if (d.status === 'rejected') throw d.reason;
  return [c.value, d.value];
}
