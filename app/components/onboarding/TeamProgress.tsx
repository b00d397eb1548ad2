// For account admins: every member's progress on the per-user steps.
import { useTranslation } from "react-i18next";
import { TableWrap } from "~/components/ui/TableWrap";

export function TeamProgress({
  title,
  team,
}: {
  title: string;
  team: {
    steps: { id: string; title: string }[];
    members: { id: string; name: string; done: number; steps: boolean[] }[];
  };
}) {
  const { t } = useTranslation();
  const headingId = `team-${team.steps[0]?.id ?? "none"}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t("onboarding.team")} <span className="muted">· {title}</span>
      </h2>
      <p className="muted">{t("onboarding.teamIntro")}</p>
      <TableWrap labelledBy={headingId}>
        <table className="ob-team">
          <thead>
            <tr>
              <th scope="col">{t("onboarding.member")}</th>
              <th scope="col">{t("onboarding.funnel.progress")}</th>
              {team.steps.map((s) => (
                <th scope="col" key={s.id}>
                  {s.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {team.members.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name}</th>
                <td className="nowrap">
                  {t("onboarding.memberDone", { done: m.done, total: team.steps.length })}
                </td>
                {m.steps.map((done, i) => (
                  <td key={team.steps[i]!.id} className={done ? "ob-cell-done" : "ob-cell-open"}>
                    <span aria-hidden="true">{done ? "✓ " : "· "}</span>
                    {done ? t("onboarding.stepDone") : t("onboarding.stepOpen")}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
