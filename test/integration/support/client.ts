// The typed client (client/) pointed at the local stack: integration tests call documented routes
// through it, so a route that answers what docs/openapi.json does not say fails to compile or to match.
import { createPorticoClient, type PorticoClient } from '../../../client/src/index';
import { urls } from './stack';

/** The typed API client acting as the holder of `token` (anonymous without one). */
export function apiAs(token?: string): PorticoClient {
  return createPorticoClient({ baseUrl: urls.api, ...(token !== undefined ? { token } : {}) });
}
