import type { Metadata } from "next";
import { requireUser } from "@/app/_server/session";
import { PasswordForm, ProfileForm, VerifyForm } from "@/components/account-forms";
import { AccessKeySection } from "./access-key-section";
import { Badge, Card, DescList, PageHeader } from "@/components/ui";
import { shTime } from "@/lib/format";

export const metadata: Metadata = { title: "账户" };

export default async function AccountPage() {
  const { user } = await requireUser();
  const verified = !!user.verifiedAt;
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
          <Card title={<span className="flex items-center gap-2">实名认证 {verified ? <Badge tone="green">已实名</Badge> : <Badge tone="amber">未实名</Badge>}</span>}>
            {verified ? (
              <DescList
                items={[
                  { label: "真实姓名", value: user.realName },
                  { label: "身份证号", value: <span className="font-mono">{user.idNumberMasked}</span> },
                  { label: "认证时间", value: shTime(user.verifiedAt) },
                ]}
              />
            ) : (
              <VerifyForm />
            )}
          </Card>
        </div>
        <AccessKeySection userId={user.id} />
      </div>
    </>
  );
}
