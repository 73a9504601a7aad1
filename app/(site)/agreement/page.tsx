import type { Metadata } from "next";

export const metadata: Metadata = { title: "公测产品服务协议" };

const SECTIONS: { title: string; items: string[] }[] = [
  {
    title: "一、协议的范围",
    items: [
      "本协议是您与本平台之间就印刷文字识别 OCR 公测产品（通用型 OCR、身份证识别、车牌识别，以下简称“公测产品”）的使用所订立的协议。",
      "您在订购页面勾选“我已阅读并同意相关协议”并提交订单，即表示您已充分阅读、理解并同意本协议的全部内容。",
    ],
  },
  {
    title: "二、公测说明",
    items: [
      "公测产品处于公开测试阶段，本平台可能根据测试情况调整产品功能、接口与服务规格，并将提前在产品页面或控制台公告。",
      "公测期间的价格以订购页面显示的公测价为准；公测截止时间之后，价格按届时公布的价格执行，已支付的资源包不受影响。",
      "公测产品不承诺服务等级（SLA），本平台将尽合理努力保障服务的可用性与识别质量。",
    ],
  },
  {
    title: "三、资源包与计费",
    items: [
      "公测产品以年度资源包方式订购，资源包可叠加，自支付成功起一年内有效。",
      "有效期内未使用的次数不会流转至下一年；对于有效期内未使用的剩余调用次数，不支持退订。",
      "资源包次数用完后，对应接口的调用将被拒绝，直至您购买新的资源包。",
      "支付订单前，账户所有者须完成实名认证。",
    ],
  },
  {
    title: "四、您的权利与义务",
    items: [
      "您应妥善保管 AppKey 与 AppSecret，因密钥泄露造成的调用与损失由您承担；如怀疑泄露，请立即在控制台重置 AppSecret。",
      "您上传的图片应具有合法来源；涉及个人信息（如身份证图片）的，您应已依法取得个人的同意，并仅将识别结果用于合法、正当、必要的目的。",
      "您不得利用公测产品从事违反法律法规、侵害他人合法权益或干扰平台正常运行的行为。",
    ],
  },
  {
    title: "五、数据与隐私",
    items: [
      "本平台仅为完成识别处理您上传的图片，识别完成后不留存图片内容；调用记录（时间、接口、结果状态、耗时、流量）用于计费、监控与告警。",
      "实名认证时，本平台仅保存您的姓名、打码后的身份证号及其摘要，不保存完整身份证号。",
    ],
  },
  {
    title: "六、服务的变更与终止",
    items: [
      "您可以随时停用或删除应用；删除后应用无法恢复，剩余资源包次数不予退还。",
      "您违反本协议的，本平台有权暂停或终止向您提供服务。",
    ],
  },
  {
    title: "七、其他",
    items: ["本协议的订立、效力、解释与争议解决适用中华人民共和国法律。", "本协议如有更新，将在本页面公布，更新后继续使用公测产品即视为接受更新后的协议。"],
  },
];

export default function AgreementPage() {
  return (
    <main className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">《公测产品服务协议》</h1>
      <p className="mt-2 text-sm text-slate-500">版本 V1.0</p>
      <div className="mt-8 space-y-8 rounded-lg border border-slate-200 bg-white p-6 sm:p-8">
        {SECTIONS.map((s) => (
          <section key={s.title}>
            <h2 className="text-lg font-semibold text-slate-900">{s.title}</h2>
            <ol className="mt-3 list-decimal space-y-2 pl-5 text-sm leading-7 text-slate-600">
              {s.items.map((it) => (
                <li key={it}>{it}</li>
              ))}
            </ol>
          </section>
        ))}
      </div>
    </main>
  );
}
