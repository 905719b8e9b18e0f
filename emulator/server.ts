/** The HTTP front: routing, body parsing, auth, fault injection, logging, error bodies. */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emulator, Reply, RequestContext, Route } from "./context";
import { badRequest, forbidden, HttpError, notAcceptable, unsupportedMediaType } from "./http-error";
import { LOOPBACK_HOST } from "./loopback";

interface CompiledRoute extends Route { regex: RegExp; names: string[] }

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { ...route, regex: new RegExp(`^${source}$`), names };
}

/** Larger bodies are refused with 413: no external-service document comes near it. */
const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(raw));
  if (type === "application/json" || type.endsWith("+json")) {
    try {
      return JSON.parse(raw);
    } catch {
      throw badRequest("Malformed JSON in the request body", [{ subject: "body", description: "is not valid JSON" }]);
    }
  }
  return raw;
}

const accepts = (accept: string | undefined) =>
  !accept || /(^|,)\s*(application\/json|application\/\*|\*\/\*)/i.test(accept) || /\+json/i.test(accept);

function errorReply(err: unknown): Reply {
  const e = err instanceof HttpError ? err : new HttpError(500, "HPE-GL-COMPUTE_OPS-0500001", "Internal server error");
  const body: Record<string, unknown> = {
    httpStatusCode: e.status, errorCode: e.errorCode, message: e.message, debugId: randomUUID(),
  };
  if (e.errorDetails) body.errorDetails = e.errorDetails;
  return { status: e.status, body, headers: e.headers };
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | undefined;
  if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers["content-type"] = "application/json";
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A path parameter as the handler sees it; malformed percent-encoding is the client's error. */
function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badRequest("Malformed percent-encoding in the request path", [{ subject: "path", description: "is not valid percent-encoding" }]);
  }
}

/**
 * The inspection routes change what the emulator does, so a browser page must not reach them
 * (a cross-site "simple" request carries an Origin or Sec-Fetch-Site header; a body that is not
 * JSON is refused), and beyond loopback they take a token like the COM routes.
 */
function guardInspection(emulator: Emulator, req: IncomingMessage, hasBody: boolean): void {
  const own = new URL(emulator.baseUrl);
  const origin = req.headers.origin;
  const site = req.headers["sec-fetch-site"];
  if ((origin !== undefined && origin !== own.origin) || site === "cross-site" || site === "same-site") {
    throw forbidden("Forbidden: the emulator's inspection routes take no cross-site requests");
  }
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (hasBody && req.method !== "GET" && type !== "application/json") throw unsupportedMediaType("application/json");
  if (!LOOPBACK_HOST.test(own.hostname)) emulator.clients.authorize(req.headers.authorization, undefined);
}

/** A request handler serving `routes`; requests matching none get a loud 404. Nothing a request holds stops the process. */
export function createRequestHandler(emulator: Emulator, routes: Route[]) {
  const handle = requestHandler(emulator, routes);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const inspection = req.url?.startsWith("/__emulator/") ?? false;
    if (!inspection) emulator.inFlight++;
    try {
      await handle(req, res);
    } catch (err) {
      console.error(`emulator: ${req.method} request failed outside its handler:`, err);
      if (!res.headersSent) send(res, errorReply(err));
      else res.destroy();
    } finally {
      if (!inspection) emulator.inFlight--;
    }
  };
}

