import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type Kind = { kind: string; email: string; choices: string[] };
type Category = { id: string; name: string; watched: boolean };

function choiceLabel(t: (key: string) => string, kind: string, choice: string) {
  if (kind === "digest") return t(`notifications.digestChoices.${choice}`);
  if (kind === "newsletter") return t(`notifications.newsletterChoices.${choice}`);
  return t(`notifications.choices.${choice}`);
}

/** The e-mail choice per kind and the forum categories in the digest (section of /settings). */
export function NotificationPreferences({
  kinds,
  categories,
  notice,
  errors,
}: {
  kinds: Kind[];
  categories: Category[];
  notice: React.ReactNode;
  errors?: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <section
      className="card notification-prefs"
      id="notifications"
      aria-labelledby="notification-prefs-title"
    >
      <h2 id="notification-prefs-title">{t("notifications.prefs.heading")}</h2>
      <p className="muted">{t("notifications.prefs.intro")}</p>
      {notice}
      <Form method="post">
        <input type="hidden" name="intent" value="notifications" />
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("notifications.prefs.kindColumn")}</th>
                <th scope="col">{t("notifications.prefs.emailColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {kinds.map((k) => {
                const id = `pref-${k.kind}`;
                const error = errors?.[`email.${k.kind}`];
                return (
                  <tr key={k.kind}>
                    <th scope="row">
                      <label htmlFor={id}>{t(`notifications.kinds.${k.kind}`)}</label>
                    </th>
                    <td>
                      <select
                        id={id}
                        name={`email.${k.kind}`}
                        defaultValue={k.email}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${id}-error` : undefined}
                      >
                        {k.choices.map((c) => (
                          <option key={c} value={c}>
                            {choiceLabel(t, k.kind, c)}
                          </option>
                        ))}
                      </select>
                      {error ? (
                        <p className="field-errors" id={`${id}-error`}>
                          {error}
                        </p>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <fieldset aria-describedby="pref-categories-hint">
          <legend>{t("notifications.prefs.categoriesHeading")}</legend>
          <p className="field-hint" id="pref-categories-hint">
            {t("notifications.prefs.categoriesHint")}
          </p>
          {categories.length === 0 ? (
            <p className="muted">{t("notifications.prefs.noCategories")}</p>
          ) : (
            <ul className="checkbox-list">
              {categories.map((c) => (
                <li key={c.id}>
                  <label>
                    <input
                      type="checkbox"
                      name="category"
                      value={c.id}
                      defaultChecked={c.watched}
                    />{" "}
                    {c.name}
                  </label>
                </li>
              ))}
            </ul>
          )}
          {errors?.category ? <p className="field-errors">{errors.category}</p> : null}
        </fieldset>
        <button type="submit" className="button">
          {t("notifications.prefs.save")}
        </button>
      </Form>
    </section>
  );
}
