import { test, expect, gotoHydrated, waitForHydration, uniqueEmail, uniqueMpn } from "./fixtures";
import { enroll, fillCustomerContact, signIn, PASSWORD, type Partner } from "./helpers";
import { execFileSync } from "node:child_process";
import type { Browser, APIRequestContext, Page } from "@playwright/test";

// Offers, the New customer wizard (W10), the Customers list and record (W11), subscriptions and
// their details (W12). Setup that other specs already test as a user would (enrollment,
// partnership) goes through the same server functions the pages call.

const menu = (page: Page) => page.getByRole("navigation", { name: "Main menu" });
const HEADERS = { Accept: "application/json", "Sec-Fetch-Site": "same-origin" };

/** Calls a server function with the page's session, as the hydrated page does. */
async function call(request: APIRequestContext, endpoint: string, form: Record<string, string>) {
  const res = await request.post(`/api/${endpoint}`, { headers: HEADERS, form });
  expect(res.ok(), `${endpoint}: ${await res.text()}`).toBe(true);
  return res.json();
}

async function callJson(request: APIRequestContext, endpoint: string, data: unknown) {
  const res = await request.post(`/api/${endpoint}`, { headers: HEADERS, data });
  expect(res.ok(), `${endpoint}: ${await res.text()}`).toBe(true);
  return res.json();
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return { context, page: await context.newPage() };
}

/** An operator account, made with the server's own command on the test database. */
function createOperator(): { email: string; password: string } {
  const email = uniqueEmail("operator");
  execFileSync("../target/release/server", ["operator", "create", "--email", email, "--password", PASSWORD], {
    env: { ...process.env, TIERLINK_DATABASE_URL: `sqlite://${process.env.TIERLINK_E2E_DB}` },
    stdio: "ignore",
  });
  return { email, password: PASSWORD };
}

type Offer = { id: string; name: string };

/** Two offers with names unique to this test, added by an operator through its server function. */
async function offers(browser: Browser): Promise<Offer[]> {
  const op = createOperator();
  const { context, page } = await newPage(browser);
  await gotoHydrated(page, "/sign-in");
  await signIn(page, op.email, op.password);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
  const tag = uniqueMpn();
  const made: Offer[] = [];
  for (const [name, max] of [[`Business Standard ${tag}`, "300"], [`Exchange Plan ${tag}`, "1000"]]) {
    const id = await call(page.request, "save_offer", {
      "form[id]": "",
      "form[name]": name,
      "form[description]": "E2E offer",
      "form[billing_term]": "annual",
      "form[min_licenses]": "1",
      "form[max_licenses]": max,
      "form[available]": "on",
    });
    made.push({ id, name });
  }
  await context.close();
  return made;
}

/** A provider (signed in on `page`) partnered with a new reseller (signed in on the returned page). */
async function partnered(page: Page, browser: Browser) {
  const provider = await enroll(page, "Indirect provider", "provider");
  const { context, page: r } = await newPage(browser);
  const reseller = await enroll(r, "Indirect reseller", "reseller");
  const draft = await call(page.request, "request_partnership", {});
  const token = String(draft.link).split("/").pop() ?? "";
  await call(r.request, "respond_invitation", { token, accept: "true", authorize: "on" });
  return { provider, reseller, resellerPage: r, resellerContext: context };
}

type Details = { company: string; prefix: string };

/** A customer placed for the reseller through the wizard's server function (the wizard itself is
 * tested below); its id. */
async function placeCustomer(page: Page, reseller: Partner | null, resellerId: string | null, offer: Offer): Promise<{ id: string; d: Details }> {
  const n = uniqueMpn();
  // Both quote marks and accents: the Customers list carries names into the page's hydration data
  // with its quotes swapped (codec::PageJson), and they must come back as they were.
  const d = { company: `Placed ${n} "Ügyfél" O'Brien Kft.`, prefix: `placed-${n}` };
  const done = await callJson(page.request, "place_new_customer", {
    request_key: `e2e-${n}`,
    reseller_id: reseller ? resellerId : null,
    details: {
      company: d.company,
      domain_prefix: d.prefix,
      country: "HU",
      address: "Fő utca 1.",
      city: "Budapest",
      postal_code: "1011",
      first_name: "Kata",
      last_name: "Kovács",
      email: uniqueEmail("contact"),
      phone: "+36 1 555 0101",
    },
    lines: [{ offer_id: offer.id, licenses: 5 }],
  });
  return { id: done.customer_id, d };
}

