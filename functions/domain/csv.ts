// CSV text as spreadsheets write it (RFC 4180): rows of fields, commas between, double quotes around
// a field that holds commas, quotes ("" inside) or line breaks; CRLF or LF line ends. Each row keeps
// the line it starts on, so a caller can name the line a problem is on.

export interface CsvRow {
  /** 1-based line of the text the row starts on. */
  line: number;
  fields: string[];
}

export type CsvParse = { ok: true; rows: CsvRow[] } | { ok: false; line: number; message: string };

/** The rows of `text`; blank lines are skipped. An unclosed or stray quote is a parse error. */
export function parseCsv(text: string): CsvParse {
  const rows: CsvRow[] = [];
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let line = 1;
  let rowLine = 1;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !wasQuoted)) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== '' || wasQuoted) return { ok: false, line, message: 'A quote inside an unquoted field.' };
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      wasQuoted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      if (wasQuoted) return { ok: false, line, message: 'Text after a closing quote.' };
      field += ch;
    }
  }
  if (quoted) return { ok: false, line: rowLine, message: 'A quoted field is never closed.' };
  if (field !== '' || fields.length > 0 || wasQuoted) endRow();
  return { ok: true, rows };
}
