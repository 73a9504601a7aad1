/**
 * 实名认证 from an order: the pay page sends the customer to 实名认证 and the account page links
 * back to that order; the demo's hinted test ID number is one nobody has used, so following
 * the hint succeeds (the hint used to name a number already taken).
 */
import { expect as baseExpect, test } from "@playwright/test";
import { registerNew } from "./helpers";

const SLOW = { timeout: 60_000 };
const expect = baseExpect.configure(SLOW);
test.describe.configure({ timeout: 240_000 });

test("the real-name page links back to the order that sent the customer, and its hinted ID number is free", async ({ page }) => {
  await registerNew(page, "Passw0rd!x", SLOW);
  const name = `实名回跳${String(Date.now()).slice(-6)}`;
  await page.goto("/console/apps?new=1");
  const dialog = page.getByRole("dialog", { name: "新建应用" });
  await dialog.getByLabel("应用名称").fill(name);
  await dialog.getByRole("button", { name: "确定" }).click();
  await dialog.getByRole("link", { name: "下一步" }).click();
  await page.getByTestId("capability-general").getByRole("link", { name: "购买" }).click();
  await page.getByRole("button", { name: "增加1000次" }).click();
  await page.getByRole("link", { name: "下一步：确认配置" }).click();
  await page.getByLabel(/我已阅读并同意相关协议/).check();
  await page.getByRole("button", { name: "立即购买" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("待支付");
  await page.getByRole("link", { name: "立即支付" }).click();
  await expect(page).toHaveURL(/\/console\/orders\/[^/]+\/pay$/);
  const payUrl = new URL(page.url()).pathname;

  await page.getByRole("link", { name: "立即实名认证" }).first().click();
  await expect(page).toHaveURL(/\/console\/account\?returnTo=/);
  await expect(page.getByRole("link", { name: "返回订单支付" })).toHaveAttribute("href", payUrl);

  const hinted = (await page.getByTestId("test-id-number").textContent())!.trim();
  baseExpect(hinted).toMatch(/^\d{17}[\dX]$/);
  await page.getByLabel("真实姓名").fill("王五");
  await page.getByLabel("身份证号").fill(hinted);
  await page.getByRole("button", { name: "提交实名认证" }).click();
  await expect(page.getByText(`${hinted.slice(0, 3)}***********${hinted.slice(-4)}`)).toBeVisible();
  await expect(page.getByText("实名认证已完成，可以回到刚才的页面继续。")).toBeVisible();
  await page.getByRole("link", { name: "返回订单支付" }).click();
  await expect(page).toHaveURL(new RegExp(`${payUrl}$`));
  await expect(page.getByText("您的账号尚未完成实名认证，无法支付订单。")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "立即支付" })).toBeEnabled();

  // a hostile returnTo is dropped
  await page.goto("/console/account?returnTo=//evil.example/x#verify");
  await expect(page.getByRole("link", { name: /^返回/ })).toHaveCount(0);
});
