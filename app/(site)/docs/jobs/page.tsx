import type { Metadata } from "next";
import { CodeBlock } from "@/components/code-block";
import { JOB_STATES } from "@/db/schema/jobs";
import { API_ROUTES } from "@/lib/api/spec";
import { jobPath } from "@/lib/jobs/routes";
import { JOB_NOTES } from "@/lib/jobs/spec";
import { MAX_JOB_IMAGES } from "@/lib/jobs/limits";

export const metadata: Metadata = { title: "异步批量任务" };

const H2 = "mt-10 scroll-mt-20 text-xl font-semibold text-slate-900";
const P = "mt-3 text-sm leading-7 text-slate-600";

const SUBMIT = `{"data": ["<图片1的Base64>", "<图片2的Base64>", "..."], "callback_url": "https://example.com/ocr-jobs"}`;
const SUBMITTED = JSON.stringify(
  { code: 0, job_id: "job_0123456789abcdef", api: "general", state: "排队中", progress: { done: 0, total: 800 }, message: { success: 0, fail: 0 }, queued: 800 },
  null,
  2,
);
const STATUS = `{"job_id": "job_0123456789abcdef", "page": 1, "page_size": 100}`;
const VERIFY = `import hmac, hashlib, time

def verify(app_secret: str, raw_body: bytes, header: str) -> bool:
    parts = dict(kv.split("=", 1) for kv in header.split(","))
    if abs(time.time() - int(parts["t"])) > 300:
        return False
    mac = hmac.new(app_secret.encode(), parts["t"].encode() + b"." + raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac, parts["v1"])`;

export default function JobsDocs() {
  return (
    <article>
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">异步批量任务</h1>
      <p className={P}>
        同步接口每次最多 50 张图片、需要等待识别完成。大批量图片（如扫描档案）可提交异步任务：一次最多 {MAX_JOB_IMAGES} 张（请求体不超过 100 MB），立即返回
        job_id，之后查询进度与结果，或在任务结束时接收回调。三个接口都提供，使用各自的服务码。
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm leading-7 text-slate-600">
        {JOB_NOTES.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>

      <h2 id="paths" className={H2}>
        路径
      </h2>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">异步任务路径</caption>
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-3 font-normal">接口</th>
              <th className="py-1 pr-3 font-normal">提交</th>
              <th className="py-1 pr-3 font-normal">查询</th>
              <th className="py-1 font-normal">取消</th>
            </tr>
          </thead>
          <tbody className="font-mono text-xs">
            {API_ROUTES.map((r) => (
              <tr key={r.api} className="border-t border-slate-100">
                <td className="py-2 pr-3 font-sans">{r.title}</td>
                <td className="py-2 pr-3">POST {jobPath(r.api, "submit")}</td>
                <td className="py-2 pr-3">POST {jobPath(r.api, "status")}</td>
                <td className="py-2">POST {jobPath(r.api, "cancel")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="states" className={H2}>
        任务状态
      </h2>
      <p className={P}>{JOB_STATES.join(" → ")}：排队中的任务在第一张图片开始识别时变为处理中；全部成功为已完成，有任何图片失败为部分失败；取消后未识别的图片返回 4202，不计费。</p>

      <h2 id="example" className={H2}>
        示例
      </h2>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <CodeBlock title="提交请求体" code={SUBMIT} />
        <CodeBlock title="提交响应" code={SUBMITTED} />
        <CodeBlock title="查询请求体（/status）" code={STATUS} />
        <CodeBlock title="校验回调签名（Python）" code={VERIFY} />
      </div>
    </article>
  );
}
