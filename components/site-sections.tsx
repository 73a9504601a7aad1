import { ADVANTAGES, SCENARIOS } from "@/lib/docs/site";
import { cx } from "./ui";

/** 使用场景 of the site pages: three columns of title and text. */
export function ScenarioGrid({ className }: { className?: string }) {
  return (
    <div className={cx("grid gap-6 md:grid-cols-3", className)}>
      {SCENARIOS.map((s) => (
        <div key={s.title}>
          <h3 className="font-medium text-slate-900">{s.title}</h3>
          <p className="mt-2 text-sm leading-6 text-slate-600">{s.text}</p>
        </div>
      ))}
    </div>
  );
}

/** 产品优势 of the site pages: a card per advantage. */
export function AdvantageCards({ className }: { className?: string }) {
  return (
    <div className={cx("grid gap-4 sm:grid-cols-2 lg:grid-cols-4", className)}>
      {ADVANTAGES.map((a) => (
        <div key={a.title} className="rounded-lg border border-slate-200 bg-white p-5">
          <h3 className="font-medium text-slate-900">{a.title}</h3>
          <p className="mt-2 text-sm leading-6 text-slate-600">{a.text}</p>
        </div>
      ))}
    </div>
  );
}
