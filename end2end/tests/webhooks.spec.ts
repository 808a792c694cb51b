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
// arrives signed, reads the delivery log, and removes the endpoint.
test("a Global admin adds a webhook endpoint, a signed test event reaches it, and it is removed", async ({
  page,
  allowConsole,
}) => {
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
    await expect(page.getByRole("heading", { name: "Copy the signing secret now" })).toBeVisible();
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
    await row.getByRole("button", { name: `Delivery log – ${hook.url}` }).click();
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
