// GET /admin/accounts/export.csv: the accounts list with health, for spreadsheets: the rows the
// list shows for the same query string (search, band, segment, owner, renewal window), all pages,
// in the list's order. Staff only; to customers it does not exist (404).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isBuiltinKey } from "~/health/model";
import { parseAccountListQuery } from "~/models/account-list.server";
import { accountsForExport } from "~/models/health.server";
import { isStaff } from "~/models/roles";
import { requireUser } from "~/utils/auth.server";
import { toCsv, type CsvCell } from "~/utils/csv";
import { getRequestT } from "~/utils/locale.server";
import { notFound } from "~/utils/request.server";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!isStaff(user)) throw notFound();
  const { t } = await getRequestT(request, user);
  const filters = parseAccountListQuery(new URL(request.url).searchParams);
  const { rows, componentKeys } = await accountsForExport(
    filters.owner === "me" ? { ...filters, owner: user.id } : filters,
  );
  const c = (key: string) => t(`health.export.columns.${key}`);
  const header: CsvCell[] = [
    c("name"),
    c("externalId"),
    c("segment"),
    c("plan"),
    c("arr"),
    c("renewalDate"),
    c("owner"),
    c("status"),
    c("score"),
    c("band"),
    c("trend7"),
    c("trend30"),
    ...componentKeys.map((k) => (isBuiltinKey(k) ? t(`health.components.${k}`) : k)),
    c("computedAt"),
  ];
  const body = rows.map((a): CsvCell[] => [
    a.name,
    a.externalId,
    t(`segments.${a.segment}`),
    a.plan,
    a.arr,
    day(a.renewalDate),
    a.owner ? `${a.owner.name} <${a.owner.email}>` : null,
    a.status,
    a.healthScore,
    a.healthBand ? t(`health.bands.${a.healthBand}`) : null,
    a.healthTrend7,
    a.healthTrend30,
    ...componentKeys.map((k) => a.components[k] ?? null),
    a.healthComputedAt ? a.healthComputedAt.toISOString() : null,
  ]);
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(toCsv([header, ...body]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="accounts-health-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
