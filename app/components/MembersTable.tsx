import { useTranslation } from "react-i18next";
import { TableWrap } from "~/components/ui/TableWrap";
import { useFormatters } from "~/utils/format";

export type MemberRow = {
  id: string;
  name: string;
  email: string;
  role: string;
  lastSeenAt: Date | string | null;
};

/** An account's people: name, e-mail, role and when they were last seen (customer and CS pages). */
export function MembersTable({
  members,
  labelledBy,
}: {
  members: MemberRow[];
  labelledBy: string;
}) {
  const { t } = useTranslation();
  const { moment } = useFormatters();
  return (
    <TableWrap labelledBy={labelledBy}>
      <table className="admin-nowrap">
        <thead>
          <tr>
            <th scope="col">{t("account.name")}</th>
            <th scope="col">{t("account.email")}</th>
            <th scope="col">{t("account.role")}</th>
            <th scope="col">{t("account.lastSeen")}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>{m.name}</td>
              <td className="nowrap">{m.email}</td>
              <td>{t(`roles.${m.role}`, { defaultValue: m.role })}</td>
              <td className="nowrap">
                {m.lastSeenAt ? (
                  moment.format(new Date(m.lastSeenAt))
                ) : (
                  <span className="muted">{t("account.never")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
