// Compiles a route's zod schemas into the combinators of functions/http/checks/runtime.ts
// (decision 0056): each schema node becomes one call, written as code for the generated file and
// built live beside it (the test runs the live checks against zod). A node this does not know — a
// refine, a transform, a URL, a coerced string, an enum-keyed record — makes its whole part
// uncompiled: that part stays zod's alone, and the generated file says so.
import type * as z from 'zod/mini';
import type { Check } from '../../functions/http/checks/runtime';
import * as rt from '../../functions/http/checks/runtime';
import { refusedPattern } from '../../functions/http/schemas/refusing';

/** Why a part is left to zod. */
export class Uncompiled extends Error {}

/** Formats whose zod check is only a test of `def.pattern` (zod/v4/core checks.js, schemas.js). */
const PATTERN_FORMATS = new Set(['regex', 'email', 'datetime', 'date', 'uuid', 'guid']);

/** The overwrite zod/mini's `z.trim()` makes (zod/v4/core api.js `_trim`). */
const TRIM = /^\(?input\)? => input\.trim\(\)$/;

interface Node {
  _zod: {
    def: Record<string, unknown> & { type: string; checks?: Node[] };
    traits: Set<string>;
    values?: Set<unknown>;
    optin?: string;
    optout?: string;
  };
}

/** One compiled node: the combinator call as code, and the same call made. */
export interface Compiled {
  code: string;
  check: Check;
}

const isPrimitive = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

const literal = (v: unknown) => {
  if (v === null) return 'null';
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Uncompiled(`non-finite value ${v}`);
  if (isPrimitive(v)) return JSON.stringify(v);
  throw new Uncompiled(`a ${typeof v} value`);
};

/**
 * Writes every node once: a node's code names its children's constants, so a schema the route
 * table shares (an id, a page of views) is one constant of the generated file.
 */
export class CheckCompiler {
  /** Constant declarations in dependency order (`const c3 = …;`), and the code each one stands for. */
  readonly constants: { name: string; code: string }[] = [];
  private readonly byCode = new Map<string, Compiled>();
  private readonly patterns = new Map<string, string>();
  /** Combinators a generated file imports. */
  readonly used = new Set<string>();

  compile(schema: z.ZodMiniType): Compiled {
    return this.node(schema as unknown as Node);
  }

  private emit(combinator: string, args: string, check: Check): Compiled {
    this.used.add(combinator);
    const code = `${combinator}(${args})`;
    const seen = this.byCode.get(code);
    if (seen) return seen;
    const name = `c${this.constants.length - this.patterns.size}`;
    this.constants.push({ name, code });
    const compiled = { code: name, check };
    this.byCode.set(code, compiled);
    return compiled;
  }

  /** A pattern's constant: one regex literal per distinct pattern in the file. */
  private pattern(re: RegExp): string {
    const code = String(re);
    let name = this.patterns.get(code);
    if (!name) {
      name = `p${this.patterns.size}`;
      this.patterns.set(code, name);
      this.constants.push({ name, code });
    }
    return name;
  }

  private node(node: Node): Compiled {
    const compiled = this.nodeOf(node);
    // The combinators mirror zod's optionality; a node where they would not is not compiled.
    if (compiled.check.optin !== node._zod.optin || compiled.check.optout !== node._zod.optout)
      throw new Uncompiled(`optionality of a ${node._zod.def.type} differs from zod's`);
    return compiled;
  }

  private nodeOf(node: Node): Compiled {
    const def = node._zod.def;
    const checks = [...(node._zod.traits.has('$ZodCheck') ? [node] : []), ...(def.checks ?? [])];
    const noChecks = () => {
      if (checks.length) throw new Uncompiled(`checks on a ${def.type}`);
    };
    switch (def.type) {
      case 'string':
        return this.string(def, checks);
      case 'number':
        return this.number(def, checks);
      case 'boolean':
        noChecks();
        if (def.coerce) throw new Uncompiled('a coerced boolean');
        return this.emit('bool', '', rt.bool());
      case 'unknown':
      case 'any':
        noChecks();
        return this.emit('any', '', rt.any());
      case 'enum':
      case 'literal': {
        noChecks();
        const values = [...(node._zod.values ?? [])];
        return this.emit('oneOf', `[${values.map(literal).join(', ')}]`, rt.oneOf(values));
      }
      case 'object':
        return this.object(def, checks);
      case 'array': {
        const { min, max } = lengths(checks, 'array');
        const item = this.node(def.element as Node);
        return this.emit('arr', [item.code, ...bounds(min, max)].join(', '), rt.arr(item.check, min, max));
      }
      case 'record': {
        noChecks();
        const keyType = def.keyType as Node;
        if (keyType._zod.def.type !== 'string' || keyType._zod.values || def.mode === 'loose' || def.partial)
          throw new Uncompiled('a record whose keys are not plain strings');
        const key = this.node(keyType);
        const value = this.node(def.valueType as Node);
        return this.emit('rec', `${key.code}, ${value.code}`, rt.rec(key.check, value.check));
      }
      case 'optional': {
        noChecks();
        const inner = this.node(def.innerType as Node);
        return this.emit('opt', inner.code, rt.opt(inner.check));
      }
      case 'nullable': {
        noChecks();
        const inner = this.node(def.innerType as Node);
        return this.emit('nul', inner.code, rt.nul(inner.check));
      }
      case 'default': {
        noChecks();
        const value = def.defaultValue;
        if (!isPrimitive(value)) throw new Uncompiled('a default that is not a string, number or boolean');
        const inner = this.node(def.innerType as Node);
        return this.emit('dflt', `${inner.code}, ${literal(value)}`, rt.dflt(inner.check, value));
      }
      case 'union': {
        noChecks();
        if (def.discriminator !== undefined || def.inclusive === false)
          throw new Uncompiled('a discriminated or exclusive union');
        const options = (def.options as Node[]).map((o) => this.node(o));
        return this.emit(
          'union',
          `[${options.map((o) => o.code).join(', ')}]`,
          rt.union(options.map((o) => o.check)),
        );
      }
      default:
        throw new Uncompiled(`a ${def.type}`);
    }
  }

