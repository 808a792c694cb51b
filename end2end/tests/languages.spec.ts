// Turkish, Hungarian and Russian beside English (issue 17): chosen from the browser, switched on
// any page without scripts, remembered on the user, and each reader in their own language.
import { test, expect, waitForHydration, uniqueEmail, uniqueMpn } from "./fixtures";
import { enroll, newPartner, PASSWORD } from "./helpers";
import { startServer } from "./server";
import { strings, fill, englishOnly, type Lang } from "./strings";
import type { Browser, Page } from "@playwright/test";

const en = strings("en");

async function newBrowser(browser: Browser, options: { javaScriptEnabled?: boolean; locale?: string } = {}) {
  const context = await browser.newContext({ ...options, baseURL: test.info().project.use.baseURL });
  return { context, page: await context.newPage() };
}

test("a provider switches to Türkçe and runs W3 in Turkish", async ({ page }) => {
  const tr = strings("tr");
  // The seeds' words (000–002) for the labels on the way.
  expect(tr.menu_indirect_resellers).toBe("Dolaylı kurumsal bayiler");
  expect(tr.request_partnership).toBe("İş ortaklığı isteğinde bulun");
  expect(tr.cancel).toBe("İptal");
  expect(tr.done).toBe("Bitti");
  const provider = await enroll(page, "Indirect provider", "turkish");

  // The switch, at the foot of the page, names each language in itself.
  const footer = page.getByRole("contentinfo");
  for (const name of ["English", "Türkçe", "Magyar", "Русский"]) {
    await expect(footer.getByRole("button", { name })).toBeVisible();
  }
  await footer.getByRole("button", { name: "Türkçe" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "tr");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: fill(tr.welcome, { name: provider.name }) })).toBeVisible();
  await expect(footer.getByRole("button", { name: "Türkçe" })).toHaveAttribute("aria-current", "true");

  // W3: Indirect resellers → Request a partnership → the draft, in Turkish → Done.
  await page.getByRole("navigation", { name: tr.main_menu }).getByRole("link", { name: tr.menu_indirect_resellers }).click();
  await page.getByRole("button", { name: tr.request_partnership }).click();
  await expect(page.getByRole("heading", { name: tr.draft_title })).toBeVisible();
  await expect(page.getByLabel(tr.draft_subject)).toHaveValue(fill(tr.draft_partnership_subject, { provider: provider.orgName }));
  const link = (await page.locator("code.link").textContent()) ?? "";
  await expect(page.getByLabel(tr.draft_message)).toHaveValue(new RegExp(link.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")));
  // The sender writes to a Hungarian reseller in Hungarian: the text changes, the link stays.
  await page.getByLabel(tr.draft_language).selectOption({ label: "Magyar" });
  await expect(page.getByLabel(tr.draft_subject)).toHaveValue(fill(strings("hu").draft_partnership_subject, { provider: provider.orgName }));
  await expect(page.getByLabel(tr.draft_message)).toHaveValue(new RegExp(link.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")));
  await page.getByRole("button", { name: tr.done }).click();
  await expect(page.getByText(tr.no_resellers)).toBeVisible();
});

test("a Hungarian browser opens a customer link and accepts in Hungarian with JavaScript disabled", async ({ page, browser }) => {
  const hu = strings("hu");
  const reseller = await enroll(page, "Indirect reseller", "hulink");
  await page.getByRole("navigation", { name: en.main_menu }).getByRole("link", { name: en.menu_customers }).click();
  await page.getByRole("link", { name: en.request_relationship }).click();
  await page.getByRole("button", { name: en.create_link }).click();
  await expect(page.getByRole("heading", { name: en.draft_title })).toBeVisible();
  const link = (await page.locator("code.link").textContent()) ?? "";

  const { context, page: c } = await newBrowser(browser, { javaScriptEnabled: false, locale: "hu-HU" });
  await c.goto(link);
  await expect(c.locator("html")).toHaveAttribute("lang", "hu");
  await expect(c.getByRole("heading", { name: fill(hu.invite_relationship_title, { name: reseller.orgName }) })).toBeVisible();
  const n = uniqueMpn();
  const name = "Kovács Ödön";
  const orgName = `Ödön Könyvelő ${n} Kft.`;
  const section = c.getByRole("region", { name: hu.create_customer_account });
  await section.getByLabel(hu.company_name).fill(orgName);
  await section.getByLabel(hu.primary_domain).fill(`odon-${n}`);
  await section.getByLabel(hu.your_name).fill(name);
  await section.getByLabel(hu.email).fill(uniqueEmail("odon"));
  await section.getByLabel(hu.password, { exact: true }).fill(PASSWORD);
  await section.getByRole("button", { name: hu.create_account }).click();
  await expect(c.getByText(fill(hu.answer_as, { user: name, org: orgName }))).toBeVisible();
  // Accept without the Customer Agreement: refused in Hungarian; then with it.
  await c.getByRole("button", { name: hu.accept, exact: true }).click();
  await expect(c.getByText(hu.err_agreement_required)).toBeVisible();
  await c.getByLabel(hu.agree_customer_agreement).check();
  await c.getByRole("button", { name: hu.accept, exact: true }).click();
  await expect(c.getByRole("heading", { name: hu.partners_title, level: 1 })).toBeVisible();
  await expect(c.getByText(hu.accepted_notice)).toBeVisible();
  await context.close();
});

test("a Russian user's choice survives signing out and follows them to another browser", async ({ page, browser }) => {
  const ru = strings("ru");
  const user = await enroll(page, "Indirect provider", "russian");
  await page.getByRole("contentinfo").getByRole("button", { name: "Русский" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await waitForHydration(page);
  await page.getByRole("button", { name: ru.sign_out }).click();
  // Signed out, this browser keeps the choice (its cookie).
  await expect(page.getByRole("heading", { name: ru.sign_in_title })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");

  // Another browser, in English: the sign-in page is English until the user signs in.
  const { context, page: other } = await newBrowser(browser, { locale: "en-US" });
  await other.goto("/sign-in");
  await expect(other.locator("html")).toHaveAttribute("lang", "en");
  await waitForHydration(other);
  await other.getByLabel(en.email).fill(user.email);
  await other.getByLabel(en.password, { exact: true }).fill(user.password);
  await other.getByRole("button", { name: en.sign_in }).click();
  await expect(other.getByRole("heading", { name: fill(ru.welcome, { name: user.name }) })).toBeVisible();
  await expect(other.locator("html")).toHaveAttribute("lang", "ru");
  await context.close();
});

// Every page reachable from the menu, for each role, in each language: no text of the English
// table may show (a term both languages share is no leak). Runs on a server with the demo data.
test.describe("no English left", () => {
  let server: { url: string; stop: () => void };
  test.beforeAll(async () => {
    server = await startServer(3111, {}, { demo: true });
  });
  test.afterAll(() => server.stop());

  const accounts = [
    "anna@contoso-distribution.example", // provider, Global admin
    "lena@fabrikam-solutions.example", // reseller, Global admin
    "eszter@adatum.example", // customer, Global admin
    "operator@tierlink.example", // operator
  ];

  for (const lang of ["tr", "hu", "ru"] as Lang[]) {
    test(`every page in ${lang}`, async ({ browser }) => {
      test.setTimeout(120_000);
      const t = strings(lang);
      const english = new Set(englishOnly(lang));
      const leaks: string[] = [];
      for (const email of accounts) {
        const context = await browser.newContext({ baseURL: server.url, locale: "en-US" });
        await context.addCookies([{ name: "tierlink_lang", value: lang, url: server.url }]);
        const page = await context.newPage();
        await page.goto("/sign-in");
        await waitForHydration(page);
        await check(page, english, leaks);
        await page.getByLabel(t.email).fill(email);
        await page.getByLabel(t.password, { exact: true }).fill("tierlink-demo");
        await page.getByRole("button", { name: t.sign_in }).click();
        await expect(page.getByRole("navigation", { name: t.main_menu })).toBeVisible();
        const hrefs = await page
          .getByRole("navigation", { name: t.main_menu })
          .getByRole("link")
          .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
        for (const href of [...new Set(hrefs), "/directory", "/customer-agreement"]) {
          await page.goto(href);
          await waitForHydration(page);
          await expect(page.locator("html")).toHaveAttribute("lang", lang);
          await check(page, english, leaks, `${email} ${href}`);
        }
        await context.close();
      }
      expect(leaks, `English on ${lang} pages`).toEqual([]);
    });
  }
});

/** Adds every visible text, label and title of the page that is an English-only string. */
async function check(page: Page, english: Set<string>, leaks: string[], where = page.url()) {
  const texts: string[] = await page.evaluate(() => {
    const out: string[] = document.title.split(" · ");
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (parent && !["SCRIPT", "STYLE", "TEMPLATE"].includes(parent.tagName)) out.push(n.textContent ?? "");
    }
    for (const el of document.querySelectorAll("[aria-label],[placeholder],[title],[alt]")) {
      for (const a of ["aria-label", "placeholder", "title", "alt"]) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out.map((s) => s.trim()).filter((s) => s.length > 0);
  });
  for (const text of texts) {
    if (english.has(text)) leaks.push(`${where}: ${JSON.stringify(text)}`);
  }
}