test("the operator keeps the offer catalog on the Offers page", async ({ page, allowConsole }) => {
  allowConsole(/Failed to load resource: the server responded with a status of 422/);
  const op = createOperator();
  await gotoHydrated(page, "/sign-in");
  await signIn(page, op.email, op.password);
  await menu(page).getByRole("link", { name: "Offers" }).click();
  await expect(page.getByRole("heading", { name: "Offers", level: 1 })).toBeVisible();
  const name = `Teams Essentials ${uniqueMpn()}`;
  const form = page.getByRole("region", { name: "Add offer" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Description").fill("Meetings and chat for small businesses.");
  await form.getByLabel("Monthly").check();
  await form.getByLabel("Fewest licenses").fill("10");
  await form.getByLabel("Most licenses").fill("5");
  await form.getByRole("button", { name: "Add offer" }).click();
  await expect(form.getByText("This number of licenses is outside what the offer allows.")).toBeVisible();
  await form.getByLabel("Most licenses").fill("300");
  await form.getByRole("button", { name: "Add offer" }).click();
  await expect(page.getByText("The offer was saved.")).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("10 to 300");
  // Change it: taken off new orders.
  await row.getByRole("button", { name: `Change ${name}` }).click();
  const change = page.getByRole("region", { name: `Change ${name}` });
  await change.getByLabel("Offered for new orders").uncheck();
  await change.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("No");
});

test("a provider adds a new customer for a reseller with the wizard; the admin signs in and must change the password", async ({ page, browser, allowConsole }) => {
  allowConsole(/Failed to load resource: the server responded with a status of 422/);
  const [standard] = await offers(browser);
  const { reseller, resellerContext } = await partnered(page, browser);
  await resellerContext.close();

  // Cancel drops everything: nothing is written.
  await menu(page).getByRole("link", { name: "Indirect resellers" }).click();
  await page.getByRole("link", { name: `Add new customer for ${reseller.orgName}` }).click();
  await expect(page.getByRole("heading", { name: "New customer", level: 1 })).toBeVisible();
  await waitForHydration(page);
  await expect(page.getByLabel("Indirect reseller")).toHaveValue(/.+/);
  await page.getByLabel("Company name").fill("Never Saved Kft.");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { name: "Discard this new customer?" })).toBeVisible();
  await page.getByRole("alertdialog").getByRole("button", { name: "Discard this customer" }).click();
  await expect(page.getByText("The new customer was cancelled. Nothing was saved.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Indirect resellers", level: 1 })).toBeVisible();

  // Again, to the end: the reseller is preselected.
  await page.getByRole("link", { name: `Add new customer for ${reseller.orgName}` }).click();
  await waitForHydration(page);
  const select = page.getByLabel("Indirect reseller");
  await expect(select.locator("option:checked")).toHaveText(`${reseller.orgName} (${reseller.mpn})`);
  const n = uniqueMpn();
  const company = `Wizard ${n} Kft.`;
  const prefix = `wizard-${n}`;
  // Next with nothing filled: every field says what is missing. Each error goes as soon as its
  // field is right (before Next is pressed again), and the banner goes with the last one.
  await page.getByRole("button", { name: "Next: Subscriptions" }).click();
  const banner = page.getByRole("alert").filter({ hasText: "Some fields need attention." });
  await expect(banner).toBeVisible();
  const companyField = page.getByLabel("Company name");
  await expect(companyField).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("City")).toHaveAttribute("aria-invalid", "true");
  await companyField.fill(company);
  await expect(companyField).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-company-err")).toBeHidden();
  await expect(page.getByLabel("City")).toHaveAttribute("aria-invalid", "true");
  await expect(banner).toBeVisible();
  await page.getByLabel("Email").fill("julia@");
  await expect(page.getByText("Enter an email address such as name@example.com.")).toBeVisible();
  await page.getByLabel("Primary domain").pressSequentially(prefix);
  await expect(page.getByText(`${prefix}.tierlink.example is available.`)).toBeVisible();
  await expect(page.getByLabel("Country")).toHaveValue("HU");
  await fillCustomerContact(page);
  // A field still wrong names its new problem as it is typed; the banner stays for it.
  await page.getByLabel("Phone").fill("call me");
  await expect(page.getByText(/Enter a telephone number/)).toBeVisible();
  await expect(page.getByLabel("Phone")).toHaveAttribute("aria-invalid", "true");
  await expect(banner).toBeVisible();
  await page.getByRole("button", { name: "Next: Subscriptions" }).click();
  await expect(page.getByText(/Enter a telephone number/)).toBeVisible();
  await page.getByLabel("Phone").fill("+36 1 234 5678");
  await expect(page.getByText(/Enter a telephone number/)).toBeHidden();
  await expect(banner).toBeHidden();
  await page.getByRole("button", { name: "Next: Subscriptions" }).click();
  await expect(page.getByRole("heading", { name: "Subscriptions", level: 2 })).toBeVisible();

  // Licenses outside the offer's bounds are refused at the field.
  const licenses = page.getByLabel(`Licenses of ${standard.name}`);
  await licenses.fill("301");
  await page.getByRole("button", { name: "Next: Review" }).click();
  await expect(page.getByText("This number of licenses is outside what the offer allows.")).toBeVisible();
  await licenses.fill("12");
  await page.getByRole("button", { name: "Next: Review" }).click();
  await expect(page.getByRole("heading", { name: "Review", level: 2 })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: `${prefix}.tierlink.example` })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`${standard.name}.*12`) })).toBeVisible();

  // Going back keeps what was typed.
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByLabel(`Licenses of ${standard.name}`)).toHaveValue("12");
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByLabel("Company name")).toHaveValue(company);
  await expect(page.getByLabel("Phone")).toHaveValue("+36 1 234 5678");
  await page.getByRole("button", { name: "Next: Subscriptions" }).click();
  await page.getByRole("button", { name: "Next: Review" }).click();
  await page.getByRole("button", { name: "Submit" }).click();

  // Confirmation: Setup info, once.
  await expect(page.getByRole("heading", { name: "Confirmation", level: 2 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Setup info" })).toBeVisible();
  const admin = (await page.getByTestId("admin-user").textContent()) ?? "";
  const temporary = (await page.getByTestId("temporary-password").textContent()) ?? "";
  expect(admin).toBe(`admin@${prefix}.tierlink.example`);
  expect(temporary.length).toBeGreaterThanOrEqual(10);
  await expect(page.getByText(/the password cannot be shown again/)).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText(`${company} was added.`, { exact: false })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: company })).toBeVisible();

  // The customer's admin signs in with the temporary password and must change it.
  const { context, page: c } = await newPage(browser);
  await gotoHydrated(c, "/sign-in");
  await signIn(c, admin, temporary);
  await expect(c.getByRole("heading", { name: "Change your password" })).toBeVisible();
  await c.getByLabel("Current password").fill(temporary);
  await c.getByLabel("New password", { exact: true }).fill("the customer's own password");
  await c.getByLabel("Repeat new password").fill("the customer's own password");
  await c.getByRole("button", { name: "Change password" }).click();
  await expect(c.getByRole("heading", { name: /Welcome/ })).toBeVisible();
  await context.close();
});

