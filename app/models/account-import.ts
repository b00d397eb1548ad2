// Rules of account and user data coming from a CRM (CSV import and the accounts API): which
// fields exist, the header presets of common exports, and how one cell becomes a value or a
// rejection naming the column. Pure, so the browser (mapping form) and the tests use it too.
import { PLANS, type Plan } from "./segment";

export const IMPORT_KINDS = ["accounts", "users"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const ACCOUNT_FIELDS = [
  "externalId",
  "name",
  "plan",
  "arr",
  "mrr",
  "seats",
  "renewalDate",
  "ownerEmail",
  "status",
  "churnDate",
  "churnReason",
] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

export const USER_FIELDS = ["accountExternalId", "email", "name", "role", "locale"] as const;
export type UserField = (typeof USER_FIELDS)[number];

export const IMPORT_LIMITS = {
  /** Bigger uploads are refused (413) before they are read to the end. */
  maxFileBytes: 20 * 1024 * 1024,
  maxRows: 100_000,
  maxExternalIdLength: 200,
  maxNameLength: 200,
  maxReasonLength: 500,
  /** Account.arr is a 32-bit Int on both databases. */
  maxArr: 2_147_483_647,
  maxSeats: 1_000_000,
  /** Row outcomes kept for the preview page (counts are always complete). */
  maxReportRows: 1_000,
} as const;

/** Fields an account import must map; ARR may come as MRR instead. */
export const REQUIRED_ACCOUNT_FIELDS: AccountField[] = ["externalId"];
export const REQUIRED_USER_FIELDS: UserField[] = ["accountExternalId", "email"];

export type Preset = { key: string; headers: Record<string, string[]> };

/** Header names of common exports; matching ignores case, width and surrounding spaces. */
export const ACCOUNT_PRESETS: Preset[] = [
  {
    key: "generic",
    headers: {
      externalId: ["external_id", "externalId", "id", "account_id"],
      name: ["name", "company", "company_name"],
      plan: ["plan"],
      arr: ["arr", "annual_recurring_revenue"],
      mrr: ["mrr", "monthly_recurring_revenue"],
      seats: ["seats", "licenses"],
      renewalDate: ["renewal_date", "renewalDate", "renewal"],
      ownerEmail: ["owner_email", "ownerEmail", "owner", "csm_email"],
      status: ["status"],
      churnDate: ["churn_date", "churnDate", "churned_at"],
      churnReason: ["churn_reason", "churnReason"],
    },
  },
  {
    key: "salesforce",
    headers: {
      externalId: ["Account ID", "Account ID (18)"],
      name: ["Account Name"],
      plan: ["Plan__c", "Plan"],
      arr: ["ARR__c", "Annual Recurring Revenue"],
      mrr: ["MRR__c", "Monthly Recurring Revenue"],
      seats: ["Seats__c", "Licenses__c", "Number of Licenses"],
      renewalDate: ["Renewal_Date__c", "Renewal Date", "Contract End Date"],
      ownerEmail: ["Account Owner Email", "Owner Email"],
      status: ["Customer_Status__c", "Customer Status", "Status__c"],
      churnDate: ["Churn_Date__c", "Churn Date"],
      churnReason: ["Churn_Reason__c", "Churn Reason"],
    },
  },
  {
    key: "hubspot",
    headers: {
      externalId: ["Record ID", "Company ID"],
      name: ["Company name", "Name"],
      plan: ["Plan", "Subscription plan"],
      arr: ["Annual recurring revenue", "ARR"],
      mrr: ["Monthly recurring revenue", "MRR"],
      seats: ["Number of seats", "Seats"],
      renewalDate: ["Renewal date", "Contract renewal date"],
      ownerEmail: ["Company owner email", "Company owner", "Contact owner"],
      status: ["Customer status", "Status"],
      churnDate: ["Churn date", "Close date (churn)"],
      churnReason: ["Churn reason"],
    },
  },
  {
    key: "japanese",
    headers: {
      externalId: ["取引先ID", "取引先コード", "顧客ID", "顧客コード"],
      name: ["会社名", "取引先名", "企業名", "顧客名"],
      plan: ["プラン", "契約プラン"],
      arr: ["年間契約額", "ARR", "年額"],
      mrr: ["月額", "月間契約額", "MRR"],
      seats: ["席数", "ライセンス数", "ユーザー数"],
      renewalDate: ["更新日", "契約更新日", "次回更新日"],
      ownerEmail: ["担当者メール", "担当CSメール", "担当者メールアドレス"],
      status: ["ステータス", "契約状況"],
      churnDate: ["解約日"],
      churnReason: ["解約理由"],
    },
  },
];

export const USER_PRESETS: Preset[] = [
  {
    key: "generic",
    headers: {
      accountExternalId: ["account_external_id", "account_id", "accountId", "Account ID"],
      email: ["email", "e-mail", "Email"],
      name: ["name", "full_name", "Full Name"],
      role: ["role"],
      locale: ["locale", "language"],
    },
  },
  {
    key: "japanese",
    headers: {
      accountExternalId: ["取引先ID", "顧客ID"],
      email: ["メールアドレス", "メール"],
      name: ["氏名", "名前"],
      role: ["権限", "役割"],
      locale: ["言語"],
    },
  },
];

export function presetsFor(kind: ImportKind): Preset[] {
  return kind === "accounts" ? ACCOUNT_PRESETS : USER_PRESETS;
}

export function fieldsFor(kind: ImportKind): readonly string[] {
  return kind === "accounts" ? ACCOUNT_FIELDS : USER_FIELDS;
}

const headerKey = (h: string) =>
  h
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");

/** The mapping a preset gives for these headers (field -> header as written in the file). */
export function mappingFromPreset(preset: Preset, headers: string[]): Record<string, string> {
  const byKey = new Map(headers.map((h) => [headerKey(h), h]));
  const mapping: Record<string, string> = {};
  for (const [field, names] of Object.entries(preset.headers)) {
    for (const name of names) {
      const hit = byKey.get(headerKey(name));
      if (hit !== undefined) {
        mapping[field] = hit;
        break;
      }
    }
  }
  return mapping;
}

/** The preset that recognises the most headers (ties: the first listed). */
export function detectPreset(kind: ImportKind, headers: string[]) {
  let best = presetsFor(kind)[0]!;
  let bestCount = -1;
  for (const preset of presetsFor(kind)) {
    const count = Object.keys(mappingFromPreset(preset, headers)).length;
    if (count > bestCount) {
      best = preset;
      bestCount = count;
    }
  }
  return { preset: best.key, mapping: mappingFromPreset(best, headers) };
}

// ---------------------------------------------------------------------------------------------
// Cells

/** Keys of accountData.error.* in app/i18n/account-data.ts. */
export type CellErrorCode =
  | "required"
  | "tooLong"
  | "notNumber"
  | "negative"
  | "tooLarge"
  | "notWholeNumber"
  | "seatsMin"
  | "dateFormat"
  | "dateImpossible"
  | "planUnknown"
  | "statusUnknown"
  | "emailInvalid"
  | "ownerUnknown"
  | "roleUnknown"
  | "localeUnknown"
  | "accountUnknown"
  | "duplicateId"
  | "idInvalid"
  | "nameRequiredForNew"
  | "planRequiredForNew"
  | "staffEmail"
  | "otherAccount";

export type CellError = { code: CellErrorCode; params?: Record<string, string | number> };
type Parsed<T> = { ok: true; value: T } | { ok: false; error: CellError };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: CellErrorCode, params?: CellError["params"]): Parsed<never> => ({
  ok: false,
  error: params ? { code, params } : { code },
});

