// axe-core on every page each kind of user reaches (issue 20): the signed-out pages, an invitation
// link as its customer opens it, and every page of the demo provider, reseller, customer and
// operator, a customer's record expanded among them. Every rule on a desk in the light theme and
// on a phone (what only a narrow layout shows: a scroll box that cannot be reached by keyboard);
// the dark theme's colours on a desk. Any violation fails, named with its page and elements.
import { test, expect, waitForHydration } from "./fixtures";
import { startServer } from "./server";
import { DEMO_ACCOUNTS, SIGNED_OUT_PAGES, signInDemo, walkSignedIn } from "./walk";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";

const DESK = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

type Look = { name: string; viewport: { width: number; height: number }; dark: boolean };
const LOOKS: Look[] = [
  { name: "desk", viewport: DESK, dark: false },
  { name: "desk, dark", viewport: DESK, dark: true },
  { name: "phone", viewport: PHONE, dark: false },
];

/** The violations on the page as it is now, one line each. */
async function violations(page: Page, look: Look): Promise<string[]> {
  let axe = new AxeBuilder({ page });
  // The dark theme changes colours only: its own run checks contrast.
  if (look.dark) axe = axe.withRules(["color-contrast"]);
  const result = await axe.analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`,
  );
}

async function newPage(browser: Browser, baseURL: string, look: Look): Promise<Page> {
  const mobile = look.viewport === PHONE;
  const context = await browser.newContext({ baseURL, viewport: look.viewport, isMobile: mobile, hasTouch: mobile });
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: look.dark ? "dark" : "light" });
  return page;
}

test.describe("accessibility", () => {
  // The three walks are the longest tests: spread over the workers, each worker with a demo
  // server of its own (a port per worker).
  test.describe.configure({ mode: "parallel" });
  let server: { url: string; stop: () => void };
  test.beforeAll(async ({}, testInfo) => {
    server = await startServer(3113 + 20 * testInfo.parallelIndex, {}, { demo: true });
  });
  test.afterAll(() => server.stop());

  for (const look of LOOKS) {
    test(`axe finds nothing on any page (${look.name})`, async ({ browser }) => {
      test.setTimeout(300_000);
      const found: string[] = [];
      const checked: string[] = [];
      const check = async (page: Page, what: string) => {
        checked.push(what);
        for (const v of await violations(page, look)) found.push(`${what}: ${v}`);
      };
      const visit = async (page: Page, href: string, who: string) => {
        await page.goto(href);
        await waitForHydration(page);
        await check(page, `${who} ${href}`);
      };

      const visitor = await newPage(browser, server.url, look);
      for (const href of SIGNED_OUT_PAGES) await visit(visitor, href, "signed out");

      for (const email of DEMO_ACCOUNTS) {
        const page = await newPage(browser, server.url, look);
        await signInDemo(page, email);
        await walkSignedIn(
          page,
          (href) => visit(page, href, email),
          () => check(page, `${email} /customers (record open)`),
        );
        if (email.startsWith("lena@")) {
          // The reseller's draft, and its link as the customer opens it.
          await visit(page, "/customers/new-relationship", email);
          await page.getByRole("button", { name: "Create the link" }).click();
          await expect(page.getByRole("heading", { name: "Draft email" })).toBeVisible();
          await check(page, `${email} draft email`);
          const link = (await page.locator("code.link").textContent()) ?? "";
          await visit(visitor, new URL(link).pathname, "signed out");
        }
        await page.context().close();
      }
      await visitor.context().close();
      expect(checked.length, checked.join("\n")).toBeGreaterThanOrEqual(30);
      expect(found, "axe-core violations").toEqual([]);
    });
  }
});
