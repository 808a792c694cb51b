import { test, expect, waitForHydration } from "./fixtures";

test("health check answers ok", async ({ request }) => {
  const res = await request.get("/healthz");
  expect(res.ok()).toBe(true);
  expect(await res.text()).toContain("ok");
});

test("sign-in page renders and hydrates", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await waitForHydration(page);
});
