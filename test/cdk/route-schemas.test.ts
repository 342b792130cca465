// Each route group's Lambda builds, at import, only the schemas its own routes use: a schema module
// another group's routes need is split so the shared part lives in a module of its own (issue 17: a
// group's Lambda imports only its own routes and schemas; construction is cold start).
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { routeEntries, routeGroups } from '../../functions/http/routes';
import * as z from '../../functions/zod-mini';

/**
 * Modules every group may build whole: the schemas nearly every route names (ids, a case's and a
 * document's path, the page query) and the principal's (`Person`, `StaffRole`), each a few dozen
 * constructions; splitting them per export would make a module per schema.
 */
const SHARED = ['functions/http/schemas/common.ts', 'functions/domain/principal.ts'];

/**
 * Domain views a group builds though its routes never answer them: its implementation imports their
 * entity's module for its functions (decision 0029 keeps each view beside its entity), through the
 * stores (access) or the upload and publication rules (documents, discussions). What is listed here
 * is known; anything new fails.
 */
const IMPLEMENTATION_VIEWS: Partial<Record<string, string[]>> = {
  access: [
    'document-trash.ts: TrashedDocumentView',
    'documents.ts: DocumentSource',
    'documents.ts: DocumentView',
    'documents.ts: Uploader',
    'file-request-templates.ts: FileRequestTemplateView',
    'file-request-templates.ts: TemplateDeletedView',
    'file-request-templates.ts: TemplateItem',
    'shares.ts: ShareView',
  ],
  documents: [
    'conversation-status.ts: ConversationStatus',
    'file-request-templates.ts: FileRequestTemplateView',
    'file-request-templates.ts: TemplateDeletedView',
    'file-request-templates.ts: TemplateItem',
    'recurring-tasks.ts: RecurringTaskDeletedView',
    'recurring-tasks.ts: RecurringTaskView',
  ],
  discussions: [
    'document-trash.ts: TrashedDocumentView',
    'documents.ts: DocumentSource',
    'documents.ts: DocumentView',
    'shares.ts: ShareView',
  ],
  staff: ['mail-addresses.ts: MailStatusView'],
  settings: ['preferences.ts: PreferencesView'],
};

/** The schema and domain modules the group's handler bundles, built as CDK builds it (lib/function.ts). */
async function bundledModules(group: string) {
  const result = await build({
    entryPoints: [`functions/handlers/${group}.ts`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs).filter(
    (i) => /^functions\/(http\/schemas|domain)\//.test(i) && !SHARED.includes(i),
  );
}

/** Every schema a route's params, query, body or response is made of (the route's schemas and theirs). */
function reachable(roots: unknown[]): Set<unknown> {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (value instanceof z.core.$ZodType) {
      if (seen.has(value)) return;
      seen.add(value);
      for (const part of Object.values(value._zod.def)) visit(part, 0);
    } else if (depth < 1 && value !== null && typeof value === 'object') {
      for (const part of Object.values(value)) visit(part, depth + 1); // an object's shape, a union's options
    }
  };
  for (const root of roots) visit(root, 0);
  return seen;
}

/** `module: export` of each schema the modules export at load that the routes do not reach. */
async function unreached(modules: string[], used: Set<unknown>) {
  const found: string[] = [];
  for (const path of modules) {
    for (const [name, value] of Object.entries(await import(/* @vite-ignore */ `../../${path}`))) {
      if (value instanceof z.core.$ZodType && !used.has(value)) found.push(`${path}: ${name}`);
    }
  }
  return found.sort();
}

describe('Stack: Portico', () => {
  describe('route group schemas', () => {
    it.each(routeGroups)('the %s Lambda builds no schema its routes do not use', async (group) => {
      // Prepare
      const used = reachable(
        routeEntries()
          .filter(([, r]) => r.group === group)
          .flatMap(([, r]) => [r.params, r.query, r.body, r.response.schema]),
      );

      // Act
      const modules = await bundledModules(group);

      // Assess
      const unused = await unreached(modules, used);
      expect(unused.filter((u) => u.startsWith('functions/http/'))).toEqual([]);
      expect(unused.filter((u) => u.startsWith('functions/domain/'))).toEqual(
        (IMPLEMENTATION_VIEWS[group] ?? []).map((u) => `functions/domain/${u}`),
      );
    });
  });
});
