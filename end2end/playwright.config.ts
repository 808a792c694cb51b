import { defineConfig, devices } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";

const PORT = 3100; // not 3000, so a `make run` server left open does not collide
const BASE_URL = `http://127.0.0.1:${PORT}`;

// Every run gets a brand-new SQLite file so tests never see data from an earlier run.
// The config is also loaded by each worker process; workers inherit the main process's env,
// so storing the path there keeps one name for the whole run (global-teardown.ts deletes it).
process.env.TIERLINK_E2E_DB ??= path.join(
  os.tmpdir(),
  `tierlink-e2e-${process.pid}-${Date.now()}.db`,
);

const SERVER_ENV = {
  TIERLINK_PUBLIC_URL: BASE_URL,
  TIERLINK_DATABASE_URL: `sqlite://${process.env.TIERLINK_E2E_DB}`,
  // Every test enrolls and answers links from 127.0.0.1: more than the 10 enrollments an
  // hour and 20 answers a minute one address may (the server tests test those limits).
  TIERLINK_ENROLL_MAX_PER_HOUR: "1000",
  TIERLINK_RESPOND_MAX_PER_MINUTE: "1000",
  // The webhooks test's receiver listens on 127.0.0.1.
  TIERLINK_WEBHOOKS_ALLOW_LOOPBACK: "true",
  LEPTOS_SITE_ROOT: "../target/site",
  LEPTOS_SITE_PKG_DIR: "pkg",
  LEPTOS_OUTPUT_NAME: "tierlink",
};

// The binary that `make build` made; no cargo runs during the tests. Request logs drown the
// test list; E2E_SERVER_LOGS=1 shows them. Panics go to stderr anyway.
const serverOn = (port: number, env: Record<string, string>) => ({
  command: "../target/release/server serve",
  url: `http://127.0.0.1:${port}/healthz`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: process.env.E2E_SERVER_LOGS ? ("pipe" as const) : ("ignore" as const),
  stderr: "pipe" as const,
  env: { ...SERVER_ENV, TIERLINK_LISTEN: `127.0.0.1:${port}`, ...env },
});

// E2E_POSTGRES=<url of an empty database> (`make test` gives one from scripts/with-postgres.sh):
// two instances on it behind a proxy that alternates the browser's requests between them.
// Otherwise the one server on a fresh SQLite file.
const POSTGRES = process.env.E2E_POSTGRES;
const webServer = POSTGRES
  ? [
      serverOn(3111, { TIERLINK_DATABASE_URL: POSTGRES }),
      serverOn(3112, { TIERLINK_DATABASE_URL: POSTGRES }),
      {
        command: `node alternate.mjs ${PORT} 3111 3112`,
        url: `${BASE_URL}/healthz`,
        reuseExistingServer: false,
        timeout: 10_000,
      },
    ]
  : serverOn(PORT, {});

export default defineConfig({
  testDir: "./tests",
  // Two workers share the one server (each test enrolls its own organizations; the specs that
  // read the demo start servers of their own), one spec file per worker at a time. E2E_WORKERS
  // overrides, e.g. 1 to rule out interference when a test fails.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 }, // hydration of a release build can take a moment on a busy box
  globalTeardown: "./global-teardown.ts",
  use: {
    baseURL: BASE_URL,
    // The pages follow the browser's language (Accept-Language): the workflow tests read English.
    locale: "en-US",
    permissions: ["clipboard-read", "clipboard-write"],
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          // Debian's chromium: Playwright's own browser download cannot work on this network.
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer,
});
