import { expect, type Browser, type Page } from "@playwright/test";
import { gotoHydrated, test, uniqueEmail, uniqueMpn } from "./fixtures";

export const PASSWORD = "a long enough password";

export type Partner = { email: string; password: string; name: string; orgName: string; mpn: string };

/** Fills the enrollment form as a person would and submits it (works with or without wasm). */
export async function fillEnrollment(page: Page, kind: "Indirect provider" | "Indirect reseller", p: Partner) {
  await page.getByLabel(kind).check();
  await page.getByLabel("Legal name").fill(p.orgName);
  await page.getByLabel("Country").selectOption({ label: "Hungary" });
  await page.getByLabel("Cloud").selectOption({ label: "Public cloud" });
  await page.getByLabel("MPN ID").fill(p.mpn);
  await page.getByLabel("Your name").fill(p.name);
  await page.getByLabel("Email").fill(p.email);
  await page.getByLabel("Password", { exact: true }).fill(p.password);
  await page.getByRole("button", { name: "Enroll" }).click();
}

export function newPartner(prefix: string): Partner {
  return {
    email: uniqueEmail(prefix),
    password: PASSWORD,
    name: `${prefix[0].toUpperCase()}${prefix.slice(1)} Admin`,
    orgName: `${prefix} ${uniqueMpn()} Kft.`,
    mpn: uniqueMpn(),
  };
}

/** Enrolls through the hydrated page and waits for the signed-in home page. */
export async function enroll(page: Page, kind: "Indirect provider" | "Indirect reseller", prefix: string) {
  const p = newPartner(prefix);
  await gotoHydrated(page, "/enroll");
  await fillEnrollment(page, kind, p);
  await expect(page.getByRole("heading", { name: `Welcome, ${p.name}` })).toBeVisible();
  return p;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The New customer wizard's address and contact fields (all but the phone), as a person types them. */
export async function fillCustomerContact(page: Page) {
  await page.getByLabel("Address").fill("Andrássy út 1.");
  await page.getByLabel("Postal code").fill("1061");
  await page.getByLabel("City").fill("Budapest");
  await page.getByLabel("First name").fill("Júlia");
  await page.getByLabel("Last name").fill("Németh");
  await page.getByLabel("Email").fill(uniqueEmail("julia"));
}

export const menu = (page: Page) => page.getByRole("navigation", { name: "Main menu" });

/** The draft's link, after Create the link. */
export async function linkOfDraft(page: Page): Promise<string> {
  await expect(page.getByRole("heading", { name: "Draft email" })).toBeVisible();
  const link = (await page.locator("code.link").textContent()) ?? "";
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link;
}

/** Customers → Request a reseller relationship → New relationship → Create the link → Done. */
export async function requestRelationship(page: Page, askDelegatedAdmin = true): Promise<string> {
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

export async function newBrowser(browser: Browser, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled, baseURL: test.info().project.use.baseURL });
  return { context, page: await context.newPage() };
}

export type Customer = { orgName: string; prefix: string; name: string; email: string };

export function newCustomer(tag: string): Customer {
  const n = uniqueMpn();
  return {
    orgName: `${tag} Customer ${n} Kft.`,
    prefix: `${tag.toLowerCase()}-${n}`,
    name: `${tag} Admin`,
    email: uniqueEmail(tag.toLowerCase()),
  };
}

/** On the link's page: creates the customer organization on the spot (with or without wasm). */
export async function createCustomer(page: Page, c: Customer, checkAsTyped: boolean) {
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
  // The name ends with "Kft.": the sentence's own full stop is not added to it (no "Kft..").
  await expect(page.getByText(`You answer as ${c.name} of ${c.orgName}`, { exact: true })).toBeVisible();
}

/** Accepts: first without the Customer Agreement (refused), then with it; lands on Partners. */
export async function acceptAsCustomer(page: Page) {
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByText("Tick the box to accept the Customer Agreement.")).toBeVisible();
  await page.getByLabel("I accept the Customer Agreement").check();
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
  await expect(page.getByText("You accepted. Your partners are listed below.")).toBeVisible();
}
