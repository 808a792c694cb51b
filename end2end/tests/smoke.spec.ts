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

test("the wasm arrives precompressed, under hashed names, kept for a year", async ({ page }) => {
  // The main module and the page's chunks (the wasm is split by page group), in whatever order
  // the browser asks for them.
  const wasm: { path: string; headers: Promise<Record<string, string>> }[] = [];
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith(".wasm")) wasm.push({ path, headers: r.allHeaders() });
  });
  await page.goto("/sign-in");
  await waitForHydration(page);
  expect(wasm.filter((w) => /^\/pkg\/tierlink\.[A-Za-z0-9_-]{16,}\.wasm$/.test(w.path))).toHaveLength(1);
  expect(wasm.length).toBeGreaterThan(1);
  for (const w of wasm) {
    expect(w.path).toMatch(/^\/pkg\/[A-Za-z0-9_]+\.[A-Za-z0-9_-]{16,}\.wasm$/);
    const headers = await w.headers;
    expect(headers["content-encoding"], w.path).toBe("br");
    expect(headers["cache-control"], w.path).toBe("public, max-age=31536000, immutable");
  }
  // The page itself is never stored.
  const html = await page.request.get("/sign-in");
  expect(html.headers()["cache-control"]).toBe("no-store");
});
