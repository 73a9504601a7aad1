import type { Metadata } from "next";
import { requireUser } from "@/app/_server/session";
import { ButtonLink, Card, PageHeader } from "@/components/ui";

export const metadata: Metadata = { title: "控制台" };

export default async function ConsoleHome() {
  const { user } = await requireUser();
  return (
    <>
      <PageHeader title="控制台概览" description={`欢迎，${user.name || user.email}`} actions={<ButtonLink href="/console/apps?new=1">新的应用</ButtonLink>} />
      <Card title="快速开始">
        <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-600">
          <li>在“我的应用”中创建应用，获取 AppKey、AppSecret 与各接口的服务码。</li>
          <li>在“我的能力”中领取免费额度或购买资源包。</li>
          <li>按 API 文档签名调用，或先在“在线调试”中上传图片试用。</li>
        </ol>
      </Card>
    </>
  );
}
