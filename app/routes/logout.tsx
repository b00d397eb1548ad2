import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { audit } from "~/models/audit.server";
import { getUser } from "~/utils/auth.server";
import { clientIp } from "~/utils/request.server";
import { endSession } from "~/utils/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  const cookie = await endSession(request);
  if (user)
    await audit({ actorId: user.id, action: "auth.sign_out", ipAddress: clientIp(context) });
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}
