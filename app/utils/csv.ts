// CSV for spreadsheets: RFC 4180 quoting, a UTF-8 byte-order mark so that Excel reads Japanese
// correctly, and text cells that a spreadsheet would run as a formula made inert.

export const CSV_BOM = "\uFEFF";
/** Characters that start a formula (or a DDE call) in Excel, LibreOffice and Google Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | null | undefined;

/**
 * One cell. Text that starts like a formula gets a leading apostrophe (OWASP's advice); numbers
 * stay numbers, so a trend of -12 remains a number.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return CSV_BOM + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
