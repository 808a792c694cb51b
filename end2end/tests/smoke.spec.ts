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

test("the wasm arrives precompressed, under a hashed name, kept for a year", async ({ page }) => {
  const wasm = page.waitForResponse((r) => r.url().endsWith(".wasm"));
  await page.goto("/sign-in");
  const res = await wasm;
  expect(new URL(res.url()).pathname).toMatch(/^\/pkg\/tierlink\.[A-Za-z0-9_-]{16,}\.wasm$/);
  const headers = await res.allHeaders();
  expect(headers["content-encoding"]).toBe("br");
  expect(headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  await waitForHydration(page);
  // The page itself is never stored.
  const html = await page.request.get("/sign-in");
  expect(html.headers()["cache-control"]).toBe("no-store");
});
