import { expect as baseExpect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { OPS_PAGES, OPS_ROUTES } from "../app/ops/routes";
import { login, registerNew, seed, signOut, verifyRealNameUI } from "./helpers";

// The shared dev server compiles pages on first visit and shares two cores: allow it time.
const SLOW = { timeout: 60_000 };
const expect = baseExpect.configure(SLOW);
test.describe.configure({ timeout: 300_000 });

/** A customer's fresh application (so the seeded one's packs stay as other specs expect), opened on its page. */
async function newApp(page: Page, prefix: string): Promise<string> {
  const name = `${prefix}${String(Date.now()).slice(-6)}`;
  await page.goto("/console/apps");
  await page.getByRole("button", { name: "新的应用" }).click();
  await page.getByLabel("应用名称").fill(name);
  await page.getByRole("button", { name: "确定" }).click();
  await page.getByRole("link", { name: "下一步" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return name;
}

// 车牌识别 1000万次/年: a tier no other spec buys, so changing it cannot break their assertions.
const API = "plate";
const TIER = 10_000_000;
const ROW = "车牌识别 1000万次/年";

test("an operator changes a tier's price; 定价 and 选择配置 show it; the change is audited", async ({ page }) => {
  const s = seed();
  const db = process.env.DATABASE_URL ? postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} }) : null;
  const [orig] = db ? await db<{ unit_price_fen: number }[]>`select unit_price_fen from prices where api = ${API} and tier = ${TIER}` : [];
  const cents = 10_000 + (Date.now() % 9_000); // a fresh price each run: ¥48,1xx.xx
  const newYuan = `48${String(cents).padStart(5, "0").slice(0, 3)}.${String(cents % 100).padStart(2, "0")}`;
  const shown = `¥${Number(newYuan.split(".")[0]).toLocaleString("en-US")}.${newYuan.split(".")[1]}`;
  try {
    await login(page, s.operator.email, s.operator.password, SLOW);
    await page.goto("/ops/prices");
    const row = page.getByRole("form", { name: ROW });
    const before = await row.getByLabel(`${ROW} 单价`).inputValue();
    await row.getByLabel(`${ROW} 单价`).fill(newYuan);
    await row.getByRole("button", { name: `保存 ${ROW}` }).click();
    await expect(row.getByRole("status")).toContainText("已更新");

    // 定价 (public) reads the table live
    await page.goto("/pricing");
    const table = page.getByRole("table", { name: "车牌识别资源包价格" });
    await expect(table.getByRole("row", { name: /1000万次\/年/ })).toContainText(shown);

    // the audit log has who, before and after
    await page.goto("/ops/audit?action=price.update");
    const entry = page.getByRole("row", { name: new RegExp(`price:${API}:${TIER}`) }).first();
    await expect(entry).toContainText(s.operator.email);
    await expect(entry).toContainText(shown);
    await signOut(page);

    // 选择配置 of a customer's application shows the new unit price
    await login(page, s.customer.email, s.customer.password, SLOW);
    await newApp(page, "运营价格");
    await page.getByTestId("capability-plate").getByRole("link", { name: "购买" }).click();
    await expect(page).toHaveURL(/\/buy\/plate$/);
    await expect(page.getByTestId(`tier-${TIER}`)).toContainText(shown);
    await signOut(page);

    // restore through the UI (audited like any change)
    await login(page, s.operator.email, s.operator.password, SLOW);
    await page.goto("/ops/prices");
    const again = page.getByRole("form", { name: ROW });
    await again.getByLabel(`${ROW} 单价`).fill(before);
    await again.getByRole("button", { name: `保存 ${ROW}` }).click();
    await expect(again.getByRole("status")).toContainText("已更新");
  } finally {
    // safety net for a failed run: put the original price back
    if (db && orig) await db`update prices set unit_price_fen = ${orig.unit_price_fen} where api = ${API} and tier = ${TIER}`;
    await db?.end();
  }
});

