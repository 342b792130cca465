// The shipped texts' tables as notify reads them: decoded from their packed copy (JSON, brotli,
// base64; generated, decision 0049) on the first render of a container, never at import. As code,
// the tables were 22 KB of notify's bundle and ~600 arrays built on every cold start.
import type { CompactMessage } from '../../domain/texts/compact-icu';
import { unpackJson } from '../../domain/texts/packed-json';
import type { Locale } from '../../domain/texts/template';
import { SHIPPED_PACKED } from './shipped-packed';

/** The generated tables (./shipped.ts): each distinct message once, rows of indices per template × locale. */
export interface ShippedTables {
  /** The order of a row's indices (a row stops at its last present field). */
  fields: string[];
  messages: CompactMessage[];
  texts: Record<string, Record<Locale, (number | null)[]>>;
}

export const unpackShipped = (packed: string): ShippedTables => unpackJson(packed);

let tables: ShippedTables | undefined;

/** The tables, decoded once per container. */
export function shippedTables(): ShippedTables {
  tables ??= unpackShipped(SHIPPED_PACKED);
  return tables;
}
