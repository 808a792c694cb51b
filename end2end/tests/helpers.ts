import { expect, type Page } from "@playwright/test";
import { gotoHydrated, uniqueEmail, uniqueMpn } from "./fixtures";

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
