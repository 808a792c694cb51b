import * as fs from "node:fs";

// Removes the run's temporary SQLite database (see playwright.config.ts) so /tmp does not fill up.
export default function globalTeardown(): void {
  const db = process.env.TIERLINK_E2E_DB;
  if (!db) return;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    fs.rmSync(db + suffix, { force: true });
  }
}
