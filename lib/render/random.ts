/** Seeded randomness and sample identities for rendered test images. */
import { makeIdn } from "../idcard/checksum";

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国文辉红玉梅志鹏飞宇浩然晨阳雪琳欣怡子涵思远嘉";
const NATIONS = ["汉", "汉", "汉", "回", "满", "蒙古", "壮", "苗", "维吾尔", "土家", "藏", "朝鲜"];
const REGIONS: [string, string, string][] = [
  ["110105", "北京市朝阳区", "北京市公安局朝阳分局"],
  ["310104", "上海市徐汇区", "上海市公安局徐汇分局"],
  ["440305", "广东省深圳市南山区", "深圳市公安局南山分局"],
  ["330106", "浙江省杭州市西湖区", "杭州市公安局西湖分局"],
  ["510107", "四川省成都市武侯区", "成都市公安局武侯分局"],
  ["620102", "甘肃省兰州市城关区", "兰州市公安局城关分局"],
  ["420106", "湖北省武汉市武昌区", "武汉市公安局武昌分局"],
  ["370202", "山东省青岛市市南区", "青岛市公安局市南分局"],
];
const STREETS = ["解放路", "人民大道", "建设街", "中山北路", "和平里", "幸福小区", "长江路", "文化巷", "光明街道", "新华路"];

export interface Identity {
  name: string;
  sex: "男" | "女";
  nation: string;
  birth: { y: number; m: number; d: number };
  addr: string;
  idn: string;
  org: string;
  validperiod: string;
}

export function randomIdentity(seed: number): Identity {
  const r = rng(seed);
  const name = pick(r, [...SURNAMES]) + pick(r, [...GIVEN]) + (r() < 0.6 ? pick(r, [...GIVEN]) : "");
  const sex = r() < 0.5 ? "男" : "女";
  const y = 1950 + Math.floor(r() * 55), m = 1 + Math.floor(r() * 12), d = 1 + Math.floor(r() * 28);
  const [code, place, org] = pick(r, REGIONS);
  const addr = `${place}${pick(r, STREETS)}${1 + Math.floor(r() * 300)}号${r() < 0.6 ? `${1 + Math.floor(r() * 30)}栋${1 + Math.floor(r() * 6)}单元${101 + Math.floor(r() * 1800)}室` : ""}`;
  const birth = `${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}`;
  const idn = makeIdn(code, birth, Math.floor(r() * 1000), sex);
  const iy = 2005 + Math.floor(r() * 18), im = 1 + Math.floor(r() * 12), id = 1 + Math.floor(r() * 28);
  const ds = `${String(im).padStart(2, "0")}.${String(id).padStart(2, "0")}`;
  const span = r() < 0.15 ? "长期" : `${iy + pick(r, [10, 20])}.${ds}`;
  return { name, sex, nation: pick(r, NATIONS), birth: { y, m, d }, addr, idn, org, validperiod: `${iy}.${ds}-${span}` };
}

export function randomPlate(seed: number, type?: "蓝牌" | "黄牌" | "绿牌" | "白牌" | "黑牌"): { text: string; type: "蓝牌" | "黄牌" | "绿牌" | "白牌" | "黑牌"; rows: 1 | 2 } {
  const r = rng(seed);
  const P = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
  const L = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  const X = L + "0123456789";
  const t = type ?? pick(r, ["蓝牌", "蓝牌", "黄牌", "绿牌", "白牌", "黑牌"] as const);
  const head = pick(r, [...P]) + pick(r, [...L]);
  const xs = (n: number) => Array.from({ length: n }, () => (r() < 0.7 ? String(Math.floor(r() * 10)) : pick(r, [...X]))).join("");
  const ds = (n: number) => Array.from({ length: n }, () => String(Math.floor(r() * 10))).join("");
  if (t === "绿牌") return { text: head + (r() < 0.7 ? pick(r, ["D", "F"]) + xs(1) + ds(4) : ds(5) + pick(r, ["D", "F"])), type: t, rows: 1 };
  if (t === "白牌") return { text: head + xs(4) + "警", type: t, rows: 1 };
  if (t === "黑牌") return { text: "粤Z" + xs(3) + ds(1) + pick(r, ["港", "澳"]), type: t, rows: 1 };
  if (t === "黄牌") return { text: head + xs(5), type: t, rows: r() < 0.4 ? 2 : 1 };
  return { text: head + xs(5), type: t, rows: 1 };
}
