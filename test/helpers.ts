// Calls route loaders and actions the way Remix does, with a real Request.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

export const TEST_ORIGIN = "http://localhost";

export function formRequest(
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return new Request(TEST_ORIGIN + path, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

export function getRequest(path: string, headers: Record<string, string> = {}) {
  return new Request(TEST_ORIGIN + path, { headers });
}

type Context = { clientIp?: string };

/** Runs an action and returns its Response, whether the action returned or threw it. */
export async function runAction(
  action: (args: ActionFunctionArgs) => unknown,
  request: Request,
  context: Context = {},
  params: Record<string, string> = {},
): Promise<Response> {
  return toResponse(() =>
    action({ request, params, context: { clientIp: "127.0.0.1", cspNonce: "", ...context } }),
  );
}

export async function runLoader(
  loader: (args: LoaderFunctionArgs) => unknown,
  request: Request,
  params: Record<string, string> = {},
): Promise<Response> {
  return toResponse(() =>
    loader({ request, params, context: { clientIp: "127.0.0.1", cspNonce: "" } }),
  );
}

async function toResponse(run: () => unknown): Promise<Response> {
  try {
    const result = await run();
    return asResponse(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    const data = asData(thrown);
    if (data) return data;
    throw thrown;
  }
}

function asData(value: unknown): Response | null {
  // Remix's `data()` helper returns a marker object, not a Response.
  if (
    value &&
    typeof value === "object" &&
    (value as { type?: string }).type === "DataWithResponseInit"
  ) {
    const { data, init } = value as { data: unknown; init?: ResponseInit | null };
    return new Response(JSON.stringify(data), {
      status: init?.status ?? 200,
      headers: {
        "Content-Type": "application/json",
        ...Object.fromEntries(new Headers(init?.headers ?? {})),
      },
    });
  }
  return null;
}

function asResponse(value: unknown): Response {
  if (value instanceof Response) return value;
  return asData(value) ?? Response.json(value ?? null);
}
