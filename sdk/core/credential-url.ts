/**
 * The one rule for every URL the client sends credentials to: the API endpoint (bearer tokens)
 * and the token URL (the client secret). Whatever face configured it (stack config, an explicit
 * connection, the plugin's configuration), it passes here before any request.
 */
import { ComConfigurationError } from "./errors";
import { isLoopbackHost } from "./regions";

/**
 * `raw` as a URL credentials may travel to: https, or plain http to this machine only unless
 * `allowInsecureHttp`. A URL that holds credentials itself (`https://user:pass@…`) is refused,
 * and no message repeats a URL that may hold a secret.
 */
export function credentialUrl(raw: string, what: string, allowInsecureHttp = false): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ComConfigurationError(`the ${what} is not a valid URL (not repeated here: it may hold a secret)`);
  }
  if (url.username || url.password) {
    throw new ComConfigurationError(`the ${what} must not hold credentials (user:password@host): give the API client's id and secret instead`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new ComConfigurationError(`the ${what} must be an https URL, not ${url.protocol}`);
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new ComConfigurationError(`refusing plain http to ${url.host} for the ${what}: use https, or allow insecure http explicitly`);
  }
  return url;
}
