import { test, expect, gotoHydrated, waitForHydration } from "./fixtures";
import { enroll, fillEnrollment, newPartner, signIn } from "./helpers";
import { startServer } from "./server";
import type { Browser, Page } from "@playwright/test";

/** The provider presses Request a partnership and gets the draft; returns the link. */
async function requestPartnership(page: Page): Promise<string> {
  await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Indirect resellers" }).click();
  await page.getByRole("button", { name: "Request a partnership" }).click();
  await expect(page.getByRole("heading", { name: "Draft email" })).toBeVisible();
  const link = (await page.locator("code.link").textContent()) ?? "";
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link;
}

async function newReseller(browser: Browser, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled, baseURL: test.info().project.use.baseURL });
  return { context, page: await context.newPage() };
}

test("a provider requests a partnership, a new reseller enrolls through the link and accepts", async ({ page, browser }) => {
  const provider = await enroll(page, "Indirect provider", "provider");
  const link = await requestPartnership(page);

  // The draft: subject and body prefilled with the link; Open in email is a mailto: with both.
  const body = page.getByLabel("Message");
  await expect(body).toHaveValue(new RegExp(link.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")));
  await expect(page.getByLabel("Subject")).toHaveValue(`${provider.orgName} invites you to become its indirect reseller`);
  await page.getByLabel("To").fill("reseller@example.com");
  const href = (await page.getByRole("link", { name: "Open in email" }).getAttribute("href")) ?? "";
  expect(href.startsWith("mailto:reseller@example.com?subject=")).toBe(true);
  expect(decodeURIComponent(href.split("&body=")[1])).toContain(`\r\n${link}\r\n`);

  // Copy to clipboard (the message), read back from the clipboard; then the link alone.
  await page.getByRole("button", { name: "Copy to clipboard" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied to clipboard." })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(link);
  expect(copied).toContain(`${provider.orgName} invites you to become its indirect reseller`);
  await page.getByRole("button", { name: "Copy the link only" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Link copied to clipboard." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // Editing the link away warns before Done.
  const original = await body.inputValue();
  await body.fill(original.replace(link, "(link removed)"));
  await expect(page.getByText("The message no longer contains the personalized link.")).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("Select the button again to continue without the link.")).toBeVisible();
  await body.fill(original);
  await expect(page.getByText("The message no longer contains the personalized link.")).toBeHidden();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("No indirect resellers yet.")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "The request is saved." })).toBeVisible();

  // The reseller, in another browser, opens the link: who asks, then enrolls on the spot.
  const { context, page: r } = await newReseller(browser);
  await r.goto(link);
  await expect(r.getByRole("heading", { name: `${provider.orgName} asks you to become its indirect reseller` })).toBeVisible();
  // Who asks, in detail, is behind its summary (the decision leads the page).
  await r.locator("summary", { hasText: "Who asks" }).click();
  await expect(r.getByText(provider.mpn)).toBeVisible();
  await waitForHydration(r);
  const reseller = newPartner("reseller");
  const enrollSection = r.getByRole("region", { name: "New to Tierlink? Enroll as an indirect reseller" });
  await enrollSection.getByLabel("Legal name").fill(reseller.orgName);
  await enrollSection.getByLabel("Country").selectOption({ label: "Germany" });
  await enrollSection.getByLabel("MPN ID").fill(reseller.mpn);
  await enrollSection.getByLabel("Your name").fill(reseller.name);
  await enrollSection.getByLabel("Email").fill(reseller.email);
  await enrollSection.getByLabel("Password", { exact: true }).fill(reseller.password);
  await enrollSection.getByRole("button", { name: "Enroll" }).click();

  // Back on the invitation, signed in: authorize and accept.
  await expect(r.getByText(`You answer as ${reseller.name} of ${reseller.orgName}`, { exact: true })).toBeVisible();
  await r.getByLabel(`I authorize ${provider.orgName} as my indirect provider`).check();
  await r.getByRole("button", { name: "Accept" }).click();
  await expect(r.getByRole("heading", { name: "Indirect providers", level: 1 })).toBeVisible();
  await expect(r.getByRole("status").filter({ hasText: "You accepted the partnership." })).toBeVisible();
  await expect(r.getByRole("row", { name: new RegExp(provider.orgName) })).toContainText(provider.mpn);
  await context.close();

  // The provider's list shows the reseller; the Invitations page shows the request accepted.
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(reseller.orgName) })).toContainText(reseller.mpn);
  await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Invitations" }).click();
  await expect(page.getByRole("row").nth(1)).toContainText("Accepted");
  // The To address of the draft was kept with the request.
  await expect(page.getByRole("row").nth(1)).toContainText("reseller@example.com");

  // Remove partnership: the confirmation says what it means; Yes removes it.
  await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Indirect resellers" }).click();
  await page.getByRole("button", { name: `Remove partnership ${reseller.orgName}` }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByRole("heading")).toHaveText(`Remove the partnership with ${reseller.orgName}?`);
  await expect(dialog).toContainText("Customers associated to the indirect reseller will not be removed.");
  await expect(dialog).toContainText("made in good faith, for a legitimate business purpose");
  await expect(dialog).toContainText("This tool does not generate notice to the customer or partner.");
  // W5's seed names the button Yes; the way out says what it keeps.
  await expect(dialog.getByRole("button", { name: "Keep the partnership" })).toBeVisible();
  await dialog.getByRole("button", { name: "Yes" }).click();
  await expect(page.getByText("Partnership removed.")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(reseller.orgName) })).toHaveCount(0);
});

