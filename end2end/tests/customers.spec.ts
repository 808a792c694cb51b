import { test, expect, gotoHydrated, waitForHydration, uniqueEmail, uniqueMpn } from "./fixtures";
import { enroll, PASSWORD } from "./helpers";
import type { Browser, Page } from "@playwright/test";

const menu = (page: Page) => page.getByRole("navigation", { name: "Main menu" });

/** The draft's link, after Create the link. */
async function linkOfDraft(page: Page): Promise<string> {
  await expect(page.getByRole("heading", { name: "Draft email" })).toBeVisible();
  const link = (await page.locator("code.link").textContent()) ?? "";
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link;
}

/** Customers → Request a reseller relationship → New relationship → Create the link → Done. */
async function requestRelationship(page: Page, askDelegatedAdmin = true): Promise<string> {
  await menu(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("link", { name: "Request a reseller relationship" }).click();
  await expect(page.getByRole("heading", { name: "New relationship", level: 1 })).toBeVisible();
  const ask = page.getByLabel("Also ask for delegated admin permissions");
  await expect(ask).toBeChecked();
  if (!askDelegatedAdmin) await ask.uncheck();
  await page.getByRole("button", { name: "Create the link" }).click();
  const link = await linkOfDraft(page);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
  return link;
}

async function newBrowser(browser: Browser, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled, baseURL: test.info().project.use.baseURL });
  return { context, page: await context.newPage() };
}

type Customer = { orgName: string; prefix: string; name: string; email: string };

function newCustomer(tag: string): Customer {
  const n = uniqueMpn();
  return {
    orgName: `${tag} Customer ${n} Kft.`,
    prefix: `${tag.toLowerCase()}-${n}`,
    name: `${tag} Admin`,
    email: uniqueEmail(tag.toLowerCase()),
  };
}

/** On the link's page: creates the customer organization on the spot (with or without wasm). */
async function createCustomer(page: Page, c: Customer, checkAsTyped: boolean) {
  const section = page.getByRole("region", { name: "New to Tierlink? Create your customer account" });
  await section.getByLabel("Company name").fill(c.orgName);
  await expect(section.getByLabel("Country")).toHaveValue("HU"); // the partner's country, preselected
  const domain = section.getByLabel("Primary domain");
  if (checkAsTyped) {
    await domain.pressSequentially(c.prefix);
    await expect(section.getByText(`${c.prefix}.tierlink.example is available.`)).toBeVisible();
  } else {
    await domain.fill(c.prefix);
  }
  await section.getByLabel("Your name").fill(c.name);
  await section.getByLabel("Email").fill(c.email);
  await section.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await section.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(`You answer as ${c.name} of ${c.orgName}.`)).toBeVisible();
}

/** Accepts: first without the Customer Agreement (refused), then with it; lands on Partners. */
async function acceptAsCustomer(page: Page) {
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByText("Tick the box to accept the Customer Agreement.")).toBeVisible();
  await page.getByLabel("I accept the Customer Agreement").check();
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
  await expect(page.getByText("You accepted. Your partners are listed below.")).toBeVisible();
}

test("a reseller requests a relationship; the customer creates its organization through the link and accepts", async ({ page, browser }) => {
  const reseller = await enroll(page, "Indirect reseller", "reseller");
  const link = await requestRelationship(page);
  await expect(page.getByText("No customers yet.")).toBeVisible();

  const { context, page: c } = await newBrowser(browser);
  await c.goto(link);
  await expect(c.getByRole("heading", { name: `${reseller.orgName} requests a reseller relationship with you` })).toBeVisible();
  await expect(c.getByText(reseller.mpn)).toBeVisible();
  await expect(c.getByText(`The request also asks for delegated admin permissions for ${reseller.orgName}`)).toBeVisible();
  await expect(c.getByText("customers in the public cloud accept such requests in the admin center")).toBeVisible();
  await waitForHydration(c);
  const customer = newCustomer("Adatum");
  await createCustomer(c, customer, true);
  await acceptAsCustomer(c);
  const row = c.getByRole("row", { name: new RegExp(reseller.orgName) });
  await expect(row).toContainText("Since");
  await expect(row).toContainText("Granted since");
  await context.close();

  // The reseller sees the customer at once, and expands the record.
  await page.reload();
  const customerRow = page.getByRole("row", { name: new RegExp(customer.orgName) });
  await expect(customerRow).toContainText(`${customer.prefix}.tierlink.example`);
  await expect(customerRow).toContainText("Yes");
  const expander = page.getByRole("button", { name: `Show the record of ${customer.orgName}` });
  await expect(expander).toHaveAttribute("aria-expanded", "false");
  await expander.click();
  await expect(expander).toHaveAttribute("aria-expanded", "true");
  const record = page.locator(`#${await expander.getAttribute("aria-controls")}`);
  await expect(record.getByRole("link", { name: "Account" })).toBeVisible();
  // Closing takes the record away (and the button's reference to it); opening shows it again.
  await expander.click();
  await expect(expander).toHaveAttribute("aria-expanded", "false");
  await expect(expander).not.toHaveAttribute("aria-controls", /./);
  await expect(page.getByRole("main").getByRole("link", { name: "Account" })).toHaveCount(0);
  await expander.press("Enter");
  await expect(expander).toHaveAttribute("aria-expanded", "true");
  await expect(record.getByRole("link", { name: "Account" })).toBeVisible();
  // Search finds it by domain, and nothing for a stranger's name.
  await page.getByLabel("Search customers").fill(customer.prefix);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("row", { name: new RegExp(customer.orgName) })).toBeVisible();
  await page.getByLabel("Search customers").fill("no such customer");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No customer matches.")).toBeVisible();
});

