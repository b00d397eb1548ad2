// Resource route for the editor's live preview: Markdown in, sanitized HTML out. Staff only.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/utils/auth.server";
import { MARKDOWN_MAX_LENGTH, renderMarkdown } from "~/utils/markdown.server";

export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request);
  if (request.method !== "POST") throw new Response("Method Not Allowed", { status: 405 });
  const form = await request.formData();
  const body = form.get("body");
  if (typeof body !== "string") {
    return data({ error: "body is required" }, { status: 400 });
  }
  if (body.length > MARKDOWN_MAX_LENGTH) {
    return data(
      { error: `body is longer than ${MARKDOWN_MAX_LENGTH} characters` },
      { status: 413 },
    );
  }
  const { html, headings } = renderMarkdown(body);
  return Response.json({ html, headings }, { headers: { "Cache-Control": "no-store" } });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  throw new Response("Method Not Allowed", { status: 405 });
}
