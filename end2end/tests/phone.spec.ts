// On a 390 px phone no page may scroll sideways (issue 20): every page each kind of user reaches
// from the menu, the pages a customer's record links to, the signed-out pages and an invitation
// link, on the demo data. The check measures the document, so a table that is cut off inside a
// scroll box of its own passes, and one that widens the page fails.
import { test, expect, waitForHydration, uniqueEmail, uniqueMpn } from "./fixtures";
import { fillCustomerContact } from "./helpers";
import { DEMO_ACCOUNTS, SIGNED_OUT_PAGES, signInDemo, walkSignedIn } from "./walk";
import { startServer } from "./server";
import type { Page } from "@playwright/test";

const PHONE = { width: 390, height: 844 };


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
    for (const href of SIGNED_OUT_PAGES) {
      await visit(visitor, href, "signed out");
    }

    for (const email of DEMO_ACCOUNTS) {
      const context = await browser.newContext({ baseURL: server.url, viewport: PHONE, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await signInDemo(page, email);
      await walkSignedIn(
        page,
        (href) => visit(page, href, email),
        async () => {
          const { extra, culprit } = await overflow(page);
          if (extra > 0) wide.push(`${email} /customers (record open): +${extra} px, ${culprit}`);
        },
      );
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

  test("the menu folds on a phone, stays open on a desk, and reloads the page already shown", async ({ browser }) => {
    const signIn = async (viewport: { width: number; height: number }, mobile: boolean) => {
      const context = await browser.newContext({ baseURL: server.url, viewport, isMobile: mobile, hasTouch: mobile });
      const page = await context.newPage();
      await signInDemo(page, "anna@contoso-distribution.example");
      return { context, page, menu: page.getByRole("navigation", { name: "Main menu" }) };
    };

    // A phone: the entries hide behind "Main menu" until it is opened, and it folds again once
    // an entry is chosen.
    const phone = await signIn(PHONE, true);
    const fold = phone.menu.locator("summary");
    await expect(fold).toHaveText("Main menu");
    await expect(phone.menu.getByRole("link", { name: "Invitations" })).toBeHidden();
    await fold.click();
    await phone.menu.getByRole("link", { name: "Invitations" }).click();
    await expect(phone.page.getByRole("heading", { name: "Invitations", level: 1 })).toBeVisible();
    await expect(phone.menu.getByRole("link", { name: "Invitations" })).toBeHidden();
    await phone.context.close();

    // A desk: the entries are always there, the fold's name is not.
    const desk = await signIn({ width: 1366, height: 900 }, false);
    await expect(desk.menu.locator("summary")).toBeHidden();
    const entry = desk.menu.getByRole("link", { name: "Invitations" });
    await entry.click();
    await expect(desk.page.getByRole("heading", { name: "Invitations", level: 1 })).toBeVisible();
    await waitForHydration(desk.page);
    // A request made elsewhere (as a colleague would) appears when the entry is chosen again.
    const to = uniqueEmail("menu-reload");
    const headers = { Accept: "application/json", "Sec-Fetch-Site": "same-origin" };
    const made = await desk.page.request.post("/api/request_partnership", { headers, form: {} });
    expect(made.ok()).toBe(true);
    const { invitation_id } = await made.json();
    const named = await desk.page.request.post("/api/set_invitation_recipient", {
      headers,
      form: { id: invitation_id, email: to },
    });
    expect(named.ok()).toBe(true);
    await expect(desk.page.getByText(to)).toHaveCount(0);
    await entry.click();
    await expect(desk.page.getByRole("row", { name: new RegExp(to) })).toBeVisible();
    // At 1366 px every row's actions are on screen: the table does not scroll inside its box
    // (with eight columns Re-issue and Revoke sat 160 px past the window's edge).
    const fits = await desk.page.evaluate(() => {
      const wrap = document.querySelector("main .table-wrap") as HTMLElement;
      const buttons = [...wrap.querySelectorAll("button")].map((b) => b.getBoundingClientRect().right);
      return { scroll: wrap.scrollWidth - wrap.clientWidth, right: Math.max(...buttons), width: window.innerWidth };
    });
    expect(fits.scroll).toBe(0);
    expect(fits.right).toBeLessThanOrEqual(fits.width);
    await desk.context.close();
  });

  test("the New customer wizard fits a phone at every step", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url, viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signInDemo(page, "anna@contoso-distribution.example");
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