/** "¥1,200,000", "１２０００００", "1200000.00" -> 1200000; currency signs and separators go. */
export function parseAmount(raw: string, max: number = IMPORT_LIMITS.maxArr): Parsed<number> {
  const text = raw
    .normalize("NFKC")
    .trim()
    // The backslash too: Shift_JIS 0x5C is the yen sign in Japan but decodes as "\\".
    .replace(/[¥\\$€£,\s]|円|JPY/gi, "");
  if (!/^-?\d+(\.\d+)?$/.test(text)) return fail("notNumber");
  const value = Number(text);
  if (value < 0) return fail("negative");
  if (value > max) return fail("tooLarge", { max });
  return ok(value);
}

export function parseWholeNumber(raw: string, min: number, max: number): Parsed<number> {
  const amount = parseAmount(raw, max);
  if (!amount.ok) return amount;
  if (!Number.isInteger(amount.value)) return fail("notWholeNumber");
  if (amount.value < min) return fail("seatsMin", { min });
  return amount;
}

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 24 * 60 * 60 * 1000;
/** Serials from 1954 to 2119: a bare number outside is not taken for a date. */
const EXCEL_SERIAL_RANGE = [20_000, 80_000] as const;

function utcDate(y: number, m: number, d: number): Parsed<Date> {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    const pad = (n: number) => String(n).padStart(2, "0");
    return fail("dateImpossible", { value: `${y}-${pad(m)}-${pad(d)}` });
  }
  return ok(date);
}

