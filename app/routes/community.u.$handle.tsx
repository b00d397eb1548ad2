import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { getProfile } from "~/models/profile.server";
import { loadForumViewer } from "~/models/topic.server";
import profileStylesUrl from "~/styles/profile.css?url";
import { getUser } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: profileStylesUrl }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · Acme Cloud Support` : "Acme Cloud Support" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const viewer = await loadForumViewer(user);
  const { t } = await getRequestT(request, user);
  const profile = await getProfile(viewer, params.handle ?? "");
  return { ...profile, title: t("reputation.profileTitle", { name: profile.profile.name }) };
}

export default function CommunityProfile() {
  const { t } = useTranslation();
  const { date, number } = useFormatters();
  const { profile, badges, topics, replies, helpfulLikes } = useLoaderData<typeof loader>();

  return (
    <div className="profile stack">
      <nav aria-label={t("kb.breadcrumb")} className="topic-crumbs">
        <Link to="/community">{t("topic.breadcrumb")}</Link>
      </nav>
      <header className="profile-header">
        <h1>{profile.name}</h1>
        <p className="profile-identity">
          <span className="muted">{t("reputation.handle", { handle: profile.handle })}</span>
          {profile.staff ? <span className="badge">{t("reputation.staff")}</span> : null}
          {profile.accountName ? <span className="muted">{profile.accountName}</span> : null}
        </p>
      </header>

      <dl className="stats profile-stats">
        <div className="stat">
          <dt>{t("reputation.reputation")}</dt>
          <dd data-testid="profile-reputation">
            {t("reputation.points", { count: profile.reputation })}
          </dd>
        </div>
        <div className="stat">
          <dt>{t("reputation.trustLevel")}</dt>
          <dd>
            {t(`reputation.trust.${profile.trustName}`)}
            <span className="profile-level"> ({number.format(profile.trustLevel)})</span>
          </dd>
        </div>
        <div className="stat">
          <dt>{t("reputation.memberSince")}</dt>
          <dd>
            <time dateTime={new Date(profile.memberSince).toISOString()}>
              {date.format(new Date(profile.memberSince))}
            </time>
          </dd>
        </div>
      </dl>
      {profile.self ? (
        <p className="muted">{t(`reputation.trustHint.${profile.trustName}`)}</p>
      ) : null}

      <section className="card" aria-labelledby="profile-badges">
        <h2 id="profile-badges">{t("reputation.badgesTitle")}</h2>
        {badges.length ? (
          <ul className="profile-badges">
            {badges.map((b) => (
              <li key={b.key} className="profile-badge">
                <strong>{t(`reputation.badges.${b.key}.name`)}</strong>
                <span>{t(`reputation.badges.${b.key}.description`, { likes: helpfulLikes })}</span>
                <span className="muted">
                  {t("reputation.awarded", { date: date.format(new Date(b.awardedAt)) })}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("reputation.noBadges")}</p>
        )}
      </section>

      <div className="profile-columns">
        <section className="card" aria-labelledby="profile-topics">
          <h2 id="profile-topics">{t("reputation.topicsTitle")}</h2>
          {topics.length ? (
            <ul className="profile-list">
              {topics.map((topic) => (
                <li key={topic.id}>
                  <Link to={`/community/t/${topic.id}`} lang={topic.locale}>
                    {topic.title}
                  </Link>
                  <span className="muted">
                    {t(`topic.kinds.${topic.kind}`, { defaultValue: topic.kind })} ·{" "}
                    {date.format(new Date(topic.createdAt))}
                  </span>
                  {topic.state === "pending" ? (
                    <span className="badge">{t("community.pending")}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("reputation.noTopics")}</p>
          )}
        </section>

        <section className="card" aria-labelledby="profile-replies">
          <h2 id="profile-replies">{t("reputation.answersTitle")}</h2>
          {replies.length ? (
            <ul className="profile-list">
              {replies.map((reply) => (
                <li key={reply.id}>
                  <Link
                    to={`/community/t/${reply.topic.id}/p/${reply.number}`}
                    lang={reply.topic.locale}
                  >
                    {reply.topic.title}
                  </Link>
                  <span className="muted">
                    #{reply.number} · {date.format(new Date(reply.createdAt))} ·{" "}
                    {t("reputation.likes", { count: reply.likeCount })}
                  </span>
                  {reply.accepted ? (
                    <span className="badge topic-accepted-badge">
                      {t("reputation.acceptedAnswer")}
                    </span>
                  ) : null}
                  {reply.state === "pending" ? (
                    <span className="badge">{t("community.pending")}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("reputation.noAnswers")}</p>
          )}
        </section>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