test("filter the Customers list by reseller, expand a record and add a subscription with a reseller", async ({ page, browser }) => {
  const [standard, exchange] = await offers(browser);
  const { reseller, resellerContext } = await partnered(page, browser);
  await resellerContext.close();
  const choices = await call(page.request, "reseller_choices", {});
  const resellerId = choices.find((c: { mpn_id: string }) => c.mpn_id === reseller.mpn).org_id;
  const withReseller = await placeCustomer(page, reseller, resellerId, standard);
  const without = await placeCustomer(page, null, null, standard);

  await menu(page).getByRole("link", { name: "Customers" }).click();
  await waitForHydration(page);
  await expect(page.getByRole("rowheader", { name: without.d.company })).toBeVisible();
  await page.getByLabel("Indirect reseller").fill(reseller.mpn);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(`Customers associated with ${reseller.orgName} (MPN ID ${reseller.mpn}).`)).toBeVisible();
  await expect(page.getByRole("rowheader", { name: withReseller.d.company })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: without.d.company })).toHaveCount(0);
  // The filter is in the address: opened again, the page comes from the server and is hydrated
  // from the data the server wrote into it.
  await page.reload();
  await waitForHydration(page);
  await expect(page.getByRole("rowheader", { name: withReseller.d.company })).toBeVisible();

  // The down arrow expands the record in place.
  await page.getByRole("button", { name: `Show the record of ${withReseller.d.company}` }).click();
  const record = page.locator(`#customer-${withReseller.id}`);
  await expect(record.getByRole("heading", { name: "Subscriptions" })).toBeVisible();
  await expect(record.getByRole("row", { name: new RegExp(standard.name) })).toContainText("0 of 5 assigned");
  await expect(record.getByText(reseller.orgName).first()).toBeVisible();
  await record.getByRole("link", { name: "Add subscription" }).click();

  // New subscription: licenses, and the reseller for incentives.
  await expect(page.getByRole("heading", { name: "New subscription", level: 1 })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel(`Licenses of ${exchange.name}`).fill("40");
  await page.getByLabel("Indirect reseller (optional)").selectOption({ label: `${reseller.orgName} (${reseller.mpn})` });
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("heading", { name: `${withReseller.d.company} — Subscriptions`, level: 1 })).toBeVisible();
  await expect(page.getByText("Subscriptions added: 1.")).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(exchange.name) });
  await expect(row).toContainText("0 of 40 assigned");
  await expect(row).toContainText(reseller.orgName);
});