/**
 * YYYY-MM-DD, YYYY/MM/DD, MM/DD/YYYY (the US order CRM exports use), 2026年4月1日, and Excel
 * serial numbers; the result is midnight UTC. 2026-02-30 is refused, not rolled over.
 */
export function parseDate(raw: string): Parsed<Date> {
  const text = raw.normalize("NFKC").trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(:\d{2})?)?$/.exec(text);
  if (m) return utcDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) return utcDate(Number(m[3]), Number(m[1]), Number(m[2]));
  m = /^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日$/.exec(text);
  if (m) return utcDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}(\.0+)?$/.test(text)) {
    const serial = Number(text);
    if (serial >= EXCEL_SERIAL_RANGE[0] && serial <= EXCEL_SERIAL_RANGE[1]) {
      return ok(new Date(EXCEL_EPOCH_MS + serial * DAY_MS));
    }
  }
  return fail("dateFormat");
}

const PLAN_NAMES: Record<string, Plan> = {
  スターター: "starter",
  チーム: "team",
  ビジネス: "business",
  エンタープライズ: "enterprise",
};

export function parsePlan(raw: string): Parsed<Plan> {
  const text = raw.normalize("NFKC").trim();
  const lower = text.toLowerCase();
  const plan = (PLANS as readonly string[]).includes(lower) ? (lower as Plan) : PLAN_NAMES[text];
  return plan ? ok(plan) : fail("planUnknown", { value: text, allowed: PLANS.join(", ") });
}

export const ACCOUNT_STATUSES = ["active", "churned"] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
const STATUS_NAMES: Record<string, AccountStatus> = {
  active: "active",
  customer: "active",
  有効: "active",
  契約中: "active",
  アクティブ: "active",
  churned: "churned",
  cancelled: "churned",
  canceled: "churned",
  "closed lost": "churned",
  解約: "churned",
  解約済み: "churned",
  解約済: "churned",
};

