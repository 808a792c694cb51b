// On a 390 px phone no page may scroll sideways (issue 20): every page each kind of user reaches
// from the menu, the pages a customer's record links to, the signed-out pages and an invitation
// link, on the demo data. The check measures the document, so a table that is cut off inside a
// scroll box of its own passes, and one that widens the page fails.
import { test, expect, waitForHydration, uniqueMpn } from "./fixtures";
import { fillCustomerContact } from "./helpers";
import { startServer } from "./server";
import type { Page } from "@playwright/test";

const PHONE = { width: 390, height: 844 };

const accounts = [
  "anna@contoso-distribution.example", // provider, Global admin
  "lena@fabrikam-solutions.example", // reseller, Global admin
  "eszter@adatum.example", // customer, Global admin
  "operator@tierlink.example", // operator
];

/** How many pixels the document is wider than the viewport, and the widest element's tag. */
async function overflow(page: Page): Promise<{ extra: number; culprit: string }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const extra = root.scrollWidth - root.clientWidth;
    let culprit = "";
    if (extra > 0) {
      let widest = 0;
      // What a scroll box of its own clips does not widen the page.
      // (An absolutely placed element escapes a scroll box that is not its containing block.)
      const clipped = (el: Element) => {
        if (getComputedStyle(el).position === "absolute") return false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          if (getComputedStyle(p).overflowX !== "visible") return true;
        }
        return false;
      };
      for (const el of document.body.querySelectorAll("*")) {
        if (clipped(el)) continue;
        const right = el.getBoundingClientRect().right;
        if (right > widest) {
          widest = right;
          const cls = el.getAttribute("class");
          culprit = `${el.tagName.toLowerCase()}${cls ? "." + cls.split(" ").join(".") : ""} (${Math.round(right)} px)`;
        }
      }
    }
    return { extra, culprit };
  });
}

test.describe("a phone", () => {
  let server: { url: string; stop: () => void };
  test.beforeAll(async () => {
    server = await startServer(3112, {}, { demo: true });
  });
  test.afterAll(() => server.stop());

  test("no page scrolls sideways at 390 px", async ({ browser }) => {
    test.setTimeout(180_000);
    const wide: string[] = [];
    const visited: string[] = [];
    const visit = async (page: Page, href: string, who: string) => {
      visited.push(`${who} ${href}`);
      await page.goto(href);
      await waitForHydration(page);
      const { extra, culprit } = await overflow(page);
      if (extra > 0) wide.push(`${who} ${href}: +${extra} px, ${culprit}`);
    };

    // Signed out, and an invitation link as its customer opens it.
    const out = await browser.newContext({ baseURL: server.url, viewport: PHONE, isMobile: true, hasTouch: true });
    const visitor = await out.newPage();
    for (const href of ["/sign-in", "/enroll", "/directory", "/customer-agreement"]) {
      await visit(visitor, href, "signed out");
    }

    for (const email of accounts) {
      const context = await browser.newContext({ baseURL: server.url, viewport: PHONE, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await page.goto("/sign-in");
      await waitForHydration(page);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password", { exact: true }).fill("tierlink-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      const menu = page.getByRole("navigation", { name: "Main menu" });
      await expect(menu).toBeVisible();
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
        await visit(page, href, email);
        if (href === "/customers") {
          // The first record, expanded, and the pages it links to.
          const expander = page.getByRole("button", { name: /^Show the record of / }).first();
          if (await expander.count()) {
            await expander.click();
            await expect(expander).toHaveAttribute("aria-expanded", "true");
            const { extra, culprit } = await overflow(page);
            if (extra > 0) wide.push(`${email} ${href} (record open): +${extra} px, ${culprit}`);
          }
        }
        const more = await page
          .locator("main a[href^='/customers/']")
          .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
        queue.push(...more.filter((h) => !h.endsWith("/new") && !seen.has(h)).slice(0, 4));
      }
      if (email.startsWith("lena@")) {
        // The reseller makes a link; its customer opens it on a phone.
        await page.goto("/customers/new-relationship");
        await waitForHydration(page);
        await visit(page, "/customers/new-relationship", email);
        await page.getByRole("button", { name: "Create the link" }).click();
        await expect(page.getByRole("heading", { name: "Draft email" })).toBeVisible();
        const { extra, culprit } = await overflow(page);
        if (extra > 0) wide.push(`${email} draft email: +${extra} px, ${culprit}`);
        const link = (await page.locator("code.link").textContent()) ?? "";
        expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
        await visit(visitor, new URL(link).pathname, "signed out");
      }
      await context.close();
    }
    await out.close();
    // Every kind of user's menu, a customer's pages and the signed-out ones were walked.
    expect(visited.length, visited.join("\n")).toBeGreaterThanOrEqual(30);
    expect(visited.some((v) => /\/customers\/[0-9a-f-]{36}\/subscriptions\/[0-9a-f-]{36}$/.test(v))).toBe(true);
    expect(wide, "pages wider than a 390 px phone").toEqual([]);
  });

  test("the New customer wizard fits a phone at every step", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url, viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await waitForHydration(page);
    await page.getByLabel("Email").fill("anna@contoso-distribution.example");
    await page.getByLabel("Password", { exact: true }).fill("tierlink-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("navigation", { name: "Main menu" })).toBeVisible();
    const wide: string[] = [];
    const measure = async (step: string) => {
      const { extra, culprit } = await overflow(page);
      if (extra > 0) wide.push(`${step}: +${extra} px, ${culprit}`);
    };
    await page.goto("/customers/new");
    await waitForHydration(page);
    await measure("details");
    const n = uniqueMpn();
    await page.getByLabel("Company name").fill(`Phone ${n} Kft.`);
    await page.getByLabel("Primary domain").pressSequentially(`phone-${n}`);
    await expect(page.getByText(`phone-${n}.tierlink.example is available.`)).toBeVisible();
    await fillCustomerContact(page);
    await page.getByLabel("Phone").fill("+36 1 234 5678");
    await page.getByRole("button", { name: "Next: Subscriptions" }).click();
    await expect(page.getByRole("heading", { name: "Subscriptions", level: 2 })).toBeVisible();
    await measure("subscriptions");
    await page.getByLabel("Licenses of Microsoft 365 Business Basic").fill("12");
    await page.getByRole("button", { name: "Next: Review" }).click();
    await expect(page.getByRole("heading", { name: "Review", level: 2 })).toBeVisible();
    await measure("review");
    await page.getByRole("button", { name: "Submit" }).click();
    await expect(page.getByRole("heading", { name: "Setup info" })).toBeVisible();
    await measure("confirmation");
    // The one-time password is on the screen, not beside it.
    const box = await page.getByTestId("temporary-password").boundingBox();
    expect(box && box.x + box.width <= PHONE.width).toBe(true);
    await context.close();
    expect(wide, "wizard steps wider than a 390 px phone").toEqual([]);
  });
});
