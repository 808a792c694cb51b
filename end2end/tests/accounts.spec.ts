import { test, expect, gotoHydrated, waitForHydration } from "./fixtures";
import { enroll, signIn, fillEnrollment, newPartner } from "./helpers";

test("a provider enrolls, adds a Sales agent, who signs in, sets a password and cannot manage users", async ({ page }) => {
  const provider = await enroll(page, "Indirect provider", "provider");

  // The shell: organization and user in the top bar, the menu.
  const banner = page.getByRole("banner");
  await expect(banner.getByText(provider.orgName)).toBeVisible();
  await expect(banner.getByText("Indirect provider")).toBeVisible();
  await expect(banner.getByText(provider.name)).toBeVisible();
  const menu = page.getByRole("navigation", { name: "Main menu" });
  await expect(menu.getByRole("link", { name: "Users" })).toBeVisible();
  await expect(menu.getByRole("link", { name: "Activity log" })).toBeVisible();

  // Client-side navigation after hydration: the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = "still here"));
  await menu.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("still here");

  // Add a Sales agent; the temporary password is shown once.
  const agentEmail = `agent-${provider.mpn}@example.com`;
  const addForm = page.getByRole("region", { name: "Add user" });
  await addForm.getByLabel("Name").fill("Sam Sales");
  await addForm.getByLabel("Email").fill(agentEmail);
  await addForm.getByLabel("Sales agent").check();
  await addForm.getByRole("button", { name: "Add user" }).click();
  const temporary = page.getByTestId("temporary-password");
  await expect(temporary).toHaveText(/^[A-Za-z0-9]{16}$/);
  const temporaryPassword = (await temporary.textContent()) ?? "";
  await expect(page.getByText("It is shown only now and cannot be shown again.")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(agentEmail) })).toContainText("Has a temporary password");

  // The activity log shows what happened, newest first.
  await menu.getByRole("link", { name: "Activity log" }).click();
  const firstRow = page.getByRole("row").nth(1);
  await expect(firstRow).toContainText("added a user");
  await expect(firstRow).toContainText(agentEmail);
  await expect(page.getByRole("cell", { name: "enrolled the organization" })).toBeVisible();

  // Sign out, then sign in as the new user, who must choose a password first.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await waitForHydration(page);
  await signIn(page, agentEmail, temporaryPassword);
  await expect(page.getByRole("heading", { name: "Change your password" })).toBeVisible();
  await expect(page.getByText("You signed in with a temporary password.")).toBeVisible();
  await page.getByLabel("Current password").fill(temporaryPassword);
  await page.getByLabel("New password", { exact: true }).fill("sam's own password");
  await page.getByLabel("Repeat new password").fill("sam's own password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { name: "Welcome, Sam Sales" })).toBeVisible();

  // A Sales agent has no Users entry, and the page itself refuses, naming the roles needed.
  await expect(page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  await gotoHydrated(page, "/users");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByText("Global admin, User management admin")).toBeVisible();
});

test("bad enrollment input is shown at each field and nothing is created", async ({ page, allowConsole }) => {
  allowConsole(/Failed to load resource: the server responded with a status of 422/);
  await gotoHydrated(page, "/enroll");
  const p = { ...newPartner("bad"), mpn: "12ab", email: "not-an-email", password: "short" };
  await fillEnrollment(page, "Indirect reseller", p);
  await expect(page.getByRole("alert").first()).toContainText("Some fields need attention.");
  await expect(page.getByText("An MPN ID is 6 to 10 digits.")).toBeVisible();
  await expect(page.getByText("Enter an email address such as name@example.com.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("MPN ID")).toHaveAttribute("aria-invalid", "true");
  // What was typed stays, so the user only fixes what is wrong.
  await expect(page.getByLabel("Legal name")).toHaveValue(p.orgName);
  await expect(page).toHaveURL(/\/enroll$/);
});

test("a wrong password and an unknown email get the same message", async ({ page, allowConsole }) => {
  allowConsole(/Failed to load resource: the server responded with a status of 422/);
  const p = await enroll(page, "Indirect reseller", "reseller");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await waitForHydration(page);
  await signIn(page, p.email, "not the password");
  await expect(page.getByRole("alert")).toHaveText("The email or password is not right.");
  await signIn(page, `nobody-${p.mpn}@example.com`, p.password);
  await expect(page.getByRole("alert")).toHaveText("The email or password is not right.");
  await signIn(page, p.email, p.password);
  await expect(page.getByRole("heading", { name: `Welcome, ${p.name}` })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("enrollment, sign-out and sign-in work as plain form posts", async ({ page, allowConsole }) => {
    // The hydration script preloads the wasm, which a browser without JavaScript never runs.
    allowConsole(/was preloaded using link preload but not used/);
    const p = newPartner("nojs");
    await page.goto("/enroll");
    await fillEnrollment(page, "Indirect reseller", p);
    await expect(page.getByRole("heading", { name: `Welcome, ${p.name}` })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

    await signIn(page, p.email, "wrong password!");
    await expect(page.getByRole("alert")).toHaveText("The email or password is not right.");

    await signIn(page, p.email, p.password);
    await expect(page.getByRole("heading", { name: `Welcome, ${p.name}` })).toBeVisible();
    await expect(page.getByRole("banner").getByText(p.orgName)).toBeVisible();
  });
});
