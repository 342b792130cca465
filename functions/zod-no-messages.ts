// Stands in for zod's English locale in the notify bundle (lib/bundling.ts aliases
// `zod/v4/locales/en.js` here for that entry alone; decision 0051). notify reads no issue's words: a
// rejected event is thrown as "does not match the catalogue" with each failing path and zod's issue
// code (never a message or a value) and dead-lettered as it came, a bad SES feedback event as "not an
// SES bounce or complaint event", so the 2.7 KB of sentences go unused.

/** A locale that sets nothing: zod keeps its own fallback message ("Invalid input"). */
export default () => ({});
