// Routes that may miss the request targets of section 4, each with the reason it cannot meet them.
// A route listed here that misses shows "accepted: <reason>" instead of "OVER"; a listed route that
// meets its target shows "ok" (the entry is then stale: remove it). README › Performance repeats the
// list with each route's measured figure; decision 0033 gives the rule.
import type { RouteId } from '../functions/http/routes';

export const roundTripExceptions: Partial<Record<RouteId, string>> = {
  publishDocument:
    "fan-out: shares the document with every contact of the case's grants that the recurring task notifies, " +
    'which needs the grants and the recurring task read before the transaction that writes the shares',
  listContacts:
    "the mail marks are keyed by address, and a page's addresses are known only once its Query answered",
  listCaseActivity:
    "the names of who did what (and the firm's language) are read in one BatchGetItem of the page's distinct actors, known only once its Query answered",
  listPortalActivity:
    "the names of who did what (and the caller's and the firm's language) are read in one BatchGetItem of the page's distinct people, known only once its Query answered",
  openInvitation:
    "the portal login is found, then created, in Cognito by the contact's address, which the invitation's read yields",
  inviteStaff:
    "Cognito's AdminCreateUser sits between the check that the address is not yet staff and the record's write, which needs the login's sub",
  deactivateStaff:
    "the record is written first (tokens refused within the directory's cache window), then Cognito's global sign-out and disable, in that order",
  exportContact:
    "everything held is keyed by the contact's grants (invitations, each case's documents) or its record (login, address), known only once the first round trip answered (decision 0042)",
  eraseContact:
    "the removal first, then every partition of the contact's cases read and each copy of its personal data rewritten, the record last so an interrupted erasure can be finished (decision 0042)",
};