function requestHandler(emulator: Emulator, routes: Route[]) {
  const compiled = routes.map(compile);

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Appended, not resolved: a request target such as `//host` is a path here, never another host.
    const url = URL.canParse(`http://emulator${req.url ?? "/"}`) ? new URL(`http://emulator${req.url ?? "/"}`) : undefined;
    const method = req.method ?? "GET";
    if (!url) {
      send(res, errorReply(badRequest("Malformed request target", [{ subject: "path", description: "is not a valid URL path" }])));
      return;
    }
    let route: CompiledRoute | undefined;
    let rawParams: string[] = [];
    for (const r of compiled) {
      const m = r.method === method ? r.regex.exec(url.pathname) : null;
      if (m) {
        route = r;
        rawParams = m.slice(1);
        break;
      }
    }
    const raw = await readBody(req);
    if (raw === undefined) {
      // Connection: close, so that the rest of the unread body ends with this connection.
      send(res, errorReply(new HttpError(413, "HPE-GL-COMPUTE_OPS-0413001", `Payload Too Large: at most ${MAX_BODY_BYTES} bytes`, undefined, { connection: "close" })));
      return;
    }
    let caller: { clientId: string; tenant?: string } | undefined;
    const log = (status: number, body: unknown, fault?: string) => {
      if (route?.kind === "inspect") return;
      emulator.log.add({
        method, path: url.pathname, route: route ? `${method} ${route.pattern}` : `${method} (no route)`,
        query: Object.fromEntries(url.searchParams), status, body, fault, client: caller?.clientId, tenant: caller?.tenant,
      });
    };

    if (!route) {
      log(404, undefined);
      send(res, { status: 404, body: { message: `emulator: no route for ${method} ${url.pathname}` } });
      return;
    }

    const params: Record<string, string> = {};
    let parsed: unknown;
    let dropAfterCommit = false;
    let reply: Reply;
    let rateHeaders: Record<string, string> | undefined;
    try {
      Object.assign(params, Object.fromEntries(route.names.map((n, i) => [n, decodeParam(rawParams[i])])));
      if (route.kind === "inspect") guardInspection(emulator, req, raw.length > 0);
      parsed = parseBody(raw, req.headers["content-type"]);
      if (route.kind === "com" || route.kind === "token") {
        const delay = emulator.faults.latency(method, url.pathname);
        if (delay > 0) await sleep(delay);
        const fault = emulator.faults.decide(method, url.pathname);
        if (fault.kind === "reset") {
          log(0, parsed, "reset");
          req.socket.destroy();
          return;
        }
        if (fault.kind === "status") {
          log(fault.status, parsed, fault.label);
          send(res, errorReply(new HttpError(fault.status, `HPE-GL-COMPUTE_OPS-0${fault.status}001`,
            fault.status === 429 ? "Too many requests: rate limit exceeded" : "Service temporarily unavailable", undefined, fault.headers)));
          return;
        }
        dropAfterCommit = fault.kind === "commit-then-drop";
      }
      const ctx: RequestContext = {
        method, path: url.pathname, query: url.searchParams, headers: req.headers, body: parsed, params,
        prefix: "/compute-ops-mgmt", workspaceId: "", emulator,
      };
      if (route.kind === "com") {
        if (!accepts(req.headers.accept)) throw notAcceptable();
        const header = req.headers["tenant-acid"];
        const tenant = Array.isArray(header) ? header[0] : header;
        const authorized = emulator.clients.authorize(req.headers.authorization, tenant);
        caller = { clientId: authorized.clientId, tenant };
        ctx.workspaceId = authorized.workspaceId;
        const limit = emulator.settings.rateLimit;
        if (limit) {
          const budget = emulator.rateLimiter.take(limit, authorized.clientId, tenant);
          rateHeaders = budget.headers;
          if (!budget.allowed) throw new HttpError(429, "HPE-GL-COMPUTE_OPS-0429001", "Too many requests: rate limit exceeded");
        }
      }
      reply = await route.handler(ctx);
    } catch (err) {
      if (!(err instanceof HttpError)) console.error(`emulator: ${method} ${url.pathname} failed:`, err);
      reply = errorReply(err);
    }
    if (dropAfterCommit) {
      log(reply.status, parsed, "commit-then-drop");
      req.socket.destroy();
      return;
    }
    log(reply.status, parsed);
    send(res, rateHeaders ? { ...reply, headers: { ...reply.headers, ...rateHeaders } } : reply);
  };
}