test("a joint invite, once accepted, puts the customer in both partners' lists", async ({ page, browser }) => {
  // The provider asks the reseller for a partnership; the reseller accepts.
  const provider = await enroll(page, "Indirect provider", "jointprovider");
  await menu(page).getByRole("link", { name: "Indirect resellers" }).click();
  await page.getByRole("button", { name: "Request a partnership" }).click();
  const partnershipLink = await linkOfDraft(page);
  await page.getByRole("button", { name: "Done" }).click();

  const { context: rc, page: r } = await newBrowser(browser);
  const reseller = await enroll(r, "Indirect reseller", "jointreseller");
  await gotoHydrated(r, partnershipLink);
  await r.getByLabel(`I authorize ${provider.orgName} as my indirect provider`).check();
  await r.getByRole("button", { name: "Accept" }).click();
  await expect(r.getByRole("heading", { name: "Indirect providers", level: 1 })).toBeVisible();

  // Indirect providers → Invite new customers.
  await r.getByRole("link", { name: `Invite new customers — ${provider.orgName}` }).click();
  await expect(r.getByRole("heading", { name: `Invite new customers with ${provider.orgName}` })).toBeVisible();
  await expect(r.getByLabel("Also ask for delegated admin permissions")).toBeChecked();
  await r.getByRole("button", { name: "Create the link" }).click();
  const link = await linkOfDraft(r);
  await expect(r.getByLabel("Subject")).toHaveValue(`${reseller.orgName} and ${provider.orgName} invite you to a reseller relationship`);
  await r.getByRole("button", { name: "Done" }).click();

  const { context: cc, page: c } = await newBrowser(browser);
  await c.goto(link);
  await expect(c.getByRole("heading", { name: `${reseller.orgName} and ${provider.orgName} ask to become your resellers` })).toBeVisible();
  await expect(c.getByText(reseller.mpn)).toBeVisible();
  await expect(c.getByText(provider.mpn)).toBeVisible();
  await waitForHydration(c);
  const customer = newCustomer("Joint");
  await createCustomer(c, customer, true);
  await acceptAsCustomer(c);
  await expect(c.getByRole("row", { name: new RegExp(reseller.orgName) })).toContainText("Granted since");
  await expect(c.getByRole("row", { name: new RegExp(provider.orgName) })).toContainText("Not granted");
  await cc.close();

  // Each partner lists the customer; the reseller holds the delegated admin grant.
  await menu(r).getByRole("link", { name: "Customers" }).click();
  await expect(r.getByRole("row", { name: new RegExp(customer.orgName) })).toContainText("Yes");
  await rc.close();
  await menu(page).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("row", { name: new RegExp(customer.orgName) })).toContainText("No");
  await menu(page).getByRole("link", { name: "Indirect resellers" }).click();
  // Shared customers: the fourth cell after the name.
  await expect(page.getByRole("row", { name: new RegExp(reseller.orgName) }).getByRole("cell").nth(3)).toHaveText("1");
});

