// Rewrites classic zod method chains as zod/mini calls (decision 0032), from type information:
// `x.min(1).optional()` → `z.optional(x.check(z.minLength(1)))`, the same checks and wrappers classic
// zod builds, so a schema parses and documents as before. For a branch written against classic zod:
//   npx tsx scripts/zod-mini-codemod.ts <files…> && npx biome check --write <files…>
// It must run while the files still import classic `zod` (it finds the methods through their types).
// Anything it cannot map is listed on stderr and left as it was.
import { writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import ts from 'typescript';

const files = process.argv.slice(2).map((f) => `${process.cwd()}/${f}`);
const cfg = ts.getParsedCommandLineOfConfigFile(
  'tsconfig.json',
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
)!;
const program = ts.createProgram(files, cfg.options);
const checker = program.getTypeChecker();

const stringChecks: Record<string, string> = {
  min: 'minLength',
  max: 'maxLength',
  length: 'length',
  regex: 'regex',
  trim: 'trim',
  toLowerCase: 'toLowerCase',
  toUpperCase: 'toUpperCase',
  overwrite: 'overwrite',
  refine: 'refine',
  superRefine: 'superRefine',
  email: 'email',
  url: 'url',
  uuid: 'uuid',
  datetime: 'iso.datetime',
  startsWith: 'startsWith',
  endsWith: 'endsWith',
  includes: 'includes',
  nonempty: 'minLength(1)',
};
const numberChecks: Record<string, string> = {
  min: 'gte',
  max: 'lte',
  gte: 'gte',
  lte: 'lte',
  gt: 'gt',
  lt: 'lt',
  int: 'int',
  positive: 'positive',
  nonnegative: 'nonnegative',
  negative: 'negative',
  refine: 'refine',
  superRefine: 'superRefine',
  overwrite: 'overwrite',
  multipleOf: 'multipleOf',
};
const wrappers: Record<string, (r: string, a: string[]) => string> = {
  optional: (r) => `z.optional(${r})`,
  nullable: (r) => `z.nullable(${r})`,
  nullish: (r) => `z.nullish(${r})`,
  default: (r, a) => `z._default(${r}, ${a.join(', ')})`,
  prefault: (r, a) => `z.prefault(${r}, ${a.join(', ')})`,
  catch: (r, a) => `z.catch(${r}, ${a.join(', ')})`,
  transform: (r, a) => `z.pipe(${r}, z.transform(${a.join(', ')}))`,
  pipe: (r, a) => `z.pipe(${r}, ${a.join(', ')})`,
  array: (r) => `z.array(${r})`,
  extend: (r, a) => `z.extend(${r}, ${a.join(', ')})`,
  safeExtend: (r, a) => `z.safeExtend(${r}, ${a.join(', ')})`,
  omit: (r, a) => `z.omit(${r}, ${a.join(', ')})`,
  pick: (r, a) => `z.pick(${r}, ${a.join(', ')})`,
  partial: (r, a) => `z.partial(${[r, ...a].join(', ')})`,
  required: (r, a) => `z.required(${[r, ...a].join(', ')})`,
  readonly: (r) => `z.readonly(${r})`,
  or: (r, a) => `z.union([${r}, ${a.join(', ')}])`,
  and: (r, a) => `z.intersection(${r}, ${a.join(', ')})`,
  keyof: (r) => `z.keyof(${r})`,
  meta: (r, a) => `${r}.register(z.globalRegistry, ${a.join(', ')})`,
  describe: (r, a) => `${r}.register(z.globalRegistry, { description: ${a.join(', ')} })`,
};
const kept = new Set([
  'parse',
  'safeParse',
  'parseAsync',
  'safeParseAsync',
  'register',
  'brand',
  'clone',
  'check',
]);
const problems: string[] = [];
const zodNamespace = /^z(\.(iso|coerce))?$/;

for (const sf of program.getSourceFiles()) {
  if (!files.includes(sf.fileName)) continue;
  const src = sf.text;
  const isZodMethod = (n: ts.Node): n is ts.CallExpression & { expression: ts.PropertyAccessExpression } => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return false;
    if (zodNamespace.test(n.expression.expression.getText(sf))) return false;
    const sym = checker.getSymbolAtLocation(n.expression.name);
    const decl = sym?.declarations?.[0];
    if (decl) return /node_modules\/zod\/v4\/classic\//.test(decl.getSourceFile().fileName);
    // A classic method called on a schema already written with zod/mini (imported from a converted
    // file): no such method, so no symbol; the receiver's type says it is a schema.
    const recv = checker.typeToString(checker.getTypeAtLocation(n.expression.expression));
    return (
      recv.startsWith('ZodMini') &&
      n.expression.name.text in { ...stringChecks, ...numberChecks, ...wrappers }
    );
  };
  const kindOf = (recv: ts.Expression) => {
    const t = checker.typeToString(checker.getTypeAtLocation(recv));
    return /^Zod(Mini)?(Coerced)?Number|^Zod(Mini)?NumberFormat|^ZodInt/.test(t) ? 'number' : 'other';
  };
  const comments = (from: number, to: number) =>
    (src.slice(from, to).match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? []).map((c) => `\n${c}\n`).join('');
  const checkOf = (n: ts.CallExpression & { expression: ts.PropertyAccessExpression }) => {
    const name = n.expression.name.text;
    const map = kindOf(n.expression.expression) === 'number' ? numberChecks : stringChecks;
    return map[name];
  };
  const gen = (node: ts.Node): string => {
    if (isZodMethod(node)) {
      const name = node.expression.name.text;
      if (checkOf(node)) {
        const items: string[] = [];
        let cur: ts.Expression = node;
        while (isZodMethod(cur) && checkOf(cur)) {
          const fn = checkOf(cur)!;
          const args = cur.arguments.map(gen).join(', ');
          const lead = comments(cur.expression.expression.end, cur.expression.name.getStart(sf));
          items.unshift(`${lead}z.${fn.includes('(') ? fn : `${fn}(${args})`}`);
          cur = cur.expression.expression;
        }
        return `${gen(cur)}.check(${items.join(', ')})`;
      }
      const w = wrappers[name];
      if (w) return w(gen(node.expression.expression), node.arguments.map(gen));
      if (!kept.has(name))
        problems.push(
          `${sf.fileName}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1} .${name}`,
        );
    }
    const start = ts.isSourceFile(node) ? 0 : node.getStart(sf);
    let pos = start;
    const out: string[] = [];
    node.forEachChild((child) => {
      const s = child.getStart(sf);
      out.push(src.slice(pos, s), gen(child));
      pos = child.end;
    });
    out.push(src.slice(pos, node.end));
    return out.join('');
  };
  let text = gen(sf);
  const rel = relative(dirname(sf.fileName), `${process.cwd()}/functions/zod-mini`);
  const spec = rel.startsWith('.') ? rel : `./${rel}`;
  text = text.replace(/^import (?:\* as z|\{ z \}) from 'zod';$/m, `import * as z from '${spec}';`);
  text = text.replace(
    /^import type (?:\* as z|\{ z \}) from 'zod';$/m,
    `import type * as z from 'zod/mini';`,
  );
  text = text
    .replace(/\bz\.ZodType\b/g, 'z.ZodMiniType')
    .replace(/\bz\.ZodObject\b/g, 'z.ZodMiniObject')
    .replace(/\bz\.ZodOptional\b/g, 'z.ZodMiniOptional')
    .replace(/\bz\.ZodNumber\b/g, 'z.ZodMiniNumber')
    .replace(/\bz\.ZodDiscriminatedUnion\b/g, 'z.ZodMiniDiscriminatedUnion');
  if (text !== src) writeFileSync(sf.fileName, text);
}
if (problems.length) console.error(`not mapped (left as written):\n${problems.join('\n')}`);