export function parseStatus(raw: string): Parsed<AccountStatus> {
  const text = raw.normalize("NFKC").trim();
  const status = STATUS_NAMES[text.toLowerCase()];
  return status ? ok(status) : fail("statusUnknown", { value: text });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function parseEmail(raw: string): Parsed<string> {
  const text = raw.normalize("NFKC").trim().toLowerCase();
  return EMAIL.test(text) && text.length <= 254 ? ok(text) : fail("emailInvalid", { value: text });
}

export const IMPORTABLE_ROLES = ["member", "account_admin"] as const;
const ROLE_NAMES: Record<string, (typeof IMPORTABLE_ROLES)[number]> = {
  member: "member",
  user: "member",
  メンバー: "member",
  一般: "member",
  account_admin: "account_admin",
  admin: "account_admin",
  管理者: "account_admin",
};
export function parseRole(raw: string) {
  const text = raw.normalize("NFKC").trim();
  const role = ROLE_NAMES[text.toLowerCase()];
  return role ? ok(role) : fail("roleUnknown", { value: text });
}

export function parseLocale(raw: string): Parsed<"ja" | "en"> {
  const text = raw.normalize("NFKC").trim().toLowerCase();
  if (text === "ja" || text === "日本語" || text === "ja-jp") return ok("ja");
  if (text === "en" || text === "english" || text === "英語" || text.startsWith("en-")) {
    return ok("en");
  }
  return fail("localeUnknown", { value: text });
}

const ID_PATTERN = /^[\x21-\x7e]+$/;
export function parseExternalId(raw: string): Parsed<string> {
  const text = raw.normalize("NFKC").trim();
  if (!text) return fail("required");
  if (text.length > IMPORT_LIMITS.maxExternalIdLength) {
    return fail("tooLong", { max: IMPORT_LIMITS.maxExternalIdLength });
  }
  return ID_PATTERN.test(text) ? ok(text) : fail("idInvalid");
}

// ---------------------------------------------------------------------------------------------
// Rows

/** What a row or an API body says about an account; absent = not given (left as it is). */
export type AccountPatch = {
  externalId: string;
  name?: string;
  plan?: Plan;
  arr?: number;
  seats?: number;
  renewalDate?: Date | null;
  ownerEmail?: string | null;
  status?: AccountStatus;
  churnedAt?: Date | null;
  churnReason?: string | null;
};

export type FieldError = CellError & { field: string };

function text(raw: string | undefined, field: string, max: number, errors: FieldError[]) {
  const value = (raw ?? "").trim();
  if (value.length > max) errors.push({ field, code: "tooLong", params: { max } });
  return value;
}

/**
 * One account row's cells (by field, already mapped) to a patch, or the errors naming each
 * field. Empty optional cells mean "no value" (renewal date, owner, churn), not "keep".
 */
export function parseAccountCells(cells: Partial<Record<AccountField, string>>): {
  patch: AccountPatch | null;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const push = (field: AccountField, error: CellError) => errors.push({ field, ...error });
  const id = parseExternalId(cells.externalId ?? "");
  if (!id.ok) push("externalId", id.error);
  const patch: AccountPatch = { externalId: id.ok ? id.value : "" };

  if (cells.name !== undefined) {
    const name = text(cells.name, "name", IMPORT_LIMITS.maxNameLength, errors);
    if (name) patch.name = name;
  }
  if (cells.plan !== undefined && cells.plan.trim() !== "") {
    const plan = parsePlan(cells.plan);
    if (plan.ok) patch.plan = plan.value;
    else push("plan", plan.error);
  }
  if (cells.arr !== undefined && cells.arr.trim() !== "") {
    const arr = parseAmount(cells.arr);
    if (arr.ok) patch.arr = Math.round(arr.value);
    else push("arr", arr.error);
  } else if (cells.mrr !== undefined && cells.mrr.trim() !== "") {
    const mrr = parseAmount(cells.mrr, Math.floor(IMPORT_LIMITS.maxArr / 12));
    if (mrr.ok) patch.arr = Math.round(mrr.value * 12);
    else push("mrr", mrr.error);
  }
  if (cells.seats !== undefined && cells.seats.trim() !== "") {
    const seats = parseWholeNumber(cells.seats, 1, IMPORT_LIMITS.maxSeats);
    if (seats.ok) patch.seats = seats.value;
    else push("seats", seats.error);
  }
  if (cells.renewalDate !== undefined) {
    if (cells.renewalDate.trim() === "") patch.renewalDate = null;
    else {
      const date = parseDate(cells.renewalDate);
      if (date.ok) patch.renewalDate = date.value;
      else push("renewalDate", date.error);
    }
  }
  if (cells.ownerEmail !== undefined) {
    if (cells.ownerEmail.trim() === "") patch.ownerEmail = null;
    else {
      const email = parseEmail(cells.ownerEmail);
      if (email.ok) patch.ownerEmail = email.value;
      else push("ownerEmail", email.error);
    }
  }
  if (cells.status !== undefined && cells.status.trim() !== "") {
    const status = parseStatus(cells.status);
    if (status.ok) patch.status = status.value;
    else push("status", status.error);
  }
  if (cells.churnDate !== undefined) {
    if (cells.churnDate.trim() === "") patch.churnedAt = null;
    else {
      const date = parseDate(cells.churnDate);
      if (date.ok) patch.churnedAt = date.value;
      else push("churnDate", date.error);
    }
  }
  if (cells.churnReason !== undefined) {
    const reason = text(cells.churnReason, "churnReason", IMPORT_LIMITS.maxReasonLength, errors);
    patch.churnReason = reason || null;
  }
  return { patch: errors.length ? null : patch, errors };
}

export type UserPatch = {
  accountExternalId: string;
  email: string;
  name?: string;
  role?: (typeof IMPORTABLE_ROLES)[number];
  locale?: "ja" | "en" | null;
};

export function parseUserCells(cells: Partial<Record<UserField, string>>): {
  patch: UserPatch | null;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const push = (field: UserField, error: CellError) => errors.push({ field, ...error });
  const account = parseExternalId(cells.accountExternalId ?? "");
  if (!account.ok) push("accountExternalId", account.error);
  const email = parseEmail(cells.email ?? "");
  if (!email.ok) push("email", (cells.email ?? "").trim() ? email.error : { code: "required" });
  const patch: UserPatch = {
    accountExternalId: account.ok ? account.value : "",
    email: email.ok ? email.value : "",
  };
  if (cells.name !== undefined) {
    const name = text(cells.name, "name", IMPORT_LIMITS.maxNameLength, errors);
    if (name) patch.name = name;
  }
  if (cells.role !== undefined && cells.role.trim() !== "") {
    const role = parseRole(cells.role);
    if (role.ok) patch.role = role.value;
    else push("role", role.error);
  }
  if (cells.locale !== undefined) {
    if (cells.locale.trim() === "") patch.locale = null;
    else {
      const locale = parseLocale(cells.locale);
      if (locale.ok) patch.locale = locale.value;
      else push("locale", locale.error);
    }
  }
  return { patch: errors.length ? null : patch, errors };
}
