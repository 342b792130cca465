// Module boundaries that the compiler does not hold: notify's policies reach data only through
// their ports (functions/notify/adapters.ts is the one notify module that imports functions/store/,
// keys included), functions/domain/ imports nothing of functions/notify/, and the domain's modules
// import each other without cycles at run time (contacts ↔ mail addresses not even of types). Read
// from the import statements of the source files.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Every .ts file under a folder of the repository, repository-relative. */
function sources(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(folder, f).split('\\').join('/'));
}

// `import … from`, `export … from`, side-effect `import '…'` and `import('…')`; group 1 is `type`
// when the whole statement is type-only (the compiler erases it: verbatimModuleSyntax).
const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s+(type\s)?[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

interface Import {
  /** Repository-relative module. */
  module: string;
  /** `import type` / `export type`: a dependency of the design, not of the running code. */
  typeOnly: boolean;
}

/** What a file imports (relative specifiers only; packages are skipped). */
function importsOf(file: string, text = readFileSync(join(root, file), 'utf8')): Import[] {
  const out: Import[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[2] ?? m[3] ?? m[4]!;
    if (!spec.startsWith('.')) continue;
    const target = relative(root, resolve(root, dirname(file), spec))
      .split('\\')
      .join('/');
    out.push({ module: target.endsWith('.ts') ? target : `${target}.ts`, typeOnly: m[1] !== undefined });
  }
  return out;
}

const modulesOf = (file: string) => importsOf(file).map((i) => i.module);

/** Each file's imports that fall under `forbidden`, as `file → import`. */
const offending = (files: string[], forbidden: string) =>
  files.flatMap((f) =>
    modulesOf(f)
      .filter((i) => i.startsWith(forbidden))
      .map((i) => `${f} → ${i}`),
  );

/** Who imports whom among `files` (imports of other modules left out; type-only ones unless asked). */
const graphOf = (files: string[], types: 'with types' | 'runtime') =>
  Object.fromEntries(
    files.map((f) => [
      f,
      importsOf(f)
        .filter((i) => files.includes(i.module) && (types === 'with types' || !i.typeOnly))
        .map((i) => i.module),
    ]),
  );

/** The import cycles of a graph (each as its modules in order), found by depth-first search. */
function cyclesIn(graph: Record<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const visit = (f: string, path: string[]) => {
    const at = path.indexOf(f);
    if (at >= 0) {
      cycles.push(path.slice(at));
      return;
    }
    if (done.has(f)) return;
    for (const next of graph[f] ?? []) visit(next, [...path, f]);
    done.add(f);
  };
  for (const f of Object.keys(graph)) visit(f, []);
  return cycles;
}

/** Whether `from` imports `to`, directly or through other modules of the graph. */
function reaches(graph: Record<string, string[]>, from: string, to: string): boolean {
  const seen = new Set<string>();
  const next = [...(graph[from] ?? [])];
  while (next.length > 0) {
    const f = next.pop()!;
    if (f === to) return true;
    if (seen.has(f)) continue;
    seen.add(f);
    next.push(...(graph[f] ?? []));
  }
  return false;
}

describe('Module boundaries', () => {
  it('reads import statements of every kind, and resolves them from the importing file', () => {
    // Prepare: one line of each form
    const text = [
      "import type { A } from '../../store/keys';",
      "import { b,\n  c } from '../policy';",
      "export { d } from './d.ts';",
      "import '../side-effect';",
      "const e = await import('../../store/table');",
      "import * as z from 'zod';",
    ].join('\n');

    // Act
    const found = importsOf('functions/notify/policies/x.ts', text);

    // Assess
    expect(found).toEqual([
      { module: 'functions/store/keys.ts', typeOnly: true },
      { module: 'functions/notify/policy.ts', typeOnly: false },
      { module: 'functions/notify/policies/d.ts', typeOnly: false },
      { module: 'functions/notify/side-effect.ts', typeOnly: false },
      { module: 'functions/store/table.ts', typeOnly: false },
    ]);
  });

  it('notify policies import no store and no keys', () => {
    const policies = sources('functions/notify/policies');
    expect(policies.length).toBeGreaterThan(10);
    expect(offending(policies, 'functions/store/')).toEqual([]);
  });

  it('functions/notify/adapters.ts is the only notify module that imports functions/store/', () => {
    const notify = sources('functions/notify').filter((f) => f !== 'functions/notify/adapters.ts');
    expect(offending(notify, 'functions/store/')).toEqual([]);
    expect(offending(['functions/notify/adapters.ts'], 'functions/store/').length).toBeGreaterThan(0);
  });

  it('functions/domain/ imports nothing of functions/notify/', () => {
    const domain = sources('functions/domain');
    expect(domain).toContain('functions/domain/templates.ts');
    expect(offending(domain, 'functions/notify/')).toEqual([]);
  });

  it('the domain modules import each other without cycles at run time', () => {
    expect(cyclesIn(graphOf(sources('functions/domain'), 'runtime'))).toEqual([]);
  });

  it('contacts and mail addresses are in no import cycle, not even of types', () => {
    const [contacts, mail] = ['functions/domain/contacts.ts', 'functions/domain/mail-addresses.ts'];
    const graph = graphOf(sources('functions/domain'), 'with types');
    // Contacts show their address's mail status: the one direction the dependency goes.
    expect(reaches(graph, contacts, mail)).toBe(true);
    expect(reaches(graph, mail, contacts)).toBe(false);
  });

  it('finds a cycle where there is one, and none in a graph without', () => {
    expect(cyclesIn({ a: ['b'], b: ['c'], c: ['a'], d: ['a'] })).toEqual([['a', 'b', 'c']]);
    expect(cyclesIn({ a: ['b', 'c'], b: ['c'], c: [] })).toEqual([]);
    expect(reaches({ a: ['b'], b: ['c'], c: [] }, 'a', 'c')).toBe(true);
    expect(reaches({ a: ['b'], b: ['c'], c: [] }, 'c', 'a')).toBe(false);
  });
});
