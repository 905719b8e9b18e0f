import type { RequestContext } from "../context";
import { unsupportedMediaType } from "../http-error";

/** 415 unless the request's Content-Type is `expected` (parameters such as charset allowed). */
export function requireContentType(ctx: RequestContext, expected: string): void {
  const actual = (ctx.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (actual !== expected) throw unsupportedMediaType(expected);
}
