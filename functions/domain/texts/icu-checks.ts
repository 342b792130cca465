// The ICU checks of the templates routes (parse, render, compact form: ./icu.ts with
// intl-messageformat), compiled from their packed copy (./icu-packed.ts, decision 0055) on the first
// save of an override, never when the function loads: carried as code they cost every cold start of
// the templates function about 2 ms of parsing, while only a save (PUT) uses them.
import { runInThisContext } from 'node:vm';
import type * as Icu from './icu';
import { ICU_PACKED } from './icu-packed';
import { unpackText } from './packed-json';

export type IcuChecks = Pick<typeof Icu, 'compactOf' | 'format' | 'problemOf'>;

let compiled: IcuChecks | undefined;

/** The checks, compiled once per process. */
export function icuChecks(): IcuChecks {
  if (!compiled) {
    const module = { exports: {} as IcuChecks };
    // A CommonJS bundle of its own: it requires nothing and sets module.exports.
    const load = runInThisContext(`(function (module, exports) {${unpackText(ICU_PACKED)}\n})`, {
      filename: 'icu-packed.js',
    }) as (m: typeof module, e: IcuChecks) => void;
    load(module, module.exports);
    compiled = module.exports;
  }
  return compiled;
}
