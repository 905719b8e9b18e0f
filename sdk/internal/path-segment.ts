import { ComValidationError } from "../core/errors";

/**
 * An id as one path segment. Percent-encoding keeps `/`, `?` and `#` inside it, but URL
 * resolution removes `.` and `..` (`get("..")` would read the collection), so those, and an
 * empty id, are refused before any request.
 */
export function pathSegment(id: string): string {
  if (typeof id !== "string" || id === "" || id === "." || id === "..") {
    throw new ComValidationError([{ path: "id", message: "must be one plain path segment (not empty, '.' or '..')" }], "request");
  }
  return encodeURIComponent(id);
}
