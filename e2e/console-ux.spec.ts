/**
 * The console as a keyboard and phone user meets it: 页面不存在 inside the console, operators
 * shown as 运营账号 (never 未实名), dialogs that take focus to their first field and keep Tab
 * inside, one breadcrumb style, and 查看定价 on one line at 390 px.
 */
import { expect, test } from "@playwright/test";
import { login, seed } from "./helpers";

test("an unknown console address gets 页面不存在 inside the console's layout", async ({ page }) => {
  const s = seed();
  await login(page, s.customer.email, s.customer.password);
  const res = await page.goto("/console/no-such-page");
  expect(res!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "页面不存在" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "控制台导航" })).toBeVisible();
  await expect(page.getByRole("link", { name: "返回控制台概览" })).toHaveAttribute("href", "/console");
  await expect(page).toHaveTitle(/页面不存在/);
});

test("the operator account is shown as 运营账号, not 未实名", async ({ page }) => {
  const s = seed();
  await login(page, s.operator.email, s.operator.password);
  await expect(page.getByText("运营账号").first()).toBeVisible();
  await expect(page.getByText("未实名")).toHaveCount(0);
  await page.goto("/console/account");
  await expect(page.getByText("运营账号无需实名认证")).toBeVisible();
  await expect(page.getByRole("button", { name: "提交实名认证" })).toHaveCount(0);
});

test("新建应用 focuses its name field, Tab stays inside the dialog, Esc gives focus back", async ({ page }) => {
  const s = seed();
  await login(page, s.customer.email, s.customer.password);
  await page.goto("/console/apps");
  const opener = page.getByRole("button", { name: "新的应用" });
  await opener.click();
  const dialog = page.getByRole("dialog", { name: "新建应用" });
  await expect(dialog.getByLabel("应用名称")).toBeFocused();
  const inside = () => dialog.evaluate((d) => d.contains(document.activeElement));
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await inside()).toBe(true);
  }
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await inside()).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test("breadcrumbs read the same on every application page; 查看定价 stays on one line on a phone", async ({ page }) => {
  const s = seed();
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, s.customer.email, s.customer.password);
  await page.goto("/console/apps");
  await page.getByRole("link", { name: "演示应用OCR" }).first().click();
  const crumbs = page.getByRole("navigation", { name: "面包屑" });
  await expect(crumbs).toHaveText("我的应用/演示应用OCR");
  const appUrl = page.url();
  await page.goto(`${appUrl}/calls`);
  await expect(crumbs).toHaveText("我的应用/演示应用OCR/调用记录");
  await expect(crumbs.getByRole("link", { name: "演示应用OCR" })).toHaveAttribute("href", new URL(appUrl).pathname);
  await page.goto(`${appUrl}/buy/general`);
  await expect(crumbs).toHaveText("我的应用/演示应用OCR/选择配置");

  await page.goto(appUrl);
  const pricing = page.getByRole("link", { name: "查看定价" });
  await expect(pricing).toBeVisible();
  expect(await pricing.evaluate((a) => a.getClientRects().length)).toBe(1);
});
