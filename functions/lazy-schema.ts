// A schema built on first use (decision 0048): the object a module exports stands for it, so a
// Lambda builds, of the schemas it bundles, only those its requests and events use.
import type * as z from 'zod/mini';

const standIns = new WeakSet<object>();

/** Whether a value is a stand-in made by lazySchema (for the test that every route schema is one). */
export const isLazySchema = (value: unknown) =>
  typeof value === 'object' && value !== null && standIns.has(value);

/**
 * `build()` runs once, on the first read of any property (a parse, a wrapper's construction, the
 * OpenAPI walk); every read after that goes to the built schema. The stand-in keeps one identity,
 * so routes, wrappers and OpenAPI components name the same object, and `instanceof` holds (zod
 * checks the traits of `_zod`, which the stand-in forwards).
 */
export function lazySchema<T extends z.ZodMiniType>(build: () => T): T {
  let built: T | undefined;
  const schema = () => {
    built ??= build();
    return built;
  };
  const standIn = new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    has: (_, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    // The stand-in owns no property: each one is reported configurable, as a proxy must.
    getOwnPropertyDescriptor: (_, key) => {
      const found = Reflect.getOwnPropertyDescriptor(schema(), key);
      return found && { ...found, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    set: (_, key, value) => Reflect.set(schema(), key, value),
  });
  standIns.add(standIn);
  return standIn;
}
