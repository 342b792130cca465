// The typed client (client/) pointed at the local stack: integration tests call documented routes
// through it, so a call the document does not describe fails to compile, and (conformance check) an
// answer the document does not describe fails the test at run time.
import { createPorticoClient, isApiError, type PorticoClient, type Schemas } from '../../../client/src/index';
import { conformance } from './conformance';
import { urls } from './stack';

/** The typed API client acting as the holder of `token` (anonymous without one). */
export function apiAs(token?: string): PorticoClient {
  const client = createPorticoClient({ baseUrl: urls.api, ...(token !== undefined ? { token } : {}) });
  client.use(conformance);
  return client;
}

/** The Portico error body of a failed call (with its `code`); fails the test when there is none. */
export function problem(res: { error?: unknown }): Schemas['ErrorBody'] {
  if (!isApiError(res.error))
    throw new Error(`expected a Portico error body, got ${JSON.stringify(res.error)}`);
  return res.error;
}
