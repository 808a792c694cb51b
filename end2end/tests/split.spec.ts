// Issue 19, item 1: the wasm is split by page (app/src/pages/split.rs). A page loads the main
// module and its own chunks, not the whole application; another page's chunk comes when the
// reader goes there; a chunk that cannot be loaded leaves a notice with a way to reload, never a
// page that silently stopped answering.
import { type Page } from "@playwright/test";
import { test, expect, waitForHydration } from "./fixtures";
import { enroll, menu, requestRelationship } from "./helpers";

/** The wasm files the page fetches from now on (their names, without the content hash). */
function wasmRequests(page: Page): string[] {
  const names: string[] = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith(".wasm")) names.push(path.replace(/^\/pkg\//, ""));
  });
  return names;
}

test("an invitation page hydrates on its own chunks; another page's chunk comes on the way there", async ({
  page,
  browser,
}) => {
  await enroll(page, "Indirect reseller", "split");
  const link = await requestRelationship(page);

  // A visitor with nothing cached opens the link.
  const visitor = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const v = await visitor.newPage();
  const loaded = wasmRequests(v);
  await v.goto(new URL(link).pathname);
  await waitForHydration(v);
  // The main module and the invitation page's own group; none of the other groups' code.
  expect(loaded.filter((n) => n.startsWith("tierlink."))).toHaveLength(1);
  expect(loaded.some((n) => n.startsWith("split_invitation_pages"))).toBe(true);
  expect(loaded.filter((n) => /^split_(visitor|customer|work)_pages/.test(n))).toEqual([]);
  // …and the hydrated page answers: the domain is checked as it is typed.
  const section = v.getByRole("region", { name: "New to Tierlink? Create your customer account" });
  await section.getByLabel("Primary domain").pressSequentially("split-check-free");
  await expect(section.getByText("split-check-free.tierlink.example is available.")).toBeVisible();
  const onInvitation = loaded.length;

  // Sign-in is in another group: its chunk was not loaded before, and comes now.
  await v.goto("/sign-in");
  await waitForHydration(v);
  expect(loaded.slice(onInvitation).some((n) => n.startsWith("split_visitor_pages"))).toBe(true);
  await visitor.close();
});

test("pages reached inside the app load their chunks and work", async ({ page }) => {
  const p = await enroll(page, "Indirect provider", "splitnav");
  const loaded = wasmRequests(page);
  // Customers and the pages around a customer are a group of their own, fetched on the first visit.
  await menu(page).getByRole("link", { name: "Customers", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
  expect(loaded.some((n) => n.startsWith("split_customer_pages"))).toBe(true);
  // The pages answer after the client-side navigation: the search finds nothing.
  await page.getByLabel("Search customers").fill("no such customer");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No customer matches.")).toBeVisible();
  // The other pages, back and forth between the groups.
  for (const [item, heading] of [
    ["Invitations", "Invitations"],
    ["Activity log", "Activity log"],
    ["Customers", "Customers"],
    ["Users", "Users"],
    ["Home", `Welcome, ${p.name}`],
  ]) {
    await menu(page).getByRole("link", { name: item, exact: true }).click();
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  }
});

test("a chunk that cannot be loaded leaves a notice with a reload link", async ({ page, allowConsole }) => {
  // The panic and the failed fetch are what this test provokes.
  allowConsole(/failed|panicked|unreachable|Failed to load resource|net::ERR_FAILED/i);
  const p = await enroll(page, "Indirect provider", "splitfail");
  await waitForHydration(page);
  // The network drops (or the deploy changed) before the reader opens another page.
  await page.route(/\.wasm$/, (route) => route.abort());
  await menu(page).getByRole("link", { name: "Customers", exact: true }).click();
  const notice = page.getByRole("alert").filter({ hasText: "Part of this page could not be loaded" });
  await expect(notice).toBeVisible();
  // Back online, the link loads the page shown (Home: the navigation never happened) anew, and
  // the way to Customers works.
  await page.unroute(/\.wasm$/);
  await notice.getByRole("link", { name: "Reload the page" }).click();
  await waitForHydration(page);
  await expect(notice).toHaveCount(0);
  await expect(page.getByRole("heading", { name: `Welcome, ${p.name}`, level: 1 })).toBeVisible();
  await menu(page).getByRole("link", { name: "Customers", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
});
