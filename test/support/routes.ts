// The app's routes as Remix itself sees them (the same flat-routes reader the Vite plugin uses),
// so that tests walking "every route" find routes added later without being told about them.
import path from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";

/** Must match the plugin's ignoredRouteFiles in vite.config.ts. */
const IGNORED_ROUTE_FILES = ["**/*.test.ts", "**/*.test.tsx", "**/*.css"];

export type DiscoveredRoute = {
  id: string;
  /** Relative to app/, e.g. "routes/admin.checklists.$id.tsx". */
  file: string;
  /** The full URL pattern, e.g. "/admin/checklists/:id"; "/*" for the splat. */
  pattern: string;
  params: string[];
};

type ManifestEntry = { id: string; parentId?: string; path?: string; file: string };

export function discoverRoutes(appDir = path.resolve("app")): DiscoveredRoute[] {
  const manifest = flatRoutes(appDir, IGNORED_ROUTE_FILES) as Record<string, ManifestEntry>;
  const fullPath = (entry: ManifestEntry): string => {
    const parent = entry.parentId ? manifest[entry.parentId] : undefined;
    const base = parent ? fullPath(parent) : "";
    return entry.path ? `${base.replace(/\/$/, "")}/${entry.path}` : base;
  };
  return Object.values(manifest)
    .map((entry) => {
      const pattern = fullPath(entry) || "/";
      const params = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      if (pattern.endsWith("*")) params.push("*");
      return { id: entry.id, file: entry.file, pattern, params };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Fills a pattern's params: "/kb/:slug" with { slug: "x" } is "/kb/x". */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ""))
    .replace(/\*$/, values["*"] ?? "");
}
