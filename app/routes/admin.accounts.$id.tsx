// The CS account page: details, health (score, band, trends, 90-day chart on band zones,
// components, drivers in words, "Recompute now"), alerts with their workflow, onboarding,
// community activity, failed searches, members' last activity and a paged event timeline.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { detectStuckAccounts } from "~/commands/onboarding-stuck.server";
import { recomputeAccountHealth } from "~/commands/recompute-health.server";
import { alertAction } from "~/components/alerts/alert-actions.server";
import { AlertActionMessage, AlertTable } from "~/components/alerts/AlertTable";
import { ComponentBars } from "~/components/charts/ComponentBars";
import { HealthHistoryChart } from "~/components/charts/HealthHistoryChart";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { BandBadge, TrendValue } from "~/components/health/HealthBits";
import { MembersTable } from "~/components/MembersTable";
import { AccountOnboarding } from "~/components/onboarding/AccountOnboarding";
import { TableWrap } from "~/components/ui/TableWrap";
import { addDays, bandOf, HISTORY_DAYS, isBuiltinKey, utcDay } from "~/health/model";
import { getAccountForStaff } from "~/models/account.server";
import { getAccountConsole } from "~/models/account-console.server";
import { listStaff } from "~/models/alert.server";
import { getAccountOnboardingForStaff } from "~/models/onboarding.server";
import { requireHealthViewer } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";
import { notFound } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.account.name} · CS console` : "CS console" },
];

const ID_MAX_LENGTH = 40;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireHealthViewer(request);
  const { locale } = await getRequestT(request, user);
  const id = params.id ?? "";
  if (id.length > ID_MAX_LENGTH) throw notFound();
  const account = await getAccountForStaff(id);
  if (!account) throw notFound();
  // Stuck onboarding is checked when CS looks, besides the periodic run (0010-onboarding.md).
  await detectStuckAccounts({ accountId: account.id });
  const page = Number.parseInt(new URL(request.url).searchParams.get("events") ?? "1", 10);
  const [consoleData, onboarding, staff] = await Promise.all([
    getAccountConsole(account, { timelinePage: Number.isInteger(page) ? page : 1 }),
    getAccountOnboardingForStaff(account.id, locale),
    listStaff(),
  ]);
  return { account, onboarding, staff, ...consoleData };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireHealthViewer(request);
  const id = params.id ?? "";
  const form = await request.formData();
  if (form.get("intent") === "recompute") {
    const { t } = await getRequestT(request, user);
    const exists = id.length <= ID_MAX_LENGTH && (await getAccountForStaff(id));
    if (!exists) throw notFound();
    await recomputeAccountHealth(id);
    const account = await getAccountForStaff(id);
    const fresh = await getAccountConsole(
      { id, segment: account?.segment ?? "" },
      { timelinePage: 1 },
    );
    if (!fresh.health) {
      return data(
        {
          ok: false,
          intent: "recompute",
          alertId: null,
          message: t("healthConsole.account.recomputeFailed"),
        },
        { status: 422 },
      );
    }
    return data({
      ok: true,
      intent: "recompute",
      alertId: null,
      message: t("healthConsole.account.recomputed", {
        score: fresh.health.score,
        band: t(`healthConsole.bands.${fresh.health.band}`),
      }),
    });
  }
  return alertAction({ request, context }, id, form);
}

function componentLabel(t: TFunction, key: string) {
  return isBuiltinKey(key) ? t(`health.components.${key}`) : key;
}

function driverText(
  t: TFunction,
  d: { key: string; reason: string; params: Record<string, unknown> },
) {
  // The core's words (app/i18n/health.ts); counts are plural-aware there.
  const count = typeof d.params.overdue === "number" ? d.params.overdue : undefined;
  return t(`health.drivers.${d.reason}`, {
    ...d.params,
    ...(count === undefined ? {} : { count }),
    defaultValue: t("healthConsole.driverUnknown", { component: componentLabel(t, d.key) }),
  });
}

function HealthSection() {
  const { t, i18n } = useTranslation();
  const { moment } = useFormatters();
  const { health, bands } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const recomputing =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "recompute";
  const recomputeForm = (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="recompute" />
      <button type="submit" className="button button-secondary" disabled={recomputing}>
        {t("healthConsole.account.recompute")}
      </button>
    </Form>
  );
  if (!health) {
    return (
      <section className="card" aria-labelledby="account-health">
        <h3 id="account-health">{t("healthConsole.account.health")}</h3>
        <p>{t("healthConsole.account.neverComputed")}</p>
        {recomputeForm}
      </section>
    );
  }
  // One slot per day of the 90-day window, so that days without a snapshot leave a gap.
  const today = utcDay(new Date(health.computedAt));
  const first = addDays(today, -(HISTORY_DAYS - 1));
  const byDay = new Map(health.history.map((h) => [utcDay(new Date(h.day)).getTime(), h.score]));
  const days = Array.from({ length: HISTORY_DAYS }, (_, i) => addDays(first, i));
  const shortDay = new Intl.DateTimeFormat(i18n.language, {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  const bandLabel = (b: string) => t(`healthConsole.bands.${b}`);
  return (
    <section className="card" aria-labelledby="account-health">
      <div className="health-head">
        <h3 id="account-health">{t("healthConsole.account.health")}</h3>
        {recomputeForm}
      </div>
      <dl className="stats stats-compact health-stats">
        <div className="stat">
          <dt>{t("healthConsole.account.score")}</dt>
          <dd>
            <BandBadge score={health.score} band={health.band} />
          </dd>
        </div>
        <div className="stat">
          <dt>{t("healthConsole.account.trend7")}</dt>
          <dd>
            <TrendValue value={health.trend.d7} days={7} />
          </dd>
        </div>
        <div className="stat">
          <dt>{t("healthConsole.account.trend30")}</dt>
          <dd>
            <TrendValue value={health.trend.d30} days={30} />
          </dd>
        </div>
      </dl>
      <p className="muted">
        {t("healthConsole.account.computedAt", {
          when: moment.format(new Date(health.computedAt)),
        })}
      </p>
      {health.history.length ? (
        <HealthHistoryChart
          id="health-history"
          title={t("healthConsole.account.historyTitle")}
          description={t("healthConsole.account.historyDescription", {
            yellowFrom: bands.yellowFrom,
            greenFrom: bands.greenFrom,
            score: health.score,
            band: bandLabel(health.band),
          })}
          days={days.map((d) => d.toISOString())}
          dayLabels={days.map((d) => shortDay.format(d))}
          values={days.map((d) => byDay.get(d.getTime()) ?? null)}
          bandLabels={{
            red: bandLabel("red"),
            yellow: bandLabel("yellow"),
            green: bandLabel("green"),
          }}
          bands={bands}
          numbersLabel={t("healthConsole.account.numbers")}
          dayHeader={t("healthConsole.account.day")}
          scoreHeader={t("healthConsole.account.score")}
          bandHeader={t("healthConsole.account.band")}
          bandOf={(score) => bandLabel(bandOf(score, bands))}
        />
      ) : (
        <p className="muted">{t("healthConsole.account.historyEmpty")}</p>
      )}
      <div className="health-columns">
        <div>
          <h4 id="health-components">{t("healthConsole.account.components")}</h4>
          <ComponentBars
            caption={t("healthConsole.account.components")}
            scoreLabel={t("healthConsole.account.componentScore")}
            weightLabel={t("healthConsole.account.weight")}
            rows={health.components.map((c) => ({
              key: c.key,
              label: componentLabel(t, c.key),
              score: c.score,
              weight: c.weight,
              band: bandOf(c.score, bands),
            }))}
          />
        </div>
        <div>
          <h4 id="health-drivers">{t("healthConsole.account.drivers")}</h4>
          {health.drivers.length === 0 ? (
            <p className="muted">{t("healthConsole.account.noDrivers")}</p>
          ) : (
            <ul className="drivers">
              {health.drivers.map((d) => (
                <li key={d.key} className={d.delta < 0 ? "driver-down" : "driver-up"}>
                  <span className={`driver-delta trend trend-${d.delta < 0 ? "down" : "up"}`}>
                    <span aria-hidden="true">{d.delta < 0 ? "▼" : "▲"} </span>
                    {t("healthConsole.driverPoints", {
                      count: Math.abs(d.delta),
                      sign: d.delta < 0 ? "−" : "+",
                    })}
                  </span>{" "}
                  <strong>{componentLabel(t, d.key)}</strong>: {driverText(t, d)}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

export default function AdminAccount() {
  const { t } = useTranslation();
  const { number, money, date, moment } = useFormatters();
  const { account, onboarding, staff, alerts, community, failedSearches, timeline } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const churned = account.status === "churned";
  const pageLink = (page: number) =>
    page > 1
      ? `/admin/accounts/${account.id}?events=${page}#account-events`
      : `/admin/accounts/${account.id}#account-events`;
  return (
    <>
      <p className="admin-back">
        <Link to="/admin/accounts">← {t("admin.backToAccounts")}</Link>
        {" · "}
        <Link to={`/admin/accounts/${account.id}/data`}>{t("accountData.history.title")}</Link>
      </p>
      <div className="admin-account-head">
        <h2>{account.name}</h2>
        <span className={`badge badge-${account.segment}`}>
          {t(`segments.${account.segment}`, { defaultValue: account.segment })}
        </span>
        <span className={`badge badge-${account.status}`}>
          {t(`statuses.${account.status}`, { defaultValue: account.status })}
        </span>
      </div>

      <AlertActionMessage result={reply} />

      <HealthSection />

      <section className="card" aria-labelledby="account-alerts">
        <h3 id="account-alerts">{t("healthConsole.account.alerts")}</h3>
        {alerts.length === 0 ? (
          <p className="muted">{t("healthConsole.account.noAlerts")}</p>
        ) : (
          <AlertTable
            alerts={alerts}
            staff={staff}
            busy={busy}
            result={reply}
            showAccount={false}
            labelledBy="account-alerts"
          />
        )}
      </section>

      <section className="card" aria-labelledby="account-details">
        <h3 id="account-details">{t("admin.accountDetails")}</h3>
        <dl className="details">
          <dt>{t("admin.externalId")}</dt>
          <dd>
            <code>{account.externalId}</code>
          </dd>
          <dt>{t("admin.plan")}</dt>
          <dd>{t(`plans.${account.plan}`, { defaultValue: account.plan })}</dd>
          <dt>{t("admin.arr")}</dt>
          <dd>{money.format(account.arr)}</dd>
          <dt>{t("admin.seats")}</dt>
          <dd>
            {t("admin.seatsUsed", {
              used: number.format(account.members.length),
              seats: number.format(account.seats),
            })}
          </dd>
          <dt>{t("admin.stage")}</dt>
          <dd>{t(`stages.${account.lifecycleStage}`, { defaultValue: account.lifecycleStage })}</dd>
          <dt>{t("admin.owner")}</dt>
          <dd>
            {account.owner ? (
              <>
                {account.owner.name} <span className="muted">({account.owner.email})</span>
              </>
            ) : (
              <span className="muted">{t("admin.noOwner")}</span>
            )}
          </dd>
          <dt>{t("admin.renewal")}</dt>
          <dd>{account.renewalDate ? date.format(new Date(account.renewalDate)) : "—"}</dd>
          {churned ? (
            <>
              <dt>{t("admin.churnedOn")}</dt>
              <dd>{account.churnedAt ? date.format(new Date(account.churnedAt)) : "—"}</dd>
              <dt>{t("admin.churnReason")}</dt>
              <dd>{account.churnReason ?? "—"}</dd>
            </>
          ) : null}
          <dt>{t("admin.createdAt")}</dt>
          <dd>{date.format(new Date(account.createdAt))}</dd>
        </dl>
      </section>

      <AccountOnboarding onboarding={onboarding} busy={busy} />

      <div className="health-columns">
        <section className="card" aria-labelledby="account-community">
          <h3 id="account-community">{t("healthConsole.account.community")}</h3>
          <dl className="stats stats-compact">
            <div className="stat">
              <dt>{t("healthConsole.account.topics")}</dt>
              <dd>{number.format(community.topics)}</dd>
            </div>
            <div className="stat">
              <dt>{t("healthConsole.account.replies")}</dt>
              <dd>{number.format(community.replies)}</dd>
            </div>
            <div className="stat">
              <dt>{t("healthConsole.account.accepted")}</dt>
              <dd>{number.format(community.accepted)}</dd>
            </div>
          </dl>
        </section>

        <section className="card" aria-labelledby="account-failed-searches">
          <h3 id="account-failed-searches">{t("healthConsole.account.failedSearches")}</h3>
          {failedSearches.length === 0 ? (
            <p className="muted">{t("healthConsole.account.noFailedSearches")}</p>
          ) : (
            <TableWrap labelledBy="account-failed-searches">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("healthConsole.account.query")}</th>
                    <th scope="col">{t("healthConsole.account.searchedBy")}</th>
                    <th scope="col">{t("healthConsole.account.when")}</th>
                  </tr>
                </thead>
                <tbody>
                  {failedSearches.map((s) => (
                    <tr key={s.id}>
                      <th scope="row" className="failed-query">
                        {s.query}
                      </th>
                      <td>{s.user?.name ?? "—"}</td>
                      <td className="nowrap">{moment.format(new Date(s.createdAt))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="account-members">
        <h3 id="account-members">
          {t("healthConsole.account.membersActivity")}{" "}
          <span className="muted">({number.format(account.members.length)})</span>
        </h3>
        {account.members.length === 0 ? (
          <p className="muted">{t("admin.noMembers")}</p>
        ) : (
          <MembersTable members={account.members} labelledBy="account-members" />
        )}
      </section>

      <section className="card" aria-labelledby="account-events">
        <h3 id="account-events">
          {t("healthConsole.account.timeline")}{" "}
          <span className="muted">
            (
            {t("healthConsole.account.eventCount", {
              count: timeline.total,
              formatted: number.format(timeline.total),
            })}
            )
          </span>
        </h3>
        {timeline.events.length === 0 ? (
          <p className="muted">{t("admin.noEvents")}</p>
        ) : (
          <TableWrap labelledBy="account-events">
            <table className="admin-nowrap">
              <thead>
                <tr>
                  <th scope="col">{t("admin.eventTime")}</th>
                  <th scope="col">{t("admin.eventType")}</th>
                  <th scope="col">{t("admin.eventUser")}</th>
                  <th scope="col">{t("admin.eventSource")}</th>
                </tr>
              </thead>
              <tbody>
                {timeline.events.map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">{moment.format(new Date(e.occurredAt))}</td>
                    <td>
                      <code>{e.type}</code>
                    </td>
                    <td>{e.user?.name ?? "—"}</td>
                    <td>{e.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {timeline.pageCount > 1 ? (
          <nav className="pagination" aria-label={t("healthConsole.account.timelinePages")}>
            {timeline.page > 1 ? (
              <Link to={pageLink(timeline.page - 1)} rel="prev">
                {t("admin.previous")}
              </Link>
            ) : (
              <span aria-hidden="true" />
            )}
            <span>{t("admin.pageOf", { page: timeline.page, pages: timeline.pageCount })}</span>
            {timeline.page < timeline.pageCount ? (
              <Link to={pageLink(timeline.page + 1)} rel="next">
                {t("admin.next")}
              </Link>
            ) : (
              <span aria-hidden="true" />
            )}
          </nav>
        ) : null}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
