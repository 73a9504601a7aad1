import { ButtonLink, EmptyState } from "@/components/ui";

export default function AppNotFound() {
  return <EmptyState title="应用不存在" description="该应用不存在、已被删除，或不属于当前账户。" action={<ButtonLink href="/console/apps">返回我的应用</ButtonLink>} />;
}
