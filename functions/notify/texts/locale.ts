// Which shipped language a recipient reads: the chain lives in the domain (the activity list renders
// sentences too); notify reads it from here.
export { resolveLocale, shippedLocale } from '../../domain/texts/locale';
