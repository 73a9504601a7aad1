import type { Metadata } from "next";
import { requireUser } from "@/app/_server/session";
import { PasswordForm, ProfileForm, VerifyForm } from "@/components/account-forms";
import { AccessKeySection } from "./access-key-section";
import { RealNameBadge } from "@/components/real-name-badge";
import { Alert, ButtonLink, Card, DescList, PageHeader } from "@/components/ui";
import { freeTestIdNumber } from "@/lib/accounts/test-id-number";
import { shTime } from "@/lib/format";
import { returnLabel, safeReturnPath } from "@/lib/net/return-to";

export const metadata: Metadata = { title: "账户" };

type Search = Promise<{ returnTo?: string | string[] }>;

export default async function AccountPage({ searchParams }: { searchParams: Search }) {
  const { db, user } = await requireUser();
  const verified = !!user.verifiedAt;
  const raw = (await searchParams).returnTo;
  // the order (or application) that sent the customer here to verify, if it is a console page
  const back = safeReturnPath(Array.isArray(raw) ? raw[0] : raw, "/console/");
  // the demo suggests a test number; it must be one nobody has used (else the hint fails)
  const testIdNumber = !verified && user.role === "customer" && process.env.DEMO === "1" ? await freeTestIdNumber(db) : undefined;
  return (
    <>
      <PageHeader title="账户" description="账户资料、登录密码与实名认证。" />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="基本资料">
          <ProfileForm email={user.email} name={user.name} phone={user.phone} />
        </Card>
        <Card title="修改密码">
          <PasswordForm />
        </Card>
        <div id="verify" className="scroll-mt-20 lg:col-span-2">
          <Card title={<span className="flex items-center gap-2">实名认证 <RealNameBadge role={user.role} verified={verified} /></span>}>
            {back && (
              <div className="mb-4">
                <Alert tone={verified ? "green" : "blue"}>
                  <span className="flex flex-wrap items-center justify-between gap-2">
                    <span>{verified ? "实名认证已完成，可以回到刚才的页面继续。" : "完成实名认证后，可以回到刚才的页面继续。"}</span>
                    <ButtonLink href={back} variant={verified ? "primary" : "secondary"} className="shrink-0">
                      {returnLabel(back)}
                    </ButtonLink>
                  </span>
                </Alert>
              </div>
            )}
            {user.role === "operator" && !verified ? (
              <p className="text-sm text-slate-600">运营账号无需实名认证：实名认证是客户领取免费额度、购买与支付资源包的前提。</p>
            ) : verified ? (
              <DescList
                items={[
                  { label: "真实姓名", value: user.realName },
                  { label: "身份证号", value: <span className="font-mono">{user.idNumberMasked}</span> },
                  { label: "认证时间", value: shTime(user.verifiedAt) },
                ]}
              />
            ) : (
              <VerifyForm testIdNumber={testIdNumber} />
            )}
          </Card>
        </div>
        <AccessKeySection userId={user.id} />
      </div>
    </>
  );
}
