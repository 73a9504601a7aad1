/**
 * Top-up without Stripe: an order the balance cannot cover → 去充值 on the pay page → 线下汇款
 * (amount, payer, reference) → an operator confirms it in /ops (credited once, audited) → the
 * customer comes back to the order through 返回订单支付 and pays it.
 */
import { expect as baseExpect, test } from "@playwright/test";
import { OPS_PAGES } from "../app/ops/routes";
import { login, registerNew, seed, signOut, uniqueIdNumber } from "./helpers";

const SLOW = { timeout: 60_000 };
const expect = baseExpect.configure(SLOW);
test.describe.configure({ timeout: 300_000 });

const PASSWORD = "Passw0rd!x";
const TIER = "身份证识别 1000次/年";

test("线下汇款: 去充值 from the pay page, an operator confirms once, back to the order and pay", async ({ page }) => {
  const s = seed();
  // this tier is charged its list price (the demo's beta is ended for it here)
  await login(page, s.operator.email, s.operator.password, SLOW);
  await page.goto("/ops/prices");
  const row = page.getByRole("form", { name: TIER });
  await row.getByLabel(`${TIER} 公测价`).fill("");
  await row.getByLabel(`${TIER} 公测截止`).fill("");
  await row.getByRole("button", { name: `保存 ${TIER}` }).click();
  await expect(row.getByRole("status")).toContainText(/已更新|未变化/);
  const listYuan = (await row.getByLabel(`${TIER} 单价`).inputValue()).trim();
  await signOut(page);

  // a brand-new verified customer with an order the ¥0 balance cannot pay
  const email = await registerNew(page, PASSWORD, SLOW);
  await page.goto("/console/account#verify");
  await page.getByLabel("真实姓名").fill("赵六");
  await page.getByLabel("身份证号").fill(uniqueIdNumber());
  await page.getByRole("button", { name: "提交实名认证" }).click();
  await expect(page.getByText("已实名").first()).toBeVisible();
  await page.goto("/console/apps?new=1");
  const dialog = page.getByRole("dialog", { name: "新建应用" });
  await dialog.getByLabel("应用名称").fill(`汇款测试${String(Date.now()).slice(-6)}`);
  await dialog.getByRole("button", { name: "确定" }).click();
  await dialog.getByRole("link", { name: "下一步" }).click();
  await page.getByTestId("capability-idcard").getByRole("link", { name: "购买" }).click();
  await page.getByRole("button", { name: "增加1000次" }).click();
  await page.getByRole("link", { name: "下一步：确认配置" }).click();
  await page.getByLabel(/我已阅读并同意相关协议/).check();
  await page.getByRole("button", { name: "立即购买" }).click();
  await page.getByRole("link", { name: "立即支付" }).click();
  await expect(page).toHaveURL(/\/console\/orders\/\d{20}\/pay$/); // wait for the navigation before reading the URL
  const payUrl = page.url();
  await expect(page.getByRole("button", { name: "立即支付" })).toBeDisabled();
  await page.getByRole("link", { name: "去充值" }).click();

  // 线下汇款: a refused submission keeps what was typed
  await expect(page).toHaveURL(/\/console\/billing\?return=/);
  await expect(page.getByRole("link", { name: "返回订单支付" })).toHaveAttribute("href", new URL(payUrl).pathname);
  const form = page.getByRole("form", { name: "线下汇款" });
  await form.getByLabel("汇款金额（元）").fill(listYuan);
  await form.getByLabel("汇款人户名").fill("赵六");
  await form.getByLabel("汇款流水号").fill("<bad>");
  await form.getByRole("button", { name: "提交汇款信息" }).click();
  await expect(form.getByText("流水号只能包含")).toBeVisible();
  await expect(form.getByLabel("汇款人户名")).toHaveValue("赵六");
  const ref = `E2E${Date.now()}`;
  await form.getByLabel("汇款流水号").fill(ref);
  await form.getByRole("button", { name: "提交汇款信息" }).click();
  await expect(form.getByText("运营人员核对到账后")).toBeVisible();
  await expect(page.getByRole("table", { name: "汇款记录" }).getByRole("row", { name: new RegExp(ref) })).toContainText("待确认");
  await signOut(page);

  // the operator confirms it
  await login(page, s.operator.email, s.operator.password, SLOW);
  await page.goto("/ops/transfers");
  const pending = page.getByRole("table", { name: "待确认的汇款" }).getByRole("row", { name: new RegExp(ref) });
  await expect(pending).toContainText(email);
  await pending.getByRole("button", { name: "确认到账" }).click();
  await page.getByRole("dialog", { name: "确认到账" }).getByRole("button", { name: "确认入账" }).click();
  await expect(page.getByRole("table", { name: "已处理的汇款" }).getByRole("row", { name: new RegExp(ref) })).toContainText("已到账");
  await page.goto("/ops/audit?action=transfer.confirm");
  await expect(page.getByRole("table", { name: "操作审计" })).toContainText(ref);
  await signOut(page);

  // back to the order and pay
  await login(page, email, PASSWORD, SLOW);
  await page.goto(`/console/billing?return=${encodeURIComponent(new URL(payUrl).pathname)}`);
  await expect(page.getByTestId("account-balance")).toHaveText(`¥${listYuan}`);
  await page.getByRole("link", { name: "返回订单支付" }).click();
  await expect(page).toHaveURL(payUrl);
  await page.getByRole("button", { name: "立即支付" }).click();
  await expect(page.getByRole("heading", { name: "支付成功" })).toBeVisible();
});

test("every /ops page has its own <title>", async ({ page }) => {
  const s = seed();
  await login(page, s.operator.email, s.operator.password, SLOW);
  const titles = new Set<string>();
  for (const { path, label } of OPS_PAGES) {
    if (path.includes("[id]")) continue;
    await page.goto(path);
    await expect(page).toHaveTitle(new RegExp(`^${label} · 运营`));
    titles.add(await page.title());
  }
  expect(titles.size).toBe(OPS_PAGES.filter((p) => !p.path.includes("[id]")).length);
});
