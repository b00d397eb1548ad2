// Reading uploaded CSV files: the encoding Excel and CRMs write (UTF-8 with or without a BOM,
// Shift_JIS from Japanese Excel), then csv-parse for quotes, newlines inside fields and CRLF.
import { parse } from "csv-parse/sync";

export type CsvEncoding = "utf-8" | "utf-8-bom" | "shift_jis";

export class CsvFileError extends Error {
  constructor(
    /** Keys of accountData.fileError.* in app/i18n/account-data.ts. */
    public code: "empty" | "notText" | "spreadsheet" | "notCsv" | "noRows" | "tooManyRows",
    public params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** .xlsx files are ZIP archives; old .xls files are OLE compound documents. */
const SPREADSHEET_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04],
  [0xd0, 0xcf, 0x11, 0xe0],
];

function startsWith(bytes: Uint8Array, signature: number[]) {
  return signature.every((b, i) => bytes[i] === b);
}

/** The text of the file and the encoding it was in; refuses binary files. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes.length === 0) throw new CsvFileError("empty");
  if (SPREADSHEET_SIGNATURES.some((s) => startsWith(bytes, s))) {
    throw new CsvFileError("spreadsheet");
  }
  if (bytes.includes(0)) throw new CsvFileError("notText");
  if (startsWith(bytes, UTF8_BOM)) {
    try {
      const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
      return { text: text.slice(1), encoding: "utf-8-bom" };
    } catch {
      throw new CsvFileError("notText");
    }
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: Japanese Excel saves "CSV" as Shift_JIS (Windows-31J).
  }
  try {
    const text = new TextDecoder("shift_jis", { fatal: true }).decode(bytes);
    return { text, encoding: "shift_jis" };
  } catch {
    throw new CsvFileError("notText");
  }
}

/** Header row and data rows; empty lines are skipped, every row has the header's width. */
export function parseCsv(text: string, maxRows: number): { headers: string[]; rows: string[][] } {
  if (text.trim() === "") throw new CsvFileError("empty");
  let records: string[][];
  try {
    records = parse(text, {
      skip_empty_lines: true,
      relax_column_count: false,
      // Excel pads rows of blank cells with commas only: treat those as empty lines too.
      skip_records_with_empty_values: true,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new CsvFileError("notCsv", {
      line: line ?? 0,
      detail: (error as Error).message.split("\n")[0]!.slice(0, 200),
    });
  }
  const [headers, ...rows] = records;
  if (!headers || headers.every((h) => h.trim() === "")) throw new CsvFileError("empty");
  if (rows.length === 0) throw new CsvFileError("noRows");
  if (rows.length > maxRows) throw new CsvFileError("tooManyRows", { max: maxRows });
  return { headers: headers.map((h) => h.trim()), rows };
}
