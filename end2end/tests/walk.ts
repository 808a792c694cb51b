// The pages each kind of demo user reaches, walked as a user would: every entry of the menu, the
// Notifications page (from the bell), and for partners the first customer's record and the pages
// it links to. Shared by the phone check and the accessibility check.
import { expect, waitForHydration } from "./fixtures";
import type { Page } from "@playwright/test";

/** One demo user of each kind: provider, reseller, customer (all Global admins), operator. */
export const DEMO_ACCOUNTS = [
  "anna@contoso-distribution.example",
  "lena@fabrikam-solutions.example",
  "eszter@adatum.example",
  "operator@tierlink.example",
];

/** The pages nobody needs to be signed in for. */
export const SIGNED_OUT_PAGES = ["/sign-in", "/enroll", "/directory", "/customer-agreement"];

/** Signs a demo user in on `page` (the demo password) and waits for the menu. */
export async function signInDemo(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await waitForHydration(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("tierlink-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main menu" })).toBeVisible();
}

/**
 * Visits every page the signed-in user reaches: `visit(href)` loads and checks one page;
 * `recordOpen()` checks the Customers page again with the first record expanded. Returns the
 * pages walked.
 */
export async function walkSignedIn(
  page: Page,
  visit: (href: string) => Promise<void>,
  recordOpen: () => Promise<void>,
): Promise<string[]> {
  const menu = page.getByRole("navigation", { name: "Main menu" });
  // On a phone the menu is folded behind its name.
  const fold = menu.locator("summary");
  if (await fold.isVisible()) await fold.click();
  const hrefs = await menu
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
  const seen = new Set<string>();
  // Notifications is reached from the bell in the top bar, not the menu.
  const queue = [...new Set([...hrefs, "/notifications"])];
  while (queue.length > 0) {
    const href = queue.shift() as string;
    if (seen.has(href)) continue;
    seen.add(href);
    await visit(href);
    if (href === "/customers") {
      // The first record, expanded, and the pages it links to.
      const expander = page.getByRole("button", { name: /^Show the record of / }).first();
      if (await expander.count()) {
        await expander.click();
        await expect(expander).toHaveAttribute("aria-expanded", "true");
        await recordOpen();
      }
    }
    const more = await page
      .locator("main a[href^='/customers/']")
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
    queue.push(...more.filter((h) => !h.endsWith("/new") && !seen.has(h)).slice(0, 4));
  }
  return [...seen];
}
