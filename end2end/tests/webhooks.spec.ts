import * as crypto from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { test, expect } from "./fixtures";
import { enroll, menu } from "./helpers";

type Got = { headers: http.IncomingHttpHeaders; body: string };

/** A partner's receiver on this machine: records each POST and answers 200. */
async function receiver(): Promise<{ url: string; got: Got[]; close: () => void }> {
  const got: Got[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      got.push({ headers: req.headers, body });
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, got, close: () => server.close() };
}

/** Verifies a delivery as the Standard Webhooks libraries do. */
function verifies(secret: string, d: Got): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signed = `${d.headers["webhook-id"]}.${d.headers["webhook-timestamp"]}.${d.body}`;
  const expected = crypto.createHmac("sha256", key).update(signed).digest("base64");
  return String(d.headers["webhook-signature"])
    .split(" ")
    .some((s) => s === `v1,${expected}`);
}

// Issue 22: a Global admin registers an endpoint, sees its secret once, sends a test event that
// arrives signed, reads the delivery log, redelivers, rotates the secret, and removes the
// endpoint.
test("a Global admin adds a webhook endpoint, a signed test event reaches it, and it is removed", async ({
  page,
  allowConsole,
}) => {
  test.setTimeout(60_000);
  const hook = await receiver();
  try {
    await enroll(page, "Indirect provider", "webhooks");
    await menu(page).getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await expect(page.getByText("No endpoints yet.")).toBeVisible();

    const form = page.getByRole("region", { name: "Add an endpoint" });
    // Nothing filled in: each field says what it needs.
    allowConsole(/422/);
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(form.getByLabel("Address (URL)")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByText("Choose at least one event.")).toBeVisible();
    // An address on a private network is refused at the field.
    await form.getByLabel("Address (URL)").fill("https://10.0.0.7/hook");
    await form.getByLabel("A customer was created").check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(form.getByText("This address is on a private or local network.")).toBeVisible();

    await form.getByLabel("Address (URL)").fill(hook.url);
    await form.getByLabel("A customer was created").check();
    await form.getByLabel("A request we sent was accepted").check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    // The secret's heading takes the focus, so a screen reader reads it first; the form is
    // empty for the next endpoint.
    await expect(page.getByRole("heading", { name: "Copy the signing secret now" })).toBeFocused();
    await expect(form.getByLabel("Address (URL)")).toHaveValue("");
    await expect(form.getByLabel("A customer was created")).not.toBeChecked();
    const secret = ((await page.getByTestId("webhook-secret").textContent()) ?? "").trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{44}$/);
    const row = page.getByRole("row").filter({ hasText: hook.url });
    await expect(row).toContainText("Active");
    await expect(row).toContainText("A customer was created");
    await expect(page.getByRole("table")).not.toContainText(secret);

    // A test event arrives, signed with the secret.
    await row.getByRole("button", { name: `Send test event – ${hook.url}` }).click();
    await expect(page.getByText(`A test event is on its way to ${hook.url}.`)).toBeVisible();
    await expect.poll(() => hook.got.length, { timeout: 10_000 }).toBe(1);
    const delivery = hook.got[0];
    expect(JSON.parse(delivery.body).type).toBe("webhook.test");
    expect(String(delivery.headers["webhook-id"])).toMatch(/^msg_/);
    expect(verifies(secret, delivery)).toBe(true);

    // The delivery log says so.
    const logButton = row.getByRole("button", { name: `Delivery log – ${hook.url}` });
    await expect(logButton).toHaveAttribute("aria-expanded", "false");
    await logButton.click();
    await expect(logButton).toHaveAttribute("aria-expanded", "true");
    const log = page.getByRole("region", { name: `Delivery log: ${hook.url}` });
    await expect(log.getByRole("heading")).toBeFocused();
    await log.getByRole("button", { name: "Refresh" }).click();
    const logged = log.getByRole("row").filter({ hasText: "Test event" });
    await expect(logged).toContainText("Delivered");
    await expect(logged).toContainText("200");
    await expect(logged).toContainText(String(delivery.headers["webhook-id"]));

    // Redeliver: the same delivery again, with the same id.
    await logged.getByRole("button", { name: "Redeliver – Test event" }).click();
    await expect.poll(() => hook.got.length, { timeout: 10_000 }).toBe(2);
    expect(hook.got[1].headers["webhook-id"]).toBe(delivery.headers["webhook-id"]);
    await expect(page.getByText("The delivery is sent again")).toBeVisible();

    // Rotate the secret, after a confirmation: the new one is shown once, and for 24 hours
    // each delivery is signed with both, so the receiver can switch without losing one.
    await row.getByRole("button", { name: `Rotate secret – ${hook.url}` }).click();
    const rotating = page.getByRole("alertdialog", { name: `Rotate the signing secret of ${hook.url}?` });
    await expect(rotating).toContainText("For 24 hours");
    await rotating.getByRole("button", { name: "Rotate secret" }).click();
    await expect(page.getByTestId("webhook-secret")).not.toHaveText(secret);
    const rotated = ((await page.getByTestId("webhook-secret").textContent()) ?? "").trim();
    expect(rotated).toMatch(/^whsec_[A-Za-z0-9+/=]{44}$/);
    await row.getByRole("button", { name: `Send test event – ${hook.url}` }).click();
    await expect.poll(() => hook.got.length, { timeout: 10_000 }).toBe(3);
    expect(verifies(rotated, hook.got[2])).toBe(true);
    expect(verifies(secret, hook.got[2])).toBe(true);

    // On a 390 px phone the page, its rows and the open log fit without scrolling sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(log.getByRole("heading")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 720 });

    // The row's button hides the log again; its own Close button gives the focus back to it.
    await logButton.click();
    await expect(log).toHaveCount(0);
    await expect(logButton).toHaveAttribute("aria-expanded", "false");
    await logButton.click();
    await log.getByRole("button", { name: "Close" }).click();
    await expect(log).toHaveCount(0);
    await expect(logButton).toBeFocused();

    // Remove, after a confirmation that says what happens.
    await row.getByRole("button", { name: `Remove – ${hook.url}` }).click();
    const dialog = page.getByRole("alertdialog", { name: `Remove the endpoint ${hook.url}?` });
    await expect(dialog).toContainText("It hears no more events");
    await dialog.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText(`The endpoint ${hook.url} was removed.`)).toBeVisible();
    await expect(page.getByText("No endpoints yet.")).toBeVisible();
  } finally {
    hook.close();
  }
});
