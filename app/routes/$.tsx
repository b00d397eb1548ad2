import { RouteErrorBoundary } from "~/components/ErrorPage";
import { notFound } from "~/utils/request.server";

// Any URL no route claims: a 404 rendered inside the shell, in the user's language.
export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}

export { RouteErrorBoundary as ErrorBoundary };
