import { closeDb, getDb } from "../db";
import { seedDemo } from "../db/seed";

const out = await seedDemo(await getDb());
await closeDb();
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(out));
} else {
  console.log("演示数据已就绪（这是演示环境：以下账号密码公开，请勿用于生产）：");
  console.log(`  客户账号  ${out.customer.email} / ${out.customer.password}`);
  console.log(`  运营账号  ${out.operator.email} / ${out.operator.password}`);
  console.log(`  AppKey    ${out.app.appKey}`);
  console.log(`  AccessKey ${out.accessKey.ak}（SK 见 --json 输出）`);
  console.log(`  服务码    通用型OCR ${out.app.serviceCodes.general} · 身份证识别 ${out.app.serviceCodes.idcard} · 车牌识别 ${out.app.serviceCodes.plate}`);
}