test("an operator issues a coupon; the customer uses it to pay; it shows as 已使用", async ({ page }) => {
  const s = seed();
  const offFen = 101 + (Date.now() % 800); // ¥1.01 – ¥9.00, unique enough to find this coupon
  const off = `${Math.floor(offFen / 100)}.${String(offFen % 100).padStart(2, "0")}`;
  const note = `e2e 优惠券 ${Date.now()}`;

  await login(page, s.operator.email, s.operator.password, SLOW);
  // the demo runs a free public beta; end it for 车牌识别 1000次 so that tier is charged its list price (¥15)
  await page.goto("/ops/prices");
  const tier = page.getByRole("form", { name: "车牌识别 1000次/年" });
  await tier.getByLabel("车牌识别 1000次/年 公测价").fill("");
  await tier.getByLabel("车牌识别 1000次/年 公测截止").fill("");
  await tier.getByRole("button", { name: "保存 车牌识别 1000次/年" }).click();
  await expect(tier.getByRole("status")).toContainText(/已更新|未变化/);
  await page.goto(`/ops/promotions?email=${encodeURIComponent(s.customer.email)}`);
  const form = page.getByRole("form", { name: "发放优惠券" });
  await expect(form.getByLabel("账号邮箱")).toHaveValue(s.customer.email);
  await form.getByLabel("满减").check();
  await form.getByLabel(/门槛/).fill("10");
  await form.getByLabel(/减免金额/).fill(off);
  await form.getByLabel("有效天数").fill("7");
  await form.getByLabel("备注").fill(note);
  await form.getByRole("button", { name: "发放优惠券" }).click();
  await expect(form.getByRole("status")).toContainText(`已向 ${s.customer.email} 发放优惠券`);
  const issued = page.getByRole("table", { name: "优惠券" }).getByRole("row", { name: new RegExp(note) });
  await expect(issued).toContainText("未使用");
  await signOut(page);

  // the customer buys 车牌识别 1000次 (¥15 by default, above the ¥10 threshold) and pays with the coupon
  await login(page, s.customer.email, s.customer.password, SLOW);
  await newApp(page, "运营券");
  await page.getByTestId("capability-plate").getByRole("link", { name: "购买" }).click();
  await page.getByRole("button", { name: "增加1000次" }).click();
  await page.getByRole("link", { name: "下一步：确认配置" }).click();
  await page.getByLabel(/我已阅读并同意相关协议/).check();
  await page.getByRole("button", { name: "立即购买" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("待支付");
  const number = (await page.getByTestId("order-number").innerText()).trim();
  await page.getByRole("link", { name: "立即支付" }).click();
  const option = page.locator("option", { hasText: `满¥10.00减¥${off}` }).first();
  const value = await option.getAttribute("value");
  await page.getByRole("combobox", { name: /^优惠券/ }).selectOption(value!);
  await expect(page.getByText(`- ${off}元`)).toBeVisible(); // 优惠券优惠: - x.xx元
  await page.getByRole("button", { name: "立即支付" }).click();
  await expect(page.getByRole("heading", { name: "支付成功" })).toBeVisible();
  await signOut(page);

  // the operator sees the coupon used and the order's coupon discount
  await login(page, s.operator.email, s.operator.password, SLOW);
  await page.goto("/ops/promotions");
  await expect(page.getByRole("table", { name: "优惠券" }).getByRole("row", { name: new RegExp(note) })).toContainText("已使用");
  await page.goto(`/ops/orders?q=${number}`);
  const order = page.getByRole("table", { name: "订单列表" }).getByRole("row", { name: new RegExp(number) });
  await expect(order).toContainText("已完成");
  await expect(order).toContainText(`-¥${off}`);
});

test.describe("authorization: every /ops page and operator route", () => {
  const fill = (p: string) => p.replace("[id]", "app_doesnotmatter");

  test("a signed-out visitor is sent to /login by every page and route", async ({ page, request }) => {
    for (const { path } of OPS_PAGES) {
      await page.goto(fill(path));
      await expect(page, path).toHaveURL(/\/login/);
    }
    for (const r of OPS_ROUTES) {
      // proxy.ts redirects signed-out requests under /ops before the handler runs; the handler's
      // own 401 is covered by tests/ops/authz.test.ts. Either way no data comes back.
      const res = await request.fetch(r.path, { method: r.method, maxRedirects: 0 });
      if (res.status() === 307) expect(res.headers()["location"], r.path).toMatch(/\/login/);
      else expect(res.status(), r.path).toBe(401);
      expect(await res.text(), r.path).not.toContain("overview");
    }
  });

  test("a customer sees 无权访问 and no operator data, and gets 403 from routes", async ({ page }) => {
    const s = seed();
    await login(page, s.customer.email, s.customer.password, SLOW);
    for (const { path } of OPS_PAGES) {
      await page.goto(fill(path));
      await expect(page.getByRole("heading", { name: "无权访问" }), path).toBeVisible();
      await expect(page.getByRole("navigation", { name: "运营导航" }), path).toHaveCount(0);
      await expect(page.getByRole("table"), path).toHaveCount(0);
    }
    for (const r of OPS_ROUTES) {
      const res = await page.request.fetch(r.path, { method: r.method, maxRedirects: 0 });
      expect(res.status(), r.path).toBe(403);
    }
  });
});

test("an operator sets an application's rate limit, cancels its pack and disables it — each asks first and is audited", async ({ page }) => {
  const s = seed();
  // a fresh verified customer: free quota is once per person and API, so the demo customer's is long claimed
  const email = await registerNew(page, "Passw0rd!x", SLOW);
  await verifyRealNameUI(page);
  const name = await newApp(page, "运营停用");
  const appUrl = page.url();
  await page.getByTestId("capability-general").getByRole("button", { name: "领取免费额度" }).click();
  await expect(page.getByTestId("capability-general").getByRole("button", { name: "领取免费额度" })).toHaveCount(0);
  await signOut(page);

  await login(page, s.operator.email, s.operator.password, SLOW);
  await page.goto(`/ops/apps?q=${encodeURIComponent(name)}`);
  await page.getByRole("link", { name: `管理 ${name}` }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();

  await page.getByLabel("QPS 上限（次/秒）").fill("3");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("QPS 上限已设为 3")).toBeVisible();

  // 作废: 取消 leaves the pack alone; 确认作废 with a reason cancels it
  const packs = page.getByRole("table", { name: "资源包" });
  await packs.getByRole("button", { name: "作废" }).click();
  const dialog = page.getByRole("dialog", { name: "作废资源包" });
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(packs).toContainText("生效中");
  await packs.getByRole("button", { name: "作废" }).click();
  await dialog.getByLabel(/原因/).fill("e2e 作废测试");
  await dialog.getByRole("button", { name: "确认作废" }).click();
  await expect(packs).toContainText("已作废");
  await expect(packs).toContainText("e2e 作废测试");

  // 停用应用 with a reason
  await page.getByRole("button", { name: "停用应用" }).click();
  const stop = page.getByRole("dialog", { name: `停用应用「${name}」` });
  await stop.getByLabel(/原因/).fill("e2e 停用测试");
  await stop.getByRole("button", { name: "确认停用" }).click();
  await expect(page.getByRole("button", { name: "启用应用" })).toBeVisible();
  await expect(page.getByText("运营停用：e2e 停用测试")).toBeVisible();

  // 操作审计 lists all three with who and why
  const log = page.getByText("该应用的运营操作").locator("..").locator("..");
  await expect(log).toContainText("停用应用");
  await expect(log).toContainText("修改 QPS 上限");
  await page.goto("/ops/audit?q=e2e+作废测试");
  await expect(page.getByRole("table", { name: "操作审计" }).getByRole("row", { name: /作废资源包/ }).first()).toContainText(s.operator.email);
  await signOut(page);

  // the owner sees why and whom to contact, and cannot lift the platform's disable
  await login(page, email, "Passw0rd!x", SLOW);
  await page.goto(appUrl);
  await expect(page.getByText("该应用已被平台停用（原因：e2e 停用测试）")).toBeVisible();
  await expect(page.getByText(/您不能自行启用。如有疑问请联系/)).toBeVisible();
  await expect(page.getByRole("button", { name: "启用应用" })).toHaveCount(0);
});

test("an operator credits a customer's balance; the customer's 账户余额 shows it with the note", async ({ page }) => {
  const s = seed();
  const email = await registerNew(page);
  await signOut(page);

  await login(page, s.operator.email, s.operator.password, SLOW);
  await page.goto(`/ops/accounts?q=${encodeURIComponent(email)}`);
  await page.getByRole("button", { name: `调整 ${email} 的余额` }).click();
  const dialog = page.getByRole("dialog", { name: "调整余额" });
  await dialog.getByLabel("金额（元）").fill("12.34");
  await dialog.getByLabel(/备注/).fill("e2e 故障补偿");
  await dialog.getByRole("button", { name: "确认调整" }).click();
  // success closes the dialog (no second click can apply it again) and says the new balance
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "当前余额 ¥12.34" })).toBeVisible();
  // a debit beyond the balance is refused and the typed amount stays
  await page.getByRole("button", { name: `调整 ${email} 的余额` }).click();
  await dialog.getByLabel(/备注/).fill("e2e 超额扣减");
  await dialog.getByLabel("金额（元）").fill("-20");
  await dialog.getByRole("button", { name: "确认调整" }).click();
  await expect(dialog.getByRole("alert")).toContainText("余额不足");
  await expect(dialog.getByLabel("金额（元）")).toHaveValue("-20");
  await dialog.getByRole("button", { name: "关闭" }).click();
  await signOut(page);

  await login(page, email, "Passw0rd!x", SLOW);
  await page.goto("/console/billing");
  await expect(page.getByTestId("account-balance")).toHaveText("¥12.34");
  await expect(page.getByRole("table", { name: "收支明细" })).toContainText("e2e 故障补偿");
});

