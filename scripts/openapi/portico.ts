// Portico's own document: the route table, its named schemas as components, and the exact text
// committed at docs/openapi.json (so the script and the staleness test render it the same way).
import { z } from 'zod';
import { documentedRouteEntries } from '../../functions/http/routes';
import * as accessSchemas from '../../functions/http/schemas/access';
import * as activitySchemas from '../../functions/http/schemas/activity';
import * as caseViewSchemas from '../../functions/http/schemas/case-view';
import * as casesSchemas from '../../functions/http/schemas/cases';
import * as commonSchemas from '../../functions/http/schemas/common';
import * as discussionsSchemas from '../../functions/http/schemas/discussions';
import * as documentsSchemas from '../../functions/http/schemas/documents';
import * as emailSchemas from '../../functions/http/schemas/email';
import * as errorBodySchemas from '../../functions/http/schemas/error-body';
import * as inboxSchemas from '../../functions/http/schemas/inbox';
import * as localeSchemas from '../../functions/http/schemas/locale';
import * as settingsSchemas from '../../functions/http/schemas/settings';
import pkg from '../../package.json' with { type: 'json' };
import { generateOpenApi, type OpenApiDocument } from './generate';

/** Relative to the repository root. */
export const OPENAPI_PATH = 'docs/openapi.json';

const DESCRIPTION = [
  'Portico: the backend of client portals for accounting, tax, audit and legal firms.',
  'Generated from the route table (functions/http/routes/) by `npm run openapi`; do not edit by hand.',
  'Every error answers `ErrorBody`: a machine-readable `code`, a message, the request id and, for',
  'invalid input, the failing fields. Lists are paginated with an opaque `nextToken`.',
].join(' ');

export function porticoDocument(): OpenApiDocument {
  const entries = documentedRouteEntries();
  return generateOpenApi(
    entries,
    { title: 'Portico API', version: pkg.version, description: DESCRIPTION },
    namedSchemas(entries),
  );
}

/** The document as committed: 2-space indent, trailing newline. */
export function renderOpenApi(document: OpenApiDocument = porticoDocument()): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Every schema the schema modules export becomes a component named after its export, so clients
 * get `CaseView`, not an anonymous shape. Params and query objects are left out: they become one
 * parameter per key, not a schema.
 */
function namedSchemas(entries: ReturnType<typeof documentedRouteEntries>): Record<string, z.core.$ZodType> {
  const parameterObjects = new Set<unknown>(entries.flatMap(([, r]) => [r.params, r.query]).filter(Boolean));
  const modules = [
    accessSchemas,
    activitySchemas,
    caseViewSchemas,
    casesSchemas,
    commonSchemas,
    discussionsSchemas,
    documentsSchemas,
    emailSchemas,
    errorBodySchemas,
    inboxSchemas,
    localeSchemas,
    settingsSchemas,
  ];
  const named: Record<string, z.core.$ZodType> = {};
  for (const module of modules) {
    for (const [name, value] of Object.entries(module)) {
      if (!(value instanceof z.core.$ZodType) || parameterObjects.has(value)) continue;
      if (named[name]) throw new Error(`two schema modules export ${name}`);
      named[name] = value;
    }
  }
  return named;
}
