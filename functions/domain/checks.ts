// Access checks folded into the work (decision 0033): the read a check needs and the read of the
// data it guards go out together, and the check decides before anything is returned; or, for a
// list kept under a case, the check is read only when the list's page cannot prove it.
import { notFound } from './errors';
import { type Page, type PageRequest, pageOf } from './ports';

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

/**
 * One page of a list kept under a case, in one round trip on the happy path: the Query runs first,
 * and the case is read (`caseExists`) only when the page is empty or the Query failed (a bad
 * cursor). Cases are never deleted and every such item is written under an existing case, so a
 * non-empty page proves the case exists; an empty page of an unknown case (or another firm's) still
 * answers 404 case_not_found, and an unknown case with a bad cursor still answers 404 before 400,
 * as when the case was read first.
 */
export async function pageUnderCase<T>(
  caseExists: () => Promise<boolean>,
  list: (page: PageRequest) => Promise<Page<T>>,
  query: PageRequest,
): Promise<Page<T>> {
  let page: Page<T>;
  try {
    page = await list(pageOf(query));
  } catch (err) {
    if (!(await caseExists())) throw notFound('case');
    throw err;
  }
  if (page.items.length === 0 && !(await caseExists())) throw notFound('case');
  return page;
}
