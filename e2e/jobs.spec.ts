/**
 * 异步任务 in Chromium against next start (the embedded engine recognises the images): a folder
 * chosen in 在线调试 runs as a job with a progress bar and downloadable results; the job appears
 * in the application's 异步任务 with its progress, its results download as JSON and CSV; a
 * running job submitted through the signed API is cancelled after a confirmation.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Download, type Page } from "@playwright/test";
import { jobPath } from "../lib/jobs/routes";
import { renderTextPage } from "../lib/render/textpage";
import { computeSign } from "../lib/signature";
import { login, seed } from "./helpers";

const SLOW = { timeout: 120_000 };

async function text(d: Download): Promise<string> {
  return fs.readFileSync((await d.path())!, "utf8");
}

async function openPlayground(page: Page): Promise<void> {
  const s = seed();
  await login(page, s.customer.email, s.customer.password);
  await page.goto("/console/playground");
  await page.getByLabel("应用").selectOption({ label: "演示应用OCR" });
}

test("a folder in 在线调试 runs as a job: progress, then results as JSON and CSV; the job is listed in 异步任务", async ({ page }) => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-folder-"));
  const tag = String(Date.now() % 100000).padStart(5, "0");
  const lines = [`批次${tag}甲`, `批次${tag}乙`, `批次${tag}丙`];
  for (const [i, line] of lines.entries()) fs.writeFileSync(path.join(dir, `scan-${i + 1}.png`), await renderTextPage([line], { size: 36 }));
  fs.writeFileSync(path.join(dir, "说明.txt"), "not an image");

  await openPlayground(page);
  await page.getByLabel("选择文件夹").setInputFiles(dir);
  await expect(page.getByTestId("folder-summary")).toContainText("已选择 3 张图片");
  await expect(page.getByTestId("folder-summary")).toContainText("已跳过 1 个非图片文件");
  await page.getByRole("button", { name: "提交异步任务（3 张）" }).click();

  const box = page.getByTestId("folder-job");
  await expect(box.getByRole("progressbar", { name: "文件夹任务进度" })).toBeVisible();
  await expect(box.getByText("已完成")).toBeVisible(SLOW);
  await expect(box.getByRole("progressbar", { name: "文件夹任务进度" })).toHaveAttribute("aria-valuenow", "3");
  const jobId = (await box.locator(".font-mono").textContent())!.trim();
  expect(jobId).toMatch(/^job_/);

  const [json] = await Promise.all([page.waitForEvent("download"), box.getByRole("link", { name: "下载结果 JSON" }).click()]);
  const body = JSON.parse(await text(json)) as { job_id: string; state: string; result: { detail: { text: string }[] }[] };
  expect(body).toMatchObject({ job_id: jobId, state: "已完成" });
  // the folder's order (file names), each image's own text read back
  body.result.forEach((r) => expect(r.detail.map((d) => d.text).join("")).toContain(`${tag}`));
  expect(body.result.map((r) => r.detail.map((d) => d.text).join("")).join("|")).toMatch(new RegExp(`甲.*\\|.*乙.*\\|.*丙`));

  await box.getByRole("link", { name: "在“异步任务”中查看" }).click();
  await expect(page.getByRole("heading", { name: "异步任务" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: jobId });
  await expect(row).toContainText("已完成");
  await expect(row).toContainText("3 / 0");
  await expect(row.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "3");
  const [csv] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: "CSV" }).click()]);
  const table = await text(csv);
  for (const l of lines) expect(table).toContain(l.slice(-1));
  expect(table).toContain(tag);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a running job is cancelled after a confirmation: the rest is not recognised", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const s = seed();
  // COUNT images through the signed jobs API, so the job is still running when the page opens and
  // the cancel lands (40 were all read before the click once the engine got faster)
  const COUNT = 200;
  const images = await Promise.all(Array.from({ length: COUNT }, (_, i) => renderTextPage([`取消测试 ${i}`], { size: 32 })));
  const p = jobPath("general", "submit").replace("{serviceCode}", s.app.serviceCodes.general);
  const body = JSON.stringify({ data: images.map((b) => b.toString("base64")) });
  const ts = String(Date.now());
  const res = await fetch(baseURL + p, {
    method: "POST",
    headers: { "content-type": "application/json", AppKey: s.app.appKey, Timestamp: ts, Sign: computeSign(s.app.appKey, s.app.appSecret, ts, p, body) },
    body,
  });
  const sub = (await res.json()) as { code: number; job_id: string };
  expect(sub.code).toBe(0);

  await login(page, s.customer.email, s.customer.password);
  await page.goto("/console/apps");
  await page.getByRole("link", { name: "演示应用OCR" }).first().click();
  await page.getByRole("link", { name: "异步任务" }).first().click();
  const row = page.getByRole("row").filter({ hasText: sub.job_id });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "取消" }).click();
  const dialog = page.getByRole("dialog", { name: "取消任务" });
  await expect(dialog).toContainText("将不再识别，也不计费");
  await dialog.getByRole("button", { name: "确认取消" }).click();
  await expect(row).toContainText("已取消", SLOW);
  await expect(row.getByRole("progressbar")).toHaveAttribute("aria-valuenow", String(COUNT));
  await expect(row.getByRole("button", { name: "取消" })).toHaveCount(0);
  const [json] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: "JSON" }).click()]);
  const results = (JSON.parse(await text(json)) as { result: { err_code?: number }[] }).result;
  expect(results.filter((r) => r.err_code === 4202).length).toBeGreaterThan(0);
});
