import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import * as fs from "node:fs";

/** A second server with its own fresh database and settings (for example a short link lifetime). */
export async function startServer(
  port: number,
  env: Record<string, string>,
  options: { demo?: boolean } = {},
): Promise<{ url: string; stop: () => void }> {
  const db = path.join(os.tmpdir(), `tierlink-e2e-extra-${process.pid}-${Date.now()}.db`);
  const url = `http://127.0.0.1:${port}`;
  if (options.demo) {
    // `server demo` fills the empty database with the demo organizations and exits.
    execFileSync("../target/release/server", ["demo"], {
      env: { ...process.env, TIERLINK_DATABASE_URL: `sqlite://${db}`, TIERLINK_PUBLIC_URL: url, ...env },
      stdio: "ignore",
    });
  }
  const child: ChildProcess = spawn("../target/release/server", ["serve"], {
    env: {
      ...process.env,
      TIERLINK_LISTEN: `127.0.0.1:${port}`,
      TIERLINK_PUBLIC_URL: url,
      TIERLINK_DATABASE_URL: `sqlite://${db}`,
      LEPTOS_SITE_ROOT: "../target/site",
      ...env,
    },
    stdio: "ignore",
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server on ${port} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () => {
      child.kill("SIGTERM");
      for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
    },
  };
}
