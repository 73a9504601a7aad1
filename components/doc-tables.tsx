import { Badge, Table, Td } from "./ui";

/** Tables of the 文档 pages: fields and error codes, one look everywhere. */

export function FieldTable({ rows, caption, nameHead = "参数" }: { rows: readonly { name: string; required: boolean; type: string; description: string }[]; caption: string; nameHead?: string }) {
  return (
    <Table head={[nameHead, "是否必选", "类型", "说明"]} caption={caption}>
      {rows.map((r) => (
        <tr key={r.name}>
          <Td className="font-mono text-xs text-slate-900">{r.name}</Td>
          <Td>{r.required ? "true" : "false"}</Td>
          <Td className="text-slate-500">{r.type}</Td>
          <Td wrap className="min-w-[16rem] leading-6">{r.description || "—"}</Td>
        </tr>
      ))}
    </Table>
  );
}

const scopeLabel = { request: "整次请求", image: "单张图片", both: "两者皆可" } as const;

export function ErrorCodeTable({ codes }: { codes: readonly { code: number; message: string; fix: string; status: number; scope: keyof typeof scopeLabel }[] }) {
  return (
    <Table head={["错误码", "错误信息", "HTTP 状态", "范围", "处理建议"]} caption="错误码">
      {codes.map((c) => (
        <tr key={c.code} id={`code-${c.code}`}>
          <Td className="font-mono font-medium text-slate-900">{c.code}</Td>
          <Td wrap className="min-w-[14rem] leading-6">{c.message}</Td>
          <Td>{c.status}</Td>
          <Td>
            <Badge tone={c.scope === "image" ? "amber" : c.scope === "both" ? "blue" : "slate"}>{scopeLabel[c.scope]}</Badge>
          </Td>
          <Td wrap className="min-w-[16rem] leading-6 text-slate-600">{c.fix}</Td>
        </tr>
      ))}
    </Table>
  );
}
