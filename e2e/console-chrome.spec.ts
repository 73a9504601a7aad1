import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { login } from "./helpers";

interface AlertFixture {
  email: string;
  password: string;
  appName: string;
  raised: number;
}

function alertFixture(): AlertFixture {
  const out = execFileSync("npx", ["tsx", "e2e/alert-fixture.ts"], { encoding: "utf8", env: process.env });
  return JSON.parse(out.trim().split("\n").pop()!) as AlertFixture;
}

const SLOW = { timeout: 30_000 };

test("the home page shows a sample image with the boxes our engine recognised, the three APIs and 开发者快速接入", async ({ page }) => {
  await page.goto("/");
  const hero = page.getByTestId("product-visual").first();
  await expect(hero).toBeVisible();
  await expect(hero.locator("img")).toHaveJSProperty("complete", true);
  expect(await hero.evaluate((el) => (el.querySelector("img") as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  expect(await hero.getByTestId("visual-box").count()).toBeGreaterThanOrEqual(5);
  await expect(page.getByRole("list", { name: "识别结果" }).first()).toContainText("安全生产检查");
  await expect(page.getByTestId("api-card")).toHaveCount(3);
  await expect(page.getByTestId("api-card").nth(2)).toContainText("plate_license");
  await expect(page.getByRole("heading", { name: "开发者快速接入" })).toBeVisible();
  await expect(page.getByText("md5sum").first()).toBeVisible();
});

test("a product page shows its own picture with the recognised plate and the real response", async ({ page }) => {
  await page.goto("/products/plate");
  const visual = page.getByTestId("product-visual").first();
  await expect(visual).toHaveAttribute("data-api", "plate");
  expect(await visual.getByTestId("visual-box").count()).toBeGreaterThanOrEqual(1);
  await expect(page.getByRole("list", { name: "识别结果" }).first()).toContainText("皖A195K9");
  await expect(page.getByRole("heading", { name: "返回结果" })).toBeVisible();
});

async function openBell(page: Page) {
  await page.getByTestId("notification-bell").click();
  return page.getByRole("region", { name: /消息通知/ });
}

test("the bell shows the customer's own alert, not another customer's, and 全部标为已读 clears the count", async ({ page }) => {
  const mine = alertFixture();
  const theirs = alertFixture();
  await login(page, mine.email, mine.password, SLOW);
  await expect(page.getByTestId("help-docs")).toHaveAttribute("href", "/docs");
  await expect(page.getByTestId("unread-count")).toHaveText(String(mine.raised));
  const panel = await openBell(page);
  await expect(panel.getByTestId("notification").first()).toContainText(mine.appName);
  await expect(panel.getByTestId("notification").first()).toContainText("到期");
  await expect(panel.getByText(theirs.appName)).toHaveCount(0);
  await panel.getByRole("button", { name: "全部标为已读" }).click();
  await expect(page.getByTestId("unread-count")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("unread-count")).toHaveCount(0);
  const again = await openBell(page);
  await expect(again.getByTestId("notification").first()).toHaveAttribute("data-read", "true");
});

test("the account menu opens from the keyboard, shows the balance and AccessKey, and 退出登录 signs out", async ({ page }) => {
  const me = alertFixture();
  await login(page, me.email, me.password, SLOW);
  await page.getByTestId("account-menu").focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("region", { name: "账号菜单" });
  await expect(menu).toBeVisible();
  await expect(menu).toContainText(me.email);
  await expect(menu.getByRole("link", { name: /账户余额/ })).toContainText("¥0.00");
  await expect(menu.getByRole("link", { name: /AccessKey/ })).toBeVisible();
  await expect(menu.getByRole("link", { name: /实名认证/ })).toContainText("未实名");
  await expect(menu.getByRole("link", { name: /账户余额/ })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("link", { name: /AccessKey/ })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(page.getByTestId("account-menu")).toBeFocused();
  await page.getByTestId("account-menu").click();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/console");
  await expect(page).toHaveURL(/\/login/);
});
