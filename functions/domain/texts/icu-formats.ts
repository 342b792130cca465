// The named number/date/time styles ICU messages format with (`{n, number, percent}`,
// `{d, date, long}`), in a module without `intl-messageformat`, so the compact formatter
// (./compact-format.ts) reads them without bundling the library. Dates and times in UTC (Lambda's
// zone, made explicit so a test machine renders the same).

/** `IntlMessageFormat.formats` as data (a unit test holds them equal). */
export const ICU_DEFAULT_FORMATS = {
  number: {
    integer: { maximumFractionDigits: 0 },
    currency: { style: 'currency' },
    percent: { style: 'percent' },
  },
  date: {
    short: { month: 'numeric', day: 'numeric', year: '2-digit' },
    medium: { month: 'short', day: 'numeric', year: 'numeric' },
    long: { month: 'long', day: 'numeric', year: 'numeric' },
    full: { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' },
  },
  time: {
    short: { hour: 'numeric', minute: 'numeric' },
    medium: { hour: 'numeric', minute: 'numeric', second: 'numeric' },
    long: { hour: 'numeric', minute: 'numeric', second: 'numeric', timeZoneName: 'short' },
    full: { hour: 'numeric', minute: 'numeric', second: 'numeric', timeZoneName: 'short' },
  },
} satisfies {
  number: Record<string, Intl.NumberFormatOptions>;
  date: Record<string, Intl.DateTimeFormatOptions>;
  time: Record<string, Intl.DateTimeFormatOptions>;
};

const utc = <T extends Record<string, Intl.DateTimeFormatOptions>>(formats: T) =>
  Object.fromEntries(Object.entries(formats).map(([k, v]) => [k, { ...v, timeZone: 'UTC' }])) as {
    [K in keyof T]: T[K] & { timeZone: 'UTC' };
  };

/**
 * The styles every message formats with: intl-messageformat's, dates and times in UTC. Given to
 * `IntlMessageFormat` (./icu.ts) as its formats, they are what it merges them into.
 */
export const FORMATS = {
  number: ICU_DEFAULT_FORMATS.number,
  date: utc(ICU_DEFAULT_FORMATS.date),
  time: utc(ICU_DEFAULT_FORMATS.time),
};
