/**
 * Preloaded with `node --require` (NODE_OPTIONS refuses --cpu-prof): samples this process's CPU
 * with the inspector and writes a .cpuprofile to HPECOM_CPU_PROFILE_DIR when the process exits or
 * is asked to stop, the way the engine stops its plugin processes.
 */
import * as fs from "node:fs";
import * as inspector from "node:inspector";
import * as path from "node:path";

const dir = process.env.HPECOM_CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  session.post("Profiler.start");
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // The in-process session answers synchronously, so this works in an exit handler.
    session.post("Profiler.stop", (err, result) => {
      if (!err) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on("exit", write);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => { write(); process.exit(0); });
  }
}
