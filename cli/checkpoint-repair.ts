/**
 * A stack of the file backend (`file://`) that a kill left unreadable ("failed to load
 * checkpoint"). The backend (gocloud's fileblob) writes a checkpoint to a temporary file and
 * renames it, so the checkpoint itself is whole; but before the rename it rewrites the file's
 * attribute sidecar (`<stack>.json.attrs`) in place, and a kill between truncating and writing it
 * leaves it empty: every command then fails with "failed to load checkpoint: EOF". fileblob reads
 * a missing sidecar as default attributes, so `recover` removes a sidecar that is not JSON and
 * nothing of the state is lost. A checkpoint that is itself unreadable is replaced by the
 * previous one the backend keeps beside it (`<stack>.json.bak`); the backup is one step older: a
 * create it does not show as done shows as pending, which recover settles like any other. Other
 * backends keep their state themselves and are not touched.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** The backend URL the CLI uses here: the environment's, the project's, or the one logged in to. */
function backendUrl(projectDir: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.PULUMI_BACKEND_URL) return env.PULUMI_BACKEND_URL;
  const project = fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8");
  const own = /^backend:\s*\n\s+url:\s*["']?([^"'\s]+)/m.exec(project);
  if (own) return own[1];
  const credentials = path.join(env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi"), "credentials.json");
  return fs.existsSync(credentials) ? (JSON.parse(fs.readFileSync(credentials, "utf8")) as { current?: string }).current : undefined;
}

/** The stack's checkpoint file, when its backend is a local directory. */
export function checkpointFile(projectDir: string, stack: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = backendUrl(projectDir, env);
  if (!url?.startsWith("file://")) return undefined;
  const root = url === "file://~" ? os.homedir() : fileURLToPath(url.replace(/^file:\/\/~/, `file://${os.homedir()}`));
  const project = /^name:\s*["']?([^"'\s]+)/m.exec(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"))?.[1] ?? "";
  const name = stack.split("/").pop()!;
  return [path.join(root, ".pulumi", "stacks", project, `${name}.json`), path.join(root, ".pulumi", "stacks", `${name}.json`)].find(fs.existsSync);
}

const readable = (file: string) => {
  try {
    JSON.parse(fs.readFileSync(file, "utf8"));
    return true;
  } catch {
    return false;
  }
};

/** Removes `file`'s attribute sidecar when it is not JSON; says so. */
function removeBrokenSidecar(file: string): string | undefined {
  const sidecar = `${file}.attrs`;
  if (!fs.existsSync(sidecar) || readable(sidecar)) return undefined;
  fs.rmSync(sidecar);
  return `removed ${path.basename(sidecar)}, which the kill cut short (the backend reads a missing one as default attributes)`;
}

/**
 * Makes the checkpoint readable again: removes a sidecar cut short, and puts the backup back when
 * the checkpoint itself cannot be read (the damaged file kept beside it). Returns what it did, or
 * undefined when there is nothing it can do.
 */
export function repairCheckpoint(file: string): string | undefined {
  const done = [file, `${file}.bak`].map(removeBrokenSidecar).filter((line) => line !== undefined);
  const backup = `${file}.bak`;
  if (!readable(file) && fs.existsSync(backup) && readable(backup)) {
    const damaged = `${file}.damaged-${Date.now()}`;
    fs.renameSync(file, damaged);
    fs.copyFileSync(backup, file);
    // The sidecar describes the damaged file (its MD5), not the backup.
    fs.rmSync(`${file}.attrs`, { force: true });
    done.push(`the checkpoint could not be read (kept as ${path.basename(damaged)}); restored the backend's backup ${path.basename(backup)}`);
  }
  return done.length ? done.join("; ") : undefined;
}
