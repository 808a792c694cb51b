import { test, expect, gotoHydrated } from "./fixtures";
import { enroll } from "./helpers";

// Only in the two-instance run (E2E_POSTGRES): the pages are served by two instances on one
// PostgreSQL database, the proxy alternating the browser's requests between them.
test.skip(!process.env.E2E_POSTGRES, "two instances run only on PostgreSQL (E2E_POSTGRES)");

test("a partner's pages, served by two instances in turn, keep the session and every change", async ({ page }) => {
  const answeredBy = new Set<string>();
  page.on("response", (r) => {
    const instance = r.headers()["x-tierlink-instance"];
    if (instance) answeredBy.add(instance);
  });
  const p = await enroll(page, "Indirect provider", "twin");
  for (const path of ["/users", "/", "/activity", "/users"]) {
    await gotoHydrated(page, path);
    // Signed in on whichever instance answered: the menu is the signed-in one.
    await expect(page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Users" })).toBeVisible();
  }
  await gotoHydrated(page, "/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await expect(page.getByRole("main").getByText(p.email)).toBeVisible();
  expect([...answeredBy].sort()).toEqual(["1", "2"]);
});
