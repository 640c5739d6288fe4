/**
 * Requests the dev server answers with 400 before its own file lookup sees them. That lookup throws on a path that
 * does not decode ("/%zz") or that leads above the served folder once decoded ("/..%2fpackage.json",
 * "/.11ty/..%2f..%2fpackage.json"), and the exception stopped `npm start` (11ty/eleventy-dev-server#150): one request
 * from anyone on the network ended the server.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Where a request whose target is no path is sent (under the base path): a page that answers 400. */
export const BAD_REQUEST_TARGET = "/_lysark/bad-request-target";

/**
 * The request target the dev server's own handler may see. "*" (OPTIONS *) or an absolute URL (what a client sends
 * through a proxy) made its URL parsing throw before any middleware ran, which ended the server; such a target is
 * pointed at BAD_REQUEST_TARGET instead.
 */
export function servableTarget(requestUrl: string, base: string): string {
  return requestUrl.startsWith("/") ? requestUrl : `${base}${BAD_REQUEST_TARGET}`;
}

/** Why the request's path cannot name a file of the site, or undefined when it can. */
export function unservablePath(requestUrl: string): string | undefined {
  const raw = requestUrl.split(/[?#]/u)[0] ?? "";
  if (!raw.startsWith("/")) return "the path does not start with /";
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return "the path has a % that is not followed by two hexadecimal digits";
  }
  if (decoded.includes("\0")) return "the path holds a NUL character";
  if (decoded.split(/[/\\]/u).some((segment) => segment === "..")) return "the path leads to a parent folder";
  return undefined;
}

/** Middleware for @11ty/eleventy-dev-server: refuses an unservable path, passes every other request on. */
export function refuseUnservablePaths(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  const problem = unservablePath(request.url ?? "");
  if (problem === undefined) {
    next();
    return;
  }
  response.statusCode = 400;
  response.setHeader("Content-Type", "text/plain; charset=utf-8");
  response.end(`400 Bad Request: ${problem}.\n`);
}