test("a subscription's Reseller (MPN ID) is checked as typed, and its designated support contact is set", async ({ page, browser, allowConsole }) => {
  allowConsole(/Failed to load resource: the server responded with a status of 422/);
  const [standard] = await offers(browser);
  const { reseller, resellerContext } = await partnered(page, browser);
  await resellerContext.close();
  const placed = await placeCustomer(page, null, null, standard);

  await gotoHydrated(page, `/customers/${placed.id}/subscriptions`);
  await page.getByRole("link", { name: standard.name }).click();
  await expect(page.getByRole("heading", { name: `${standard.name} — ${placed.d.company}`, level: 1 })).toBeVisible();
  await waitForHydration(page);
  const mpn = page.getByLabel("Reseller (MPN ID)");
  await mpn.pressSequentially("9999999");
  await expect(page.getByText("No indirect reseller has this MPN ID.")).toBeVisible();
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: reseller.orgName })).toHaveCount(0);

  await mpn.fill("");
  await mpn.pressSequentially(reseller.mpn);
  await expect(page.getByText(`${reseller.orgName}: a reseller partnered with you.`)).toBeVisible();
  await page.getByLabel("Designated support contact").selectOption({ label: `${reseller.orgName} (${reseller.mpn})` });
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  const facts = page.locator("dl.facts");
  await expect(facts).toContainText(`${reseller.orgName} (${reseller.mpn})`);
  await expect(facts.getByRole("definition").filter({ hasText: new RegExp(`^${reseller.orgName}$`) })).toBeVisible();
});

test("a reseller with delegated admin permissions adds a customer's user, assigns and takes back a license, and resets a password (never the Global admin's)", async ({ page, browser, allowConsole }) => {
  allowConsole(/Failed to load resource: the server responded with a status of 409/);
  const [standard] = await offers(browser);
  const { reseller, resellerPage: r, resellerContext } = await partnered(page, browser);
  const choices = await call(page.request, "reseller_choices", {});
  const resellerId = choices.find((c: { mpn_id: string }) => c.mpn_id === reseller.mpn).org_id;
  const placed = await placeCustomer(page, reseller, resellerId, standard); // 5 licenses

  // The reseller sees the customer, with its users, because the wizard granted it admin access.
  await menu(r).getByRole("link", { name: "Customers" }).click();
  await waitForHydration(r);
  await r.getByRole("button", { name: `Show the record of ${placed.d.company}` }).click();
  const record = r.locator(`#customer-${placed.id}`);
  await expect(record.getByText(`Kata Kovács: 0 licenses`)).toBeVisible();
  await record.getByRole("link", { name: "Users and licenses" }).click();
  await expect(r.getByRole("heading", { name: `${placed.d.company} — Users and licenses`, level: 1 })).toBeVisible();
  await waitForHydration(r);

  // Add a user: the temporary password is shown once.
  const email = uniqueEmail("staff");
  const add = r.getByRole("region", { name: "Add user" });
  await add.getByLabel("Name").fill("Péter Szűcs");
  await add.getByLabel("Email").fill(email);
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(add.getByTestId("temporary-password")).toHaveText(/^[A-Za-z0-9]{16}$/);

  // Assign a license, see the count, take it back.
  const row = r.getByRole("row", { name: /Péter Szűcs/ });
  await row.getByRole("button", { name: "Assign license" }).click();
  await expect(r.getByRole("region", { name: "Subscriptions" }).getByText(`${standard.name}: 1 of 5 licenses assigned`)).toBeVisible();
  await expect(row.getByRole("button", { name: `Take back the ${standard.name} license of Péter Szűcs` })).toBeVisible();
  await row.getByRole("button", { name: `Take back the ${standard.name} license of Péter Szűcs` }).click();
  await expect(r.getByRole("region", { name: "Subscriptions" }).getByText(`${standard.name}: 0 of 5 licenses assigned`)).toBeVisible();

  // Reset the password: a new temporary one, shown once.
  await row.getByRole("button", { name: "Reset the password of Péter Szűcs" }).click();
  await expect(r.getByText("The password was reset and the user was signed out everywhere.")).toBeVisible();
  await expect(r.getByRole("region", { name: "Users" }).getByTestId("temporary-password")).toHaveText(/^[A-Za-z0-9]{16}$/);
  // Not the customer's Global admin's: the page says who manages it, and offers no button.
  const admin = r.getByRole("row", { name: /Kata Kovács/ });
  await expect(admin.getByText("Managed by the customer")).toBeVisible();
  await expect(admin.getByRole("button", { name: /^Reset the password/ })).toHaveCount(0);
  await expect(r.getByText("the customer's Global admins manage their own accounts")).toBeVisible();
  await resellerContext.close();
});
