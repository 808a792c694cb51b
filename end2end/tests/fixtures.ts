import { test as base, expect, type Page, type ConsoleMessage } from "@playwright/test";
import { randomInt } from "node:crypto";

export { expect };

// Hydration problems, failed requests and panics in the wasm only ever show in the browser
// console, so every test fails on console errors/warnings and page errors unless it allows them.
// Tests that provoke an error on purpose (e.g. a 4xx from a server function, which Chromium logs
// as "Failed to load resource") call `allowConsole(/pattern/)` first.
type Fixtures = {
  allowConsole: (pattern: RegExp) => void;
  consoleGuard: { allowed: RegExp[] };
};

// Any message about hydration is a failure even when logged at info level.
const ALWAYS_BAD = /hydration/i;

export const test = base.extend<Fixtures>({
  consoleGuard: [
    async ({ context }, use) => {
      const guard = { allowed: [] as RegExp[] };
      const problems: string[] = [];
      const isAllowed = (text: string) => guard.allowed.some((re) => re.test(text));

      // On the context, not the page, so popups and extra pages are watched too.
      context.on("console", (msg: ConsoleMessage) => {
        const type = msg.type();
        const text = msg.text();
        const bad = type === "error" || type === "warning" || ALWAYS_BAD.test(text);
        if (bad && !isAllowed(text)) {
          const loc = msg.location();
          problems.push(`console.${type}: ${text}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ""}`);
        }
      });
      context.on("weberror", (err) => {
        const text = `${err.error().name}: ${err.error().message}`;
        if (!isAllowed(text)) problems.push(`pageerror: ${text}`);
      });

      await use(guard);

      expect(problems, "unexpected browser console output (use allowConsole(/.../) if intended)").toEqual([]);
    },
    { auto: true },
  ],
  allowConsole: async ({ consoleGuard }, use) => {
    await use((pattern: RegExp) => {
      consoleGuard.allowed.push(pattern);
    });
  },
});

/** Waits until the wasm has hydrated the page (the app sets <body data-hydrated="true">). */
export async function waitForHydration(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(() => document.body?.dataset.hydrated === "true", undefined, { timeout });
}

/** `page.goto` followed by waitForHydration: clicks before hydration would be lost. */
export async function gotoHydrated(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForHydration(page);
}

const usedMpns = new Set<string>();

/** A random 9-digit MPN ID (MPN IDs are 6–10 digits and unique per account). */
export function uniqueMpn(): string {
  let mpn: string;
  do {
    mpn = String(randomInt(100_000_000, 1_000_000_000));
  } while (usedMpns.has(mpn));
  usedMpns.add(mpn);
  return mpn;
}

/** An address no other test (or earlier run) uses, e.g. `owner-lq2x3c-8f1a@example.com`. */
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${Date.now().toString(36)}-${randomInt(0, 0x10000).toString(16)}@example.com`;
}
