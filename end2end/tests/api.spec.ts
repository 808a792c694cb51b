import { test, expect } from "./fixtures";
import { enroll, menu } from "./helpers";

// Issue 22: a Global admin makes an API token, sees its secret once, and a script uses it.
test("a Global admin makes an API token, a script invites with it, and revoking it stops the script", async ({
  page,
  allowConsole,
}) => {
  await enroll(page, "Indirect provider", "apitoken");
  await menu(page).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  await expect(page.getByText("No tokens yet.")).toBeVisible();

  const form = page.getByRole("region", { name: "Create a token" });
  // Nothing chosen: each field says what it needs.
  allowConsole(/422/);
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Choose at least one role.")).toBeVisible();

  await form.getByLabel("Name").fill("CRM sync");
  await form.getByLabel("Global admin").check();
  await form.getByLabel("Expires after (days)").fill("30");
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("heading", { name: "Copy the secret now" })).toBeVisible();
  const secret = ((await page.getByTestId("api-token-secret").textContent()) ?? "").trim();
  expect(secret).toMatch(/^tl_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole("row").filter({ hasText: "CRM sync" });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Never");
  await expect(page.getByRole("table")).not.toContainText(secret);

  // A script on the partner's side: plain fetch with the token, no cookie.
  const made = await page.evaluate(async (secret) => {
    const r = await fetch("/api/v1/invitations", {
      method: "POST",
      credentials: "omit",
      headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
      body: JSON.stringify({ kind: "reseller_relationship", delegated_admin: true }),
    });
    return { status: r.status, body: await r.json() };
  }, secret);
  expect(made.status).toBe(201);
  expect(made.body.link).toContain("/invite/");

  // The invitation is on the Invitations page, sent by the token.
  await menu(page).getByRole("link", { name: "Invitations" }).click();
  await expect(page.getByRole("row").filter({ hasText: "API token «CRM sync»" })).toHaveCount(1);

  // Back on API tokens: the secret is gone for good, the use is recorded.
  await menu(page).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByTestId("api-token-secret")).toHaveCount(0);
  await expect(row).not.toContainText("Never");

  // Revoke, after a confirmation that says what happens.
  await row.getByRole("button", { name: "Revoke CRM sync" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Revoke token «CRM sync»?" });
  await expect(dialog).toContainText("refused from their next call");
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("Token «CRM sync» is revoked.")).toBeVisible();
  await expect(row).toContainText("Revoked");

  // The script's next call is refused, as a problem document.
  allowConsole(/401/);
  const refused = await page.evaluate(async (secret) => {
    const r = await fetch("/api/v1/invitations", {
      credentials: "omit",
      headers: { Authorization: `Bearer ${secret}` },
    });
    return { status: r.status, type: r.headers.get("content-type"), body: await r.json() };
  }, secret);
  expect(refused.status).toBe(401);
  expect(refused.type).toBe("application/problem+json");
  expect(refused.body.code).toBe("token_required");
});

test("the API reference shows every call, from the instance itself", async ({ page }) => {
  const outside: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith("http://127.0.0.1")) outside.push(r.url());
  });
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: /Tierlink API/ })).toBeVisible();
  // Operations grouped by tag, e.g. creating an invitation and changing a subscription.
  await expect(page.getByText("/api/v1/invitations", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("/api/v1/customers/{id}/subscriptions/{subscription}", { exact: true }).first()).toBeVisible();
  expect(outside, "no CDN or other host is asked for anything").toEqual([]);
});