test("an operator changes how long job results are kept; the console says so; the change is audited", async ({ page }) => {
  const s = seed();
  const db = process.env.DATABASE_URL ? postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} }) : null;
  const [orig] = db ? await db<{ value: string }[]>`select value from settings where key = 'job_retention_days'` : [];
  try {
    await login(page, s.operator.email, s.operator.password, SLOW);
    await page.goto("/ops/prices");
    const field = page.getByLabel("结果保留天数");
    const before = await field.inputValue();
    const days = before === "30" ? "31" : "30";
    await field.fill(days);
    await page.getByRole("button", { name: "保存保留天数" }).click();
    await expect(page.getByText(`异步任务结果改为保留 ${days} 天`)).toBeVisible();

    await page.goto("/ops/audit?action=settings.job_retention");
    const entry = page.getByRole("row", { name: /job_retention_days/ }).first();
    await expect(entry).toContainText(s.operator.email);
    await expect(entry).toContainText(days);
    await signOut(page);

    // the customer's 异步任务 page states the period in force
    await login(page, s.customer.email, s.customer.password, SLOW);
    await page.goto("/console/apps");
    await page.getByRole("link", { name: "演示应用OCR" }).first().click();
    await page.getByRole("link", { name: "异步任务" }).first().click();
    await expect(page.getByText(`结果在任务结束后保留 ${days} 天`)).toBeVisible();
    await signOut(page);

    await login(page, s.operator.email, s.operator.password, SLOW);
    await page.goto("/ops/prices");
    await page.getByLabel("结果保留天数").fill(before);
    await page.getByRole("button", { name: "保存保留天数" }).click();
    await expect(page.getByText(`异步任务结果改为保留 ${before} 天`)).toBeVisible();
  } finally {
    if (db) {
      if (orig) await db`update settings set value = ${orig.value} where key = 'job_retention_days'`;
      else await db`delete from settings where key = 'job_retention_days'`;
    }
    await db?.end();
  }
});
