// The moderation console: tabs for each queue (child routes) and the one action every
// moderation form posts to, here and on the topic page. Staff only, as the rest of /admin.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { NavLink, Outlet, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { dismissFlags, upholdFlags } from "~/commands/moderate-flags.server";
import { moderatePost, moderatorEditPost } from "~/commands/moderate-posts.server";
import { mergeTopic, moderateTopic, moveTopic } from "~/commands/moderate-topics.server";
import { suspendUser, unsuspendUser } from "~/commands/moderate-users.server";
import { ModerationError } from "~/commands/moderation-common.server";
import { ForumError } from "~/commands/topic-errors.server";
import {
  MODERATION_INTENTS,
  moderationSchemas,
  POST_INTENTS,
  TOPIC_INTENTS,
  type ModerationIntent,
} from "~/components/community/moderation-schema";
import {
  ModerationResult,
  QueueResult,
  type ModerationActionData,
} from "~/components/community/ModerationForm";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { countQueues, findUserByEmail } from "~/models/moderation.server";
import { loadForumViewer } from "~/models/topic.server";
import { requireStaff } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Moderation · CS console" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { counts: await countQueues() };
}

const POST_TRANSITION = {
  hidePost: "hide",
  restorePost: "restore",
  approvePost: "approve",
  rejectPost: "reject",
} as const;
const TOPIC_TRANSITION = {
  hideTopic: "hide",
  restoreTopic: "restore",
  approveTopic: "approve",
  rejectTopic: "reject",
  lock: "lock",
  unlock: "unlock",
  pin: "pin",
  unpin: "unpin",
} as const;

function isIntent<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (list as readonly string[]).includes(value);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const answer = (status: number, body: Omit<ModerationActionData, "intent">) =>
    data<ModerationActionData>({ intent: String(intent ?? ""), ...body }, { status });
  if (!isIntent(MODERATION_INTENTS, intent)) {
    return answer(400, { ok: false, message: t("moderation.errors.invalidAction") });
  }
  const moderator = { viewer: await loadForumViewer(user), ipAddress: clientIp(context) };
  const fields = Object.fromEntries(formData);

  try {
    const message = await run(intent, fields, moderationSchemas(t), moderator, t);
    return answer(200, { ok: true, message });
  } catch (error) {
    if (error instanceof InvalidInput) {
      const fieldErrors = error.fieldErrors;
      return answer(400, { ok: false, message: Object.values(fieldErrors)[0]!, fieldErrors });
    }
    if (error instanceof ModerationError) {
      return answer(error.status, {
        ok: false,
        message: t(`moderation.errors.${error.code}`, error.params),
      });
    }
    if (error instanceof ForumError) {
      return answer(error.status, {
        ok: false,
        message: t(`topic.errors.${error.code}`, error.params),
      });
    }
    throw error;
  }
}

class InvalidInput extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("invalid input");
  }
}

/** The form's fields as the schema wants them, or an InvalidInput naming each bad field. */
function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, fields: Record<string, unknown>) {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues)
    fieldErrors[String(issue.path[0] ?? "")] ??= issue.message;
  throw new InvalidInput(fieldErrors);
}

type Schemas = ReturnType<typeof moderationSchemas>;
type Moderator = { viewer: Awaited<ReturnType<typeof loadForumViewer>>; ipAddress: string };

/** Runs one intent; returns the translated "done" message. */
async function run(
  intent: ModerationIntent,
  fields: Record<string, unknown>,
  schemas: Schemas,
  moderator: Moderator,
  t: TFunction,
): Promise<string> {
  const value = <T,>(schema: z.ZodType<T, z.ZodTypeDef, unknown>) => parse(schema, fields);
  if (isIntent(POST_INTENTS, intent)) {
    const { postId, reason } = value(schemas.post);
    if (intent === "uphold") await upholdFlags({ ...moderator, postId, reason });
    else if (intent === "dismiss") {
      const { restored } = await dismissFlags({ ...moderator, postId, reason });
      return t(restored ? "moderation.done.dismissRestored" : "moderation.done.dismiss");
    } else {
      await moderatePost({ ...moderator, postId, reason, transition: POST_TRANSITION[intent] });
    }
    return t(`moderation.done.${intent}`);
  }
  if (isIntent(TOPIC_INTENTS, intent)) {
    const { topicId, reason } = value(schemas.topic);
    await moderateTopic({ ...moderator, topicId, reason, transition: TOPIC_TRANSITION[intent] });
    return t(`moderation.done.${intent}`);
  }
  switch (intent) {
    case "move": {
      const { topicId, categoryId, reason } = value(schemas.move);
      await moveTopic({ ...moderator, topicId, categoryId, reason });
      return t("moderation.done.move");
    }
    case "merge": {
      const { topicId, target, reason } = value(schemas.merge);
      const { movedPosts } = await mergeTopic({ ...moderator, topicId, targetId: target, reason });
      return t("moderation.done.merge", { count: movedPosts });
    }
    case "edit": {
      const { postId, body, reason } = value(schemas.edit);
      const { changed } = await moderatorEditPost({ ...moderator, postId, body, reason });
      return t(changed ? "moderation.done.edit" : "moderation.done.editUnchanged");
    }
    case "suspend": {
      const { userId, email, until, reason } = value(schemas.suspend);
      const id = userId ?? (await findUserByEmail(email!))?.id;
      if (!id) throw new ModerationError("userNotFound");
      await suspendUser({ ...moderator, userId: id, until, reason });
      return t("moderation.done.suspend");
    }
    case "unsuspend": {
      const { userId, reason } = value(schemas.unsuspend);
      await unsuspendUser({ ...moderator, userId, reason });
      return t("moderation.done.unsuspend");
    }
  }
  throw new ModerationError("forbidden");
}

const TABS = [
  { to: "/admin/moderation", key: "flagged", end: true },
  { to: "/admin/moderation/pending", key: "pending", end: false },
  { to: "/admin/moderation/hidden", key: "hidden", end: false },
  { to: "/admin/moderation/suspended", key: "suspended", end: false },
  { to: "/admin/moderation/audit", key: "audit", end: false },
] as const;

export default function ModerationLayout() {
  const { t } = useTranslation();
  const { counts } = useLoaderData<typeof loader>();
  // Without JavaScript a moderation form lands here; with it, forms show their own result.
  const actionData = useActionData<typeof action>();
  return (
    <div className="moderation">
      <h2 className="insights-title">{t("moderation.title")}</h2>
      <p className="muted">{t("moderation.intro")}</p>
      <nav aria-label={t("moderation.tabs.label")}>
        <ul className="insights-tabs">
          {TABS.map((tab) => {
            const label = t(`moderation.tabs.${tab.key}`);
            const count = tab.key in counts ? counts[tab.key as keyof typeof counts] : null;
            return (
              <li key={tab.to}>
                <NavLink to={tab.to} end={tab.end}>
                  {count === null ? label : t("moderation.count", { label, count })}
                </NavLink>
              </li>
            );
          })}
        </ul>
      </nav>
      {actionData ? <ModerationResult data={actionData} /> : null}
      <QueueResult />
      <Outlet />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
