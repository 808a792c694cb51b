import { test, expect, waitForHydration } from "./fixtures";
import { acceptAsCustomer, createCustomer, enroll, newBrowser, newCustomer, requestRelationship } from "./helpers";

test("a reseller with the portal open sees the bell rise when its customer accepts, and follows the notification", async ({
  page,
  browser,
}) => {
  await enroll(page, "Indirect reseller", "bell");
  const link = await requestRelationship(page);
  const bell = page.getByRole("link", { name: /^Notifications, / });
  await expect(bell).toHaveAccessibleName("Notifications, none unread");

  // The customer accepts in another browser; the reseller's page is not reloaded.
  const { context, page: c } = await newBrowser(browser);
  await c.goto(link);
  await waitForHydration(c);
  const customer = newCustomer("Bell");
  await createCustomer(c, customer, false);
  await acceptAsCustomer(c);
  await context.close();

  await expect(bell).toHaveAccessibleName("Notifications, 1 unread", { timeout: 10_000 });
  await expect(page.getByTestId("bell-count")).toHaveText("1");
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();

  await bell.click();
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  const item = page
    .getByRole("listitem")
    .filter({ hasText: `${customer.orgName} accepted your reseller relationship request` });
  await expect(item).toContainText("New");
  await expect(item).toContainText(`By ${customer.name}`);
  // Opening the page read it.
  await expect(bell).toHaveAccessibleName("Notifications, none unread");
  await expect(page.getByTestId("bell-count")).toHaveCount(0);

  await item.getByRole("link").click();
  await expect(page.getByRole("heading", { name: `${customer.orgName} — Account`, level: 1 })).toBeVisible();

  // Back on Notifications it is no longer new; Mark all as read confirms.
  await bell.click();
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  await expect(item).not.toContainText("New");
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("status")).toHaveText("All notifications are marked as read.");
});
