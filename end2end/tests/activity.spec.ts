import { readFile } from "node:fs/promises";
import { test, expect } from "./fixtures";
import { enroll, menu } from "./helpers";

test("a provider filters its activity log, keeps the filter in the URL, and exports exactly those entries", async ({
  page,
}) => {
  const provider = await enroll(page, "Indirect provider", "activity");
  // Something to filter: a user added.
  await menu(page).getByRole("link", { name: "Users" }).click();
  const addForm = page.getByRole("region", { name: "Add user" });
  const email = `anna-${provider.mpn}@example.com`;
  await addForm.getByLabel("Name").fill("Anna Kovács");
  await addForm.getByLabel("Email").fill(email);
  await addForm.getByLabel("Sales agent").check();
  await addForm.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByTestId("temporary-password")).toBeVisible();

  await menu(page).getByRole("link", { name: "Activity log" }).click();
  await expect(page.getByText("the application never deletes them")).toBeVisible();
  const filters = page.getByRole("search", { name: "Filter the activity log" });
  await filters.getByLabel("Kind of activity").selectOption({ label: "added a user" });
  await filters.getByLabel("User").selectOption({ label: provider.name });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/kind=user\.added/);
  const rows = page.getByRole("row");
  await expect(rows).toHaveCount(2); // the header and the one entry
  await expect(rows.nth(1)).toContainText(email);

  // Bookmarkable: the same URL opened anew shows the same filter and entries.
  await page.reload();
  await expect(filters.getByLabel("Kind of activity")).toHaveValue("user.added");
  await expect(page.getByRole("row")).toHaveCount(2);

  // A range that ends before it starts is answered at the field.
  await filters.getByLabel("From").fill("2026-12-05");
  await filters.getByLabel("To").fill("2026-12-04");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(filters.getByLabel("To")).toHaveAttribute("aria-invalid", "true");
  await expect(filters.getByText("The end date is before the start date.")).toBeVisible();
  await expect(filters.getByLabel("Kind of activity")).toHaveValue("user.added"); // nothing lost
  await filters.getByLabel("From").fill("");
  await filters.getByLabel("To").fill("");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("row")).toHaveCount(2);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^activity-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile((await download.path()) as string, "utf8");
  expect(text.startsWith("\ufeff")).toBe(true);
  const lines = text.slice(1).split("\r\n").filter((l) => l !== "");
  expect(lines[0]).toBe("at_utc,time_zone,at_local,user,kind,kind_text,organization,details");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,${provider.name},user.added,added a user,${provider.orgName},${email}`);
});
