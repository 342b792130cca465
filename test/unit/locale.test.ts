// Language tags: the canonicalizer behind every `locale` field (property tests over well-formed
// BCP 47 tags in any letter case, and over strings that are not tags), the request schema that
// stores the canonical form, and the texts' chain region → language → firm default → en.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalLocale, MAX_LOCALE_LENGTH } from '../../functions/domain/locale';
import { Locale } from '../../functions/http/schemas/locale';
import { resolveLocale, shippedLocale } from '../../functions/notify/texts/locale';

const letters = (min: number, max: number) =>
  fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'),
    minLength: min,
    maxLength: max,
  });
const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

/** A well-formed tag: language (2–3 letters), optional script (4 letters), optional region, in any case. */
const wellFormed = fc
  .tuple(
    letters(2, 3),
    fc.option(letters(4, 4), { nil: undefined }),
    fc.option(fc.oneof(letters(2, 2), digits(3)), { nil: undefined }),
  )
  .map(([language, script, region]) => [language, script, region].filter(Boolean).join('-'));

/** Randomly re-cases a string: BCP 47 tags are case-insensitive. */
const recased = (s: string, flips: boolean[]) =>
  [...s].map((c, i) => (flips[i % Math.max(flips.length, 1)] ? c.toUpperCase() : c.toLowerCase())).join('');

describe('canonicalLocale', () => {
  it('accepts every well-formed tag in any letter case, and its canonical form is a fixed point', () => {
    fc.assert(
      fc.property(wellFormed, fc.array(fc.boolean(), { minLength: 1 }), (tag, flips) => {
        // Act
        const canonical = canonicalLocale(tag);
        const other = canonicalLocale(recased(tag, flips));

        // Assess
        expect(canonical).toBeDefined();
        expect(other).toBe(canonical);
        expect(canonicalLocale(canonical!)).toBe(canonical);
        expect(canonical).toBe(Intl.getCanonicalLocales(tag.toLowerCase())[0]);
      }),
    );
  });

  it('refuses anything with a character a tag cannot hold (underscore, space, punctuation, non-ASCII)', () => {
    const bad = fc.constantFrom('_', ' ', '.', '/', '#', 'é', '\n', '\u0000', 'ａ');
    fc.assert(
      fc.property(wellFormed, bad, wellFormed, (a, ch, b) => {
        expect(canonicalLocale(`${a}${ch}${b}`)).toBeUndefined();
      }),
    );
  });

  it('refuses the empty string, empty subtags and tags longer than the limit', () => {
    expect(canonicalLocale('')).toBeUndefined();
    expect(canonicalLocale('en--US')).toBeUndefined();
    expect(canonicalLocale('-en')).toBeUndefined();
    const long = `en-${Array.from({ length: 20 }, (_, i) => `x${String(i).padStart(3, '0')}`).join('-')}`;
    expect(long.length).toBeGreaterThan(MAX_LOCALE_LENGTH);
    expect(canonicalLocale(long)).toBeUndefined();
  });
});

describe('Schema: Locale', () => {
  it.each([
    ['EN', 'en'],
    ['pt-pt', 'pt-PT'],
    ['es-mx', 'es-MX'],
    ['FR-ca', 'fr-CA'],
    ['zh-hant-tw', 'zh-Hant-TW'],
  ])('stores %s as %s', (given, stored) => {
    expect(Locale.parse(given)).toBe(stored);
  });

  it.each(['pt_BR', 'e', 'en US', '', 'en-', 'x-private'])('refuses %j', (given) => {
    expect(Locale.safeParse(given).success).toBe(false);
  });
});

describe('Locale chain: region → language → firm default → en', () => {
  it('maps every region of a shipped language to that language, whatever the case', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(['pt', 'pt-BR'], ['es', 'es'], ['en', 'en']),
        fc.oneof(letters(2, 2), digits(3)),
        fc.array(fc.boolean(), { minLength: 1 }),
        fc.constantFrom(undefined, 'es', 'pt-BR', 'fr'),
        ([language, shipped], region, flips, firm) => {
          expect(resolveLocale(recased(`${language}-${region}`, flips), firm)).toBe(shipped);
        },
      ),
    );
  });

  it("gives a tag of a language we do not ship the firm's default, else en", () => {
    const unshipped = wellFormed.filter((t) => {
      const c = canonicalLocale(t);
      return c !== undefined && !['en', 'es', 'pt'].includes(c.split('-')[0]!);
    });
    fc.assert(
      fc.property(unshipped, fc.constantFrom(undefined, 'es', 'pt-PT', 'fr-CA'), (tag, firm) => {
        expect(shippedLocale(tag)).toBeUndefined();
        expect(resolveLocale(tag, firm)).toBe(resolveLocale(undefined, firm));
      }),
    );
    expect(resolveLocale('fr-CA', 'es')).toBe('es');
    expect(resolveLocale('fr-CA', 'pt-PT')).toBe('pt-BR');
    expect(resolveLocale('fr-CA', undefined)).toBe('en');
  });

  it('prefers the exact shipped locale, then the language (pt-PT → pt-BR, es-MX → es)', () => {
    expect(resolveLocale('pt-PT', 'es')).toBe('pt-BR');
    expect(resolveLocale('es-MX', 'pt-BR')).toBe('es');
    expect(resolveLocale('PT-br', 'es')).toBe('pt-BR');
  });
});