test("an existing reseller accepts with JavaScript disabled", async ({ page, browser }) => {
  const provider = await enroll(page, "Indirect provider", "provider");
  const link = await requestPartnership(page);

  // The reseller enrolls first, in a browser without JavaScript.
  const { context, page: r } = await newReseller(browser, false);
  const reseller = newPartner("nojsreseller");
  await r.goto("/enroll");
  await fillEnrollment(r, "Indirect reseller", reseller);
  await expect(r.getByRole("heading", { name: `Welcome, ${reseller.name}` })).toBeVisible();

  await r.goto(link);
  await expect(r.getByRole("heading", { name: `${provider.orgName} asks you to become its indirect reseller` })).toBeVisible();
  // Accept without ticking the box: the page says why, nothing happens.
  await r.getByRole("button", { name: "Accept" }).click();
  await expect(r.getByText("Tick the box to authorize the indirect provider.")).toBeVisible();
  await r.getByLabel(`I authorize ${provider.orgName} as my indirect provider`).check();
  await r.getByRole("button", { name: "Accept" }).click();
  await expect(r.getByRole("heading", { name: "Indirect providers", level: 1 })).toBeVisible();
  await expect(r.getByRole("row", { name: new RegExp(provider.orgName) })).toBeVisible();

  // The link is used now, and says so.
  await r.goto(link);
  await expect(r.getByRole("heading", { name: "This link was already used" })).toBeVisible();
  await expect(r.getByText(`Ask ${provider.orgName} for a new link.`)).toBeVisible();
  await context.close();
});

test("an unknown link gets a neutral page", async ({ page, allowConsole }) => {
  allowConsole(/status of 404/);
  await page.goto(`/invite/${"x".repeat(43)}`);
  await expect(page.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
});

test("an expired link says so and whom to ask", async ({ browser }) => {
  const server = await startServer(3101, { TIERLINK_INVITATION_SECONDS: "2" });
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    const provider = await enroll(page, "Indirect provider", "expiring");
    const link = await requestPartnership(page);
    await page.waitForTimeout(2500);
    await gotoHydrated(page, link);
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
    await expect(page.getByText(`Ask ${provider.orgName} for a new link.`)).toBeVisible();
    await context.close();
  } finally {
    server.stop();
  }
});

test("the directory lists an enrolled provider at once, marked not verified, searchable by country", async ({ page }) => {
  const provider = await enroll(page, "Indirect provider", "listed");
  await expect(page.getByRole("heading", { name: "Your directory profile" })).toBeVisible();
  await expect(page.getByText("To change it, contact the operator of this portal.")).toBeVisible();
  await page.goto("/directory");
  await page.getByLabel("Country served").selectOption({ label: "Hungary" });
  await page.getByLabel("Name contains").fill(provider.orgName);
  await page.getByRole("button", { name: "Search" }).click();
  const card = page.getByRole("article", { name: provider.orgName });
  await expect(card).toBeVisible();
  await expect(card.getByText("Not verified")).toBeVisible();
  await expect(card).toContainText("has not yet checked that this provider is who it says it is");
  await page.getByLabel("Country served").selectOption({ label: "Japan" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No indirect provider matches.")).toBeVisible();
});

test("a pending request is revoked after confirmation, and its link says so", async ({ page }) => {
  const provider = await enroll(page, "Indirect provider", "revoker");
  const link = await requestPartnership(page);
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Invitations" }).click();
  const row = page.getByRole("row").nth(1);
  await expect(row).toContainText("Pending");
  await row.getByRole("button", { name: /^Revoke/ }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("The link stops working at once");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await row.getByRole("button", { name: /^Revoke/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke the request" }).click();
  await expect(page.getByText("Request revoked: its link no longer works.")).toBeVisible();
  await expect(page.getByRole("row").nth(1)).toContainText("Revoked");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This link was withdrawn" })).toBeVisible();
  await expect(page.getByText(`Ask ${provider.orgName} for a new link.`)).toBeVisible();
});
