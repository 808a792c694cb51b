import { test, expect, gotoHydrated, waitForHydration, uniqueEmail } from "./fixtures";
import { acceptAsCustomer, createCustomer, enroll, linkOfDraft, menu, newBrowser, newCustomer, requestRelationship } from "./helpers";

test("a reseller requests a relationship; the customer creates its organization through the link and accepts", async ({ page, browser }) => {
  const reseller = await enroll(page, "Indirect reseller", "reseller");
  const link = await requestRelationship(page);
  await expect(page.getByText("No customers yet.")).toBeVisible();

  const { context, page: c } = await newBrowser(browser);
  await c.goto(link);
  await expect(c.getByRole("heading", { name: `${reseller.orgName} requests a reseller relationship with you` })).toBeVisible();
  await expect(c.getByText(`The request also asks for delegated admin permissions for ${reseller.orgName}`)).toBeVisible();
  // The decision leads; the facts about who asks are behind "Who asks".
  await expect(c.getByText(reseller.mpn)).toBeHidden();
  await c.locator("summary", { hasText: "Who asks" }).click();
  await expect(c.getByText(reseller.mpn)).toBeVisible();
  await expect(c.getByText("customers in the public cloud accept such requests in the admin center")).toBeVisible();
  await waitForHydration(c);
  const customer = newCustomer("Adatum");
  await createCustomer(c, customer, true);
  await acceptAsCustomer(c);
  const row = c.getByRole("row", { name: new RegExp(reseller.orgName) });
  await expect(row).toContainText("Since");
  await expect(row).toContainText("Granted since");

  // A second request for the same: the signed-in customer is told at once that accepting would
  // change nothing, and is offered Decline only.
  const again = await requestRelationship(page);
  await gotoHydrated(c, again);
  await expect(c.getByRole("status").filter({ hasText: "accepting would change nothing" })).toBeVisible();
  await expect(c.getByRole("button", { name: "Accept" })).toHaveCount(0);
  await expect(c.getByRole("button", { name: "Decline" })).toBeVisible();
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
  await c.locator("summary", { hasText: "Who asks" }).click();
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

  // Without JavaScript (a locked-down office machine): plain forms all the way; Decline sits
  // beside Accept but belongs to its own form.
  const { context, page: c } = await newBrowser(browser, false);
  await c.goto(link);
  await expect(c.getByText("No delegated admin permissions are asked")).toBeVisible();
  await createCustomer(c, newCustomer("Decliner"), false);
  await c.getByRole("button", { name: "Decline" }).click();
  await expect(c.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
  await expect(c.getByRole("status").filter({ hasText: "You declined the request. Nothing else was changed." })).toBeVisible();
  await c.goto(link);
  await expect(c.getByRole("heading", { name: "This request was declined" })).toBeVisible();
  await context.close();

  await menu(page).getByRole("link", { name: "Invitations" }).click();
  const row = page.getByRole("row").nth(1);
  await expect(row).toContainText("Reseller relationship");
  await expect(row).toContainText("Declined");

  // Filtered by state, in the URL: declined ones only, then accepted ones (none).
  const filters = page.getByRole("search", { name: "Filter the invitations" });
  await filters.getByLabel("Status").selectOption({ label: "Declined" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/state=declined/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await filters.getByLabel("Status").selectOption({ label: "Accepted" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No request matches these filters.")).toBeVisible();
  await expect(filters.getByLabel("Status")).toHaveValue("accepted");
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
  const opener = page.getByRole("button", { name: "Remove customer relationship" });
  await opener.click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByRole("heading")).toHaveText(`Remove the relationship with ${customer.orgName}?`);
  await expect(dialog).toContainText("any delegated admin privileges granted will remain unchanged");
  await expect(dialog).toContainText("made in good faith, for a legitimate business purpose");
  await expect(dialog).toContainText("This tool does not generate notice to the customer or partner.");
  // A real dialog: the focus starts on its title and stays inside, Tab wrapping between its two
  // buttons, each named for what it does; Escape keeps the relationship and gives the focus back.
  await expect(dialog.getByRole("heading")).toBeFocused();
  const yes = dialog.getByRole("button", { name: "Remove customer relationship" });
  const keep = dialog.getByRole("button", { name: "Keep the relationship" });
  await page.keyboard.press("Tab");
  await expect(yes).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(keep).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(yes).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(keep).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  // Keep does the same; then the removal itself.
  await opener.click();
  await keep.click();
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await opener.click();
  await yes.click();
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
  await c.getByRole("alertdialog").getByRole("button", { name: "Remove delegated admin permissions" }).click();
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
