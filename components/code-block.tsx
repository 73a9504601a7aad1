import { CopyButton } from "./copy-button";

/** A block of code or JSON with a title and a copy button; scrolls sideways on small screens. */
export function CodeBlock({ code, title, label }: { code: string; title?: string; label?: string }) {
  return (
    <figure className="overflow-hidden rounded-lg border border-slate-200 bg-slate-900">
      <figcaption className="flex items-center justify-between gap-2 border-b border-slate-700 px-4 py-1.5 text-xs text-slate-300">
        <span>{title ?? ""}</span>
        <CopyButton text={code} label={label ?? `复制${title ?? "代码"}`} />
      </figcaption>
      <pre className="overflow-x-auto p-4 text-xs leading-5 text-slate-100">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
