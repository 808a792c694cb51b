// Issue 19, item 4: a page rendered on the server carries its data into the hydrating page, so
// loading it directly makes no server-function call after the wasm starts.
import { type Page } from "@playwright/test";
import { test, expect, waitForHydration } from "./fixtures";
import { enroll } from "./helpers";

/** Loads `path` directly and returns the server-function calls made until a moment after hydration. */
async function callsOnFirstLoad(page: Page, path: string): Promise<string[]> {
  const calls: string[] = [];
  const listen = (r: { url(): string }) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith("/api/")) calls.push(url.pathname);
  };
  page.on("request", listen);
  await page.goto(path);
  await waitForHydration(page);
  // Effects that would fetch run right after hydration; give them time to show.
  await page.waitForTimeout(500);
  page.off("request", listen);
  return calls;
}

test("Home, Customers and an invitation page make no server call on first load", async ({ page, browser }) => {
  await enroll(page, "Indirect provider", "firstload");
  expect(await callsOnFirstLoad(page, "/")).toEqual([]);
  expect(await callsOnFirstLoad(page, "/customers")).toEqual([]);
  // The same watch does see calls: going to another page inside the app fetches its data.
  const later: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/")) later.push(r.url());
  });
  await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Invitations" }).click();
  await expect(page.getByRole("heading", { name: "Invitations", level: 1 })).toBeVisible();
  expect(later.length).toBeGreaterThan(0);

  await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Indirect resellers" }).click();
  await page.getByRole("button", { name: "Request a partnership" }).click();
  const link = (await page.locator("code.link").textContent()) ?? "";
  expect(link).toMatch(/\/invite\//);
  const visitor = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const v = await visitor.newPage();
  expect(await callsOnFirstLoad(v, new URL(link).pathname)).toEqual([]);
  await visitor.close();
});