  private string(def: Node['_zod']['def'], checks: Node[]): Compiled {
    if (def.coerce) throw new Uncompiled('a coerced string');
    // zod/mini's z.trim() is an overwrite; first among the checks, the others judge the trimmed value.
    const [first, ...rest] = checks;
    if (first?._zod.def.check === 'overwrite' && TRIM.test(String(first._zod.def.tx))) {
      const inner = this.string(def, rest);
      return this.emit('trim', inner.code, rt.trim(inner.check));
    }
    const { min, max } = lengths(checks, 'string');
    const patterns: RegExp[] = [];
    for (const check of checks) {
      const c = check._zod.def;
      if (c.check === 'min_length' || c.check === 'max_length') continue;
      const refused = refusedPattern(check);
      if (refused) {
        // Refusing one character class anywhere is accepting only the others, start to end.
        if (refused.flags || !/^\[[^\]^][^\]]*\]$/.test(refused.source))
          throw new Uncompiled(`a refused pattern other than one character class: ${refused}`);
        patterns.push(new RegExp(`^[^${refused.source.slice(1, -1)}]*$`));
        continue;
      }
      if (c.check !== 'string_format' || !PATTERN_FORMATS.has(c.format as string))
        throw new Uncompiled(
          c.check === 'custom'
            ? 'a refine of a string (one made with refusing() compiles)'
            : c.check === 'overwrite'
              ? 'an overwrite of a string other than a leading trim'
              : `a string check ${String(c.check)}${c.format ? ` (${String(c.format)})` : ''}`,
        );
      if (!(c.pattern instanceof RegExp))
        throw new Uncompiled(`a ${String(c.format)} check without a pattern`);
      if (c.when) throw new Uncompiled('a conditional string check');
      patterns.push(c.pattern);
    }
    // str(min, max, ...patterns): patterns come after both bounds.
    const args = patterns.length
      ? [
          String(min),
          max === Number.POSITIVE_INFINITY ? 'Infinity' : String(max),
          ...patterns.map((p) => this.pattern(p)),
        ]
      : bounds(min, max);
    return this.emit('str', args.join(', '), rt.str(min, max, ...patterns));
  }

  private number(def: Node['_zod']['def'], checks: Node[]): Compiled {
    const b: { coerce?: 1; int?: 1; gte?: number; gt?: number; lte?: number; lt?: number } = {};
    if (def.coerce) b.coerce = 1;
    for (const check of checks) {
      const c = check._zod.def;
      if (c.when) throw new Uncompiled('a conditional number check');
      if (c.check === 'number_format') {
        if (c.format !== 'safeint') throw new Uncompiled(`a number format ${String(c.format)}`);
        b.int = 1;
      } else if ((c.check === 'greater_than' || c.check === 'less_than') && typeof c.value === 'number') {
        const v = c.value;
        if (c.check === 'greater_than') {
          if (c.inclusive) b.gte = Math.max(b.gte ?? v, v);
          else b.gt = Math.max(b.gt ?? v, v);
        } else if (c.inclusive) b.lte = Math.min(b.lte ?? v, v);
        else b.lt = Math.min(b.lt ?? v, v);
      } else throw new Uncompiled(`a number check ${String(c.check)}`);
    }
    const fields = Object.entries(b).map(([k, v]) => `${k}: ${v}`);
    return this.emit('num', `{ ${fields.join(', ')} }`, rt.num(b));
  }

  private object(def: Node['_zod']['def'], checks: Node[]): Compiled {
    if (checks.length) throw new Uncompiled('checks on an object');
    const catchall = def.catchall as Node | undefined;
    const strict = catchall?._zod.def.type === 'never';
    if (catchall && !strict) throw new Uncompiled('an object with a catchall');
    const shape = def.shape as Record<string, Node>;
    if (Object.getOwnPropertySymbols(shape).length) throw new Uncompiled('symbol keys');
    const fields: string[] = [];
    const live: Record<string, Check> = {};
    for (const [key, child] of Object.entries(shape)) {
      if (key === '__proto__') throw new Uncompiled('a __proto__ key');
      const compiled = this.node(child);
      fields.push(`${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${compiled.code}`);
      live[key] = compiled.check;
    }
    return this.emit(
      'obj',
      `{ ${fields.join(', ')} }${strict ? ', 1' : ''}`,
      rt.obj(live, strict ? 1 : undefined),
    );
  }
}

/** The tightest length bounds of a string's or an array's checks. */
function lengths(checks: Node[], of: 'string' | 'array') {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const check of checks) {
    const c = check._zod.def;
    if (c.check === 'min_length') min = Math.max(min, c.minimum as number);
    else if (c.check === 'max_length') max = Math.min(max, c.maximum as number);
    else if (of === 'array') throw new Uncompiled(`an array check ${String(c.check)}`);
  }
  return { min, max };
}

/** `min, max` as arguments, leaving out what the combinator defaults (unless more follow). */
function bounds(min: number, max: number): string[] {
  if (max !== Number.POSITIVE_INFINITY) return [String(min), String(max)];
  return min > 0 ? [String(min)] : [];
}
