import type { Metadata } from "next";
import { ConsoleShell } from "@/components/console-shell";
import { requireUser } from "@/app/_server/session";
import { shellProps } from "@/app/_server/shell";
import { ButtonLink } from "@/components/ui";
import { OpsNav } from "@/components/ops/ops-nav";
import { OPS_PAGES } from "./routes";

const NAV = OPS_PAGES.filter((p) => !("nav" in p)).map(({ path, label }) => ({ path, label }));

export const metadata: Metadata = { title: "运营" }; // each page names itself: "<page> · 运营"

/**
 * /ops is for operators; a customer sees a refusal page (HTTP 200 page, no data rendered).
 * Each page checks the role again (opsPage), and every action and route handler checks it too.
 */
export default async function OpsLayout({ children }: { children: React.ReactNode }) {
  const { db, user } = await requireUser();
  const shell = await shellProps(db, user);
  if (user.role !== "operator") {
    return (
      <ConsoleShell {...shell}>
        <div className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
          <h1 className="text-lg font-semibold text-slate-900">无权访问</h1>
          <p className="mt-2 text-sm text-slate-600">运营后台仅对运营人员开放。如需权限，请联系管理员。</p>
          <div className="mt-6">
            <ButtonLink href="/console">返回控制台</ButtonLink>
          </div>
        </div>
      </ConsoleShell>
    );
  }
  return (
    <ConsoleShell {...shell}>
      <OpsNav items={NAV} />
      {children}
    </ConsoleShell>
  );
}
