// Home (issue 20): what needs attention and a new organization's next steps, each with the
// button that deals with it, and the Invitations page's empty state — clicked as a user would.
import { test, expect, waitForHydration } from "./fixtures";
import { enroll, linkOfDraft, menu } from "./helpers";
import { signInDemo } from "./walk";
import { startServer } from "./server";

test("a new provider follows its next steps from Home, and each step goes once taken", async ({ page }) => {
  await enroll(page, "Indirect provider", "steps");
  await expect(page.getByRole("region", { name: "Needs your attention" })).toContainText(
    "Nothing needs your attention now.",
  );
  const steps = page.getByRole("region", { name: "Next steps" });
  await expect(steps.getByRole("listitem")).toHaveCount(3);
  await expect(steps.getByRole("link", { name: "Add new customer" })).toBeVisible();
  await expect(steps.getByRole("link", { name: "Add user" })).toBeVisible();

  // Invitations, empty: it says where requests are made, with the buttons.
  await menu(page).getByRole("link", { name: "Invitations" }).click();
  await expect(page.getByText("No requests sent yet.")).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Request a partnership" }).click();
  await expect(page.getByRole("heading", { name: "Indirect resellers", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Request a partnership" }).click();
  await linkOfDraft(page);
  await page.getByRole("button", { name: "Done" }).click();

  await menu(page).getByRole("link", { name: "Home" }).click();
  const attention = page.getByRole("region", { name: "Needs your attention" });
  await expect(attention).toContainText("1 request you sent is waiting for an answer.");
  await expect(steps.getByRole("listitem")).toHaveCount(2);
  await expect(steps).not.toContainText("Request a partnership with an indirect reseller");
  await attention.getByRole("link", { name: "See pending requests" }).click();
  await expect(page.getByRole("heading", { name: "Invitations", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/invitations\?state=pending$/);
  await expect(page.getByLabel("Status")).toHaveValue("pending");
});

test.describe("Home on the demo data", () => {
  let server: { url: string; stop: () => void };
  test.beforeAll(async () => {
    server = await startServer(3114, {}, { demo: true });
  });
  test.afterAll(() => server.stop());

  test("the provider sees the request about to expire and the customers it cannot manage", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signInDemo(page, "anna@contoso-distribution.example");
    const attention = page.getByRole("region", { name: "Needs your attention" });
    await expect(attention).toContainText("2 requests you sent are waiting for an answer.");
    await expect(attention).toContainText("1 of them expires within 3 days");
    await expect(attention).toContainText("have not given you delegated admin permissions");
    // The customer named there opens its account.
    const named = attention.locator("ul.named a").first();
    const name = (await named.textContent()) ?? "";
    await named.click();
    await expect(page.getByRole("heading", { name: `${name} — Account`, level: 1 })).toBeVisible();
    await context.close();
  });

  test("a reseller without providers is sent to the directory", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await signInDemo(page, "zsofia@northwind.example");
    const steps = page.getByRole("region", { name: "Next steps" });
    await expect(steps).toContainText("Find your indirect providers in the directory.");
    await steps.getByRole("link", { name: "Open the directory" }).click();
    await waitForHydration(page);
    await expect(page).toHaveURL(/\/directory$/);
  });
});