test("a customer accepts with JavaScript disabled", async ({ page, browser }) => {
  const reseller = await enroll(page, "Indirect reseller", "nojspartner");
  const link = await requestRelationship(page);

  const { context, page: c } = await newBrowser(browser, false);
  await c.goto(link);
  await expect(c.getByRole("heading", { name: `${reseller.orgName} requests a reseller relationship with you` })).toBeVisible();
  const customer = newCustomer("Nojs");
  await createCustomer(c, customer, false);
  await acceptAsCustomer(c);
  await expect(c.getByRole("row", { name: new RegExp(reseller.orgName) })).toBeVisible();
  await context.close();

  // Still on Customers since Done: a reload shows the new customer.
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(customer.orgName) })).toBeVisible();
});

test("a customer declines, and the partner's Invitations page says so", async ({ page, browser }) => {
  await enroll(page, "Indirect reseller", "declined");
  const link = await requestRelationship(page, false);

  const { context, page: c } = await newBrowser(browser);
  await gotoHydrated(c, link);
  await expect(c.getByText("No delegated admin permissions are asked")).toBeVisible();
  await createCustomer(c, newCustomer("Decliner"), true);
  await c.getByRole("button", { name: "Decline" }).click();
  await expect(c.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
  await c.goto(link);
  await expect(c.getByRole("heading", { name: "This request was declined" })).toBeVisible();
  await context.close();

  await menu(page).getByRole("link", { name: "Invitations" }).click();
  const row = page.getByRole("row").nth(1);
  await expect(row).toContainText("Reseller relationship");
  await expect(row).toContainText("Declined");
});

test("removing the relationship leaves the grant on the customer's Partners page, and the customer removes it", async ({ page, browser }) => {
  const reseller = await enroll(page, "Indirect reseller", "remover");
  const link = await requestRelationship(page);
  const { context, page: c } = await newBrowser(browser);
  await gotoHydrated(c, link);
  const customer = newCustomer("Litware");
  await createCustomer(c, customer, true);
  await acceptAsCustomer(c);

  // Customers → the customer → Account → Remove customer relationship.
  await page.reload();
  await page.getByRole("button", { name: `Show the record of ${customer.orgName}` }).click();
  await page.getByRole("main").getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: `${customer.orgName} — Account` })).toBeVisible();
  await page.getByRole("button", { name: "Remove customer relationship" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByRole("heading")).toHaveText(`Remove the relationship with ${customer.orgName}?`);
  await expect(dialog).toContainText("any delegated admin privileges granted will remain unchanged");
  await expect(dialog).toContainText("made in good faith, for a legitimate business purpose");
  await expect(dialog).toContainText("This tool does not generate notice to the customer or partner.");
  // Escape cancels; then Yes.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Remove customer relationship" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes" }).click();
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
  await expect(page.getByText(`The relationship with ${customer.orgName} was removed.`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(customer.orgName) })).toHaveCount(0);

  // The customer still sees the grant, and removes it itself.
  await c.reload();
  const row = c.getByRole("row", { name: new RegExp(reseller.orgName) });
  await expect(row).toContainText("No (ended)");
  await expect(row).toContainText("Granted since");
  await waitForHydration(c);
  await c.getByRole("button", { name: `Remove delegated admin permissions — ${reseller.orgName}` }).click();
  await expect(c.getByRole("alertdialog").getByRole("heading")).toHaveText(`Remove the delegated admin permissions of ${reseller.orgName}?`);
  await c.getByRole("alertdialog").getByRole("button", { name: "Yes" }).click();
  await expect(c.getByText("Delegated admin permissions removed.")).toBeVisible();
  await expect(c.getByText("No partners yet.")).toBeVisible();
  await context.close();
});

test("a customer Global admin manages its own users, whose roles are Global admin or none", async ({ page, browser }) => {
  await enroll(page, "Indirect reseller", "userspartner");
  const link = await requestRelationship(page);
  const { context, page: c } = await newBrowser(browser);
  await gotoHydrated(c, link);
  const customer = newCustomer("Users");
  await createCustomer(c, customer, true);
  await acceptAsCustomer(c);

  await menu(c).getByRole("link", { name: "Users" }).click();
  const addForm = c.getByRole("region", { name: "Add user" });
  const roles = addForm.getByRole("group", { name: "Roles" });
  await expect(roles.getByRole("checkbox")).toHaveCount(1);
  await expect(roles.getByLabel("Global admin")).toBeVisible();
  await addForm.getByLabel("Name").fill("Ordinary User");
  const email = uniqueEmail("ordinary");
  await addForm.getByLabel("Email").fill(email);
  await addForm.getByRole("button", { name: "Add user" }).click();
  await expect(c.getByTestId("temporary-password")).toHaveText(/\S{10,}/);
  await expect(c.getByRole("row", { name: new RegExp(email) })).toBeVisible();
  await context.close();
});
