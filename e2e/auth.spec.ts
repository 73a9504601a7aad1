import { expect, test } from "@playwright/test";
import { login, registerNew, seed, signOut } from "./helpers";

test("register → console shows the account → sign out → sign in again", async ({ page }) => {
  const email = await registerNew(page);
  await expect(page.getByTestId("account-email")).toHaveText(email);
  await expect(page.getByRole("navigation", { name: "控制台导航" }).getByRole("link", { name: "我的应用" })).toBeVisible();
  await signOut(page);
  await page.goto("/console");
  await expect(page).toHaveURL(/\/login/);
  await login(page, email, "Passw0rd!x");
  await expect(page.getByTestId("account-email")).toHaveText(email);
});

test("a wrong password shows the message and keeps the email", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(seed().customer.email);
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert").first()).toContainText("邮箱或密码错误");
  await expect(page).toHaveURL(/\/login/);
});

test("a customer opening /ops is refused; an operator gets in", async ({ page }) => {
  const s = seed();
  await login(page, s.customer.email, s.customer.password);
  await page.goto("/ops");
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await expect(page.getByRole("link", { name: "运营" })).toHaveCount(0);
  await signOut(page);
  await login(page, s.operator.email, s.operator.password);
  await page.goto("/ops");
  await expect(page.getByRole("heading", { name: "无权访问" })).toHaveCount(0);
});
