"use client";

import { useEffect, useRef, useState, type ChangeEvent } from "react";
import type { ApiKindColumn } from "@/db/schema";
import { MAX_JOB_BODY_BYTES, MAX_JOB_IMAGES } from "@/lib/jobs/caps";
import { bytesToBase64 } from "@/lib/playground/validate";
import { ProgressBar } from "../progress-bar";
import { Alert, Badge, Button, Card } from "../ui";

/** The job as GET /api/console/playground/job returns it (lib/jobs/manage jobView). */
interface JobView {
  job_id: string;
  state: "排队中" | "处理中" | "已完成" | "部分失败" | "已取消";
  progress: { done: number; total: number };
  message: { success: number; fail: number };
}

const IMAGE_NAME = /\.(png|jpe?g|bmp)$/i;
const ACTIVE = ["排队中", "处理中"];
const POLL_MS = 1500;

function pathOf(f: File): string {
  return (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * 文件夹批量识别: a folder (or many files) of images submitted as one asynchronous job of the
 * chosen application and API, with its progress and, when it ends, its results as JSON or CSV.
 * The parent keys it by application and API, so choosing another starts over.
 */
const FILE_INPUT_CLASS =
  "block text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm";

export function FolderJob({ appId, api }: { appId: string; api: ApiKindColumn }) {
  const [files, setFiles] = useState<File[]>([]);
  const [skipped, setSkipped] = useState(0);
  const [phase, setPhase] = useState<"idle" | "reading" | "uploading">("idle");
  const [job, setJob] = useState<JobView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  // React has no prop for these attributes: set them on the element.
  useEffect(() => {
    folderInput.current?.setAttribute("webkitdirectory", "");
    folderInput.current?.setAttribute("directory", "");
  }, []);

  // Follow the job until it ends.
  const jobId = job?.job_id;
  const running = job ? ACTIVE.includes(job.state) : false;
  useEffect(() => {
    if (!jobId || !running) return;
    let stop = false;
    const t = setInterval(async () => {
      const res = await fetch(`/api/console/playground/job?appId=${encodeURIComponent(appId)}&jobId=${encodeURIComponent(jobId)}`).catch(() => null);
      if (stop || !res?.ok) return;
      setJob((await res.json()) as JobView);
    }, POLL_MS);
    return () => {
      stop = true;
      clearInterval(t);
    };
  }, [appId, jobId, running]);

  const choose = (list: FileList | null) => {
    const all = Array.from(list ?? []);
    const images = all.filter((f) => IMAGE_NAME.test(f.name)).sort((a, b) => pathOf(a).localeCompare(pathOf(b), "zh-CN"));
    setFiles(images);
    setSkipped(all.length - images.length);
    setFailure(null);
  };

  const bytes = files.reduce((n, f) => n + f.size, 0);
  // Base64 is 4/3 of the bytes; the job's body cap is on the request.
  const tooBig = (bytes * 4) / 3 > MAX_JOB_BODY_BYTES;
  const tooMany = files.length > MAX_JOB_IMAGES;

  const submit = async () => {
    setFailure(null);
    setPhase("reading");
    try {
      const images: string[] = [];
      for (const f of files) images.push(bytesToBase64(new Uint8Array(await f.arrayBuffer())));
      setPhase("uploading");
      const res = await fetch("/api/console/playground/job", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ appId, api, images }),
      });
      const json = (await res.json().catch(() => null)) as { message?: string; body?: Record<string, unknown> } | null;
      if (!res.ok) {
        setFailure(json?.message ?? `提交失败（HTTP ${res.status}）`);
        return;
      }
      const body = json?.body ?? {};
      if (body.code !== 0) {
        setFailure(`${String(body.code)} ${String(body.details ?? body.message ?? "提交失败")}`);
        return;
      }
      setJob({ job_id: String(body.job_id), state: body.state as JobView["state"], progress: body.progress as JobView["progress"], message: { success: 0, fail: 0 } });
    } catch {
      setFailure("网络异常，请重试");
    } finally {
      setPhase("idle");
    }
  };

  const download = (format: "json" | "csv") => `/console/apps/${appId}/jobs/${job?.job_id}/download?format=${format}`;

  /** Takes the chosen files and clears the input, so choosing the same folder again counts. */
  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    choose(e.target.files);
    e.target.value = "";
  };
  return (
    <Card title="文件夹批量识别（异步任务）">
      <p className="text-sm leading-6 text-slate-600">
        选择一个文件夹或多张图片（最多 {MAX_JOB_IMAGES} 张，合计约 {mb((MAX_JOB_BODY_BYTES * 3) / 4)} 以内），作为一个异步任务提交给所选应用与接口；
        每张成功识别的图片扣减 1 次调用次数。任务在后台处理，关闭页面也会继续，可在应用的“异步任务”中查看和下载结果。
      </p>
      <div className="mt-4 flex flex-wrap items-end gap-4">
        <div className="space-y-1.5">
          <label htmlFor="pg-folder" className="block text-sm font-medium text-slate-700">
            选择文件夹
          </label>
          <input
            ref={folderInput}
            id="pg-folder"
            type="file"
            multiple
            data-testid="folder-input"
            className={FILE_INPUT_CLASS}
            onChange={pick}
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="pg-many" className="block text-sm font-medium text-slate-700">
            或选择多张图片
          </label>
          <input
            id="pg-many"
            type="file"
            multiple
            accept=".png,.jpg,.jpeg,.bmp,image/png,image/jpeg,image/bmp"
            data-testid="many-input"
            className={FILE_INPUT_CLASS}
            onChange={pick}
          />
        </div>
      </div>
      {files.length > 0 && (
        <p className="mt-3 text-sm text-slate-700" data-testid="folder-summary">
          已选择 {files.length} 张图片，共 {mb(bytes)}
          {skipped > 0 && <span className="text-slate-500">（已跳过 {skipped} 个非图片文件）</span>}
        </p>
      )}
      {tooMany && (
        <div className="mt-3">
          <Alert tone="amber">一个任务最多 {MAX_JOB_IMAGES} 张图片，请分成几个文件夹提交。</Alert>
        </div>
      )}
      {tooBig && !tooMany && (
        <div className="mt-3">
          <Alert tone="amber">图片合计超过任务的 100MB 请求上限，请分成几个文件夹提交。</Alert>
        </div>
      )}
      <div className="mt-4">
        <Button type="button" onClick={() => void submit()} disabled={files.length === 0 || tooMany || tooBig || phase !== "idle" || running}>
          {phase === "reading" ? "读取图片…" : phase === "uploading" ? "上传中…" : `提交异步任务（${files.length} 张）`}
        </Button>
      </div>
      {failure && (
        <div className="mt-3">
          <Alert>{failure}</Alert>
        </div>
      )}
      {job && (
        <div className="mt-4 space-y-3 rounded-lg border border-slate-200 p-4" data-testid="folder-job">
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span className="font-mono text-xs text-slate-600">{job.job_id}</span>
            <Badge tone={job.state === "已完成" ? "green" : job.state === "部分失败" ? "red" : job.state === "处理中" ? "amber" : "slate"}>{job.state}</Badge>
            <span className="text-slate-600">
              成功 {job.message.success} · 失败 {job.message.fail}
            </span>
          </div>
          <ProgressBar done={job.progress.done} total={job.progress.total} label="文件夹任务进度" />
          {!running && (
            <div className="flex flex-wrap gap-4 text-sm">
              <a className="text-brand-600 hover:underline" href={download("json")} download>
                下载结果 JSON
              </a>
              <a className="text-brand-600 hover:underline" href={download("csv")} download>
                下载结果 CSV
              </a>
              <a className="text-brand-600 hover:underline" href={`/console/apps/${appId}/jobs`}>
                在“异步任务”中查看
              </a>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
