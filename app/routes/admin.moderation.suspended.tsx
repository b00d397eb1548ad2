// The Suspended users tab: who is suspended, until when and why; lift a suspension or suspend
// someone by e-mail.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ModerationButtons, SuspendForm } from "~/components/community/ModerationForm";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { TableWrap } from "~/components/ui/TableWrap";
import { listSuspendedUsers } from "~/models/moderation.server";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { users: await listSuspendedUsers() };
}

export default function SuspendedTab() {
  const { t } = useTranslation();
  const { moment } = useFormatters();
  const { users } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <section aria-labelledby="suspended-title">
        <h3 id="suspended-title">{t("moderation.suspendedTable.caption")}</h3>
        {users.length === 0 ? (
          <p className="muted">{t("moderation.queue.empty")}</p>
        ) : (
          <TableWrap labelledBy="suspended-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("moderation.suspendedTable.name")}</th>
                  <th scope="col">{t("moderation.suspendedTable.account")}</th>
                  <th scope="col">{t("moderation.suspendedTable.until")}</th>
                  <th scope="col">{t("moderation.suspendedTable.reason")}</th>
                  <th scope="col">{t("moderation.suspendedTable.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id}>
                    <td>
                      {u.name}
                      <br />
                      <span className="muted">{u.email}</span>
                    </td>
                    <td>{u.account ?? "—"}</td>
                    <td>{moment.format(new Date(u.until))}</td>
                    <td>{u.reason}</td>
                    <td>
                      <ModerationButtons
                        inQueue
                        label={u.name}
                        reason={false}
                        fields={{ userId: u.id }}
                        actions={[
                          { intent: "unsuspend", label: t("moderation.actions.unsuspend") },
                        ]}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section aria-labelledby="suspend-form-title" className="card">
        <h3 id="suspend-form-title">{t("moderation.suspendForm.title")}</h3>
        <p className="muted">{t("moderation.suspendForm.intro")}</p>
        <SuspendForm disclosure={false} />
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
