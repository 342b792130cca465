// Schemas built on first use (decision 0048): a stand-in builds its schema once, when first read,
// and then behaves as that schema; every schema the HTTP schema modules and the domain export is
// one, so a Lambda builds at import none of the schemas it bundles.
import { readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { isLazySchema, lazySchema } from '../../functions/lazy-schema';
import * as z from '../../functions/zod-mini';

/**
 * Built at load on purpose: `Locale` carries OpenAPI metadata in zod's registry, which is keyed by
 * the built object; `ErrorBody` is read by the OpenAPI script only, never bundled.
 */
const EAGER: Record<string, string[]> = {
  'functions/http/schemas': ['error-body.ts: ErrorBody', 'locale.ts: Locale'],
  'functions/domain': [],
};

describe('Module: lazy-schema', () => {
  it('builds nothing until the stand-in is first read, then builds once', () => {
    // Prepare
    const build = vi.fn(() => z.strictObject({ name: z.string().check(z.minLength(1)) }));

    // Act
    const schema = lazySchema(build);
    const wrapped = z.object({ items: z.array(schema) });
    const builtBeforeParsing = build.mock.calls.length;
    const results = [schema.safeParse({ name: 'Ana' }), schema.safeParse({ name: '' })];
    const nested = wrapped.safeParse({ items: [{ name: 'Ana', extra: 1 }] });

    // Assess
    expect(builtBeforeParsing).toBe(0);
    expect(results.map((r) => r.success)).toEqual([true, false]);
    expect(nested.success).toBe(false);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('stands for its schema: a zod type, with its shape, output and issues', () => {
    // Prepare
    const built = z.object({ id: z.string(), count: z._default(z.number(), 0) });
    const schema = lazySchema(() => built);

    // Act
    const parsed = schema.parse({ id: 'a' });

    // Assess
    expect(schema).toBeInstanceOf(z.core.$ZodType);
    expect(isLazySchema(schema)).toBe(true);
    expect(isLazySchema(built)).toBe(false);
    expect(schema.shape.id).toBe(built.shape.id);
    expect(parsed).toEqual({ id: 'a', count: 0 });
    expect(() => schema.parse({})).toThrow(/expected string/);
    expect(Object.keys(z.strictObject(schema.shape).shape)).toEqual(['id', 'count']);
  });

  it.each(['functions/http/schemas', 'functions/domain'])(
    'is what every schema %s exports is, but the metadata-carrying and OpenAPI-only ones',
    async (folder) => {
      // Act
      const eager: string[] = [];
      for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
        const module = await import(/* @vite-ignore */ `../../${folder}/${file}`);
        for (const [name, value] of Object.entries(module)) {
          if (value instanceof z.core.$ZodType && !isLazySchema(value)) eager.push(`${file}: ${name}`);
        }
      }

      // Assess
      expect(eager.sort()).toEqual(EAGER[folder]);
    },
  );
});
