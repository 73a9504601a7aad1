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

/** Every kind of plate the rendered sets cover, with its API type and usual row count. */
export const PLATE_KINDS = [
  "blue", "yellow", "yellow two-row", "yellow 学", "yellow 挂 two-row", "green small", "green large", "green large two-row",
  "white police", "white police two-row", "white WJ", "white WJ old", "white WJ two-row", "white emergency",
  "black HK/Macau", "black consulate", "black embassy", "blue two-row", "black HK/Macau two-row",
] as const;
export type PlateSetKind = (typeof PLATE_KINDS)[number];

export interface SetPlate {
  text: string;
  type: "蓝牌" | "黄牌" | "绿牌" | "白牌" | "黑牌";
  rows: 1 | 2;
  kind: PlateSetKind;
  largeNewEnergy?: boolean;
}

/** A plate of the given kind for the rendered sets (repeated digits now and then: 66666 is a real number). */
export function setPlate(seed: number, kind: PlateSetKind): SetPlate {
  const r = rng(seed);
  const P = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
  const L = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  const X = L + "0123456789";
  const head = pick(r, [...P]) + pick(r, [...L]);
  const repeat = r() < 0.08;
  const rd = String(Math.floor(r() * 10));
  const ds = (n: number) => (repeat ? rd.repeat(n) : Array.from({ length: n }, () => String(Math.floor(r() * 10))).join(""));
  const xs = (n: number) => (repeat ? rd.repeat(n) : Array.from({ length: n }, () => (r() < 0.7 ? String(Math.floor(r() * 10)) : pick(r, [...X]))).join(""));
  const two = kind.endsWith("two-row") ? 2 : 1;
  switch (kind) {
    case "blue": case "blue two-row": return { text: head + xs(5), type: "蓝牌", rows: two, kind };
    case "yellow": case "yellow two-row": return { text: head + xs(5), type: "黄牌", rows: two, kind };
    case "yellow 学": return { text: head + xs(4) + "学", type: "黄牌", rows: 1, kind };
    case "yellow 挂 two-row": return { text: head + xs(4) + "挂", type: "黄牌", rows: 2, kind };
    case "green small": return { text: head + pick(r, [..."DDDFFABCEGHJK"]) + xs(1) + ds(4), type: "绿牌", rows: 1, kind };
    case "green large": case "green large two-row": return { text: head + ds(5) + pick(r, ["D", "F"]), type: "绿牌", rows: two, kind, largeNewEnergy: true };
    case "white police": case "white police two-row": return { text: head + xs(4) + "警", type: "白牌", rows: two, kind };
    case "white WJ": case "white WJ two-row": return { text: "WJ" + pick(r, [...P]) + ds(4) + pick(r, [..."0123456789XBTSHJD"]), type: "白牌", rows: two, kind };
    case "white WJ old": return { text: "WJ" + String(1 + Math.floor(r() * 32)).padStart(2, "0") + ds(5), type: "白牌", rows: 1, kind };
    case "white emergency": return { text: head + ds(4) + "应急", type: "白牌", rows: 1, kind };
    case "black HK/Macau": case "black HK/Macau two-row": return { text: "粤Z" + xs(3) + ds(1) + pick(r, ["港", "澳"]), type: "黑牌", rows: two, kind };
    case "black consulate": return { text: head + ds(4) + "领", type: "黑牌", rows: 1, kind };
    case "black embassy": return { text: "使" + ds(6), type: "黑牌", rows: 1, kind };
  }
}

const NATIONS_ALL = [
  "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎",
  "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南",
  "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙",
  "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
];
/** Syllables of transliterated minority and foreign names (维吾尔, 哈萨克, 藏 and western names). */
const TRANSLIT = ["买买提", "吐尔逊", "阿卜杜", "热合曼", "艾则孜", "古丽", "努尔", "阿依", "热依拉", "穆罕默德", "伊力", "哈尔", "扎西", "次仁", "卓玛", "多吉", "安东尼", "约翰", "史密斯", "玛丽亚", "亚历山大", "彼得罗夫", "加布里埃尔"];
const SHORT_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢";
const COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐"];
const GIVEN_ALL = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国文辉红玉梅志鹏飞宇浩然晨阳雪琳欣怡子涵思远嘉";
const PROVINCES_ADDR: [string, string, string][] = [
  ["110105", "北京市朝阳区", "北京市公安局朝阳分局"],
  ["310104", "上海市徐汇区", "上海市公安局徐汇分局"],
  ["440305", "广东省深圳市南山区", "深圳市公安局南山分局"],
  ["330106", "浙江省杭州市西湖区", "杭州市公安局西湖分局"],
  ["510107", "四川省成都市武侯区", "成都市公安局武侯分局"],
  ["650102", "新疆维吾尔自治区乌鲁木齐市天山区", "乌鲁木齐市公安局天山区分局"],
  ["540102", "西藏自治区拉萨市城关区", "拉萨市公安局城关分局"],
  ["150102", "内蒙古自治区呼和浩特市新城区", "呼和浩特市公安局新城区分局"],
  ["532801", "云南省西双版纳傣族自治州景洪市", "景洪市公安局"],
  ["222401", "吉林省延边朝鲜族自治州延吉市", "延吉市公安局"],
];
const ADDR_PARTS = ["解放路", "人民大道", "建设街", "中山北路", "和平里", "幸福小区", "长江路", "文化巷", "光明街道", "新华路", "团结村", "胜利乡", "阳光花园"];

/**
 * A varied identity for the rendered sets: names of 1–4 characters, compound surnames and
 * long transliterated names with ·, every one of the 56 nations, addresses of 1–4 printed
 * lines, 长期 and dated validity.
 */
export function setIdentity(seed: number, nationIndex = seed): Identity {
  const r = rng(seed * 7919 + 13);
  const u = r();
  let name: string;
  if (u < 0.06) name = pick(r, [...SHORT_SURNAMES]); // 1 character (as printed on some cards)
  else if (u < 0.4) name = pick(r, [...SHORT_SURNAMES]) + pick(r, [...GIVEN_ALL]);
  else if (u < 0.62) name = pick(r, [...SHORT_SURNAMES]) + pick(r, [...GIVEN_ALL]) + pick(r, [...GIVEN_ALL]);
  else if (u < 0.72) name = pick(r, COMPOUND_SURNAMES) + pick(r, [...GIVEN_ALL]) + (r() < 0.5 ? pick(r, [...GIVEN_ALL]) : "");
  else {
    const parts = 2 + Math.floor(r() * (u < 0.9 ? 1 : 2));
    name = Array.from({ length: parts }, () => pick(r, TRANSLIT)).join("·");
  }
  const sex = r() < 0.5 ? "男" : "女";
  const y = 1940 + Math.floor(r() * 70), m = 1 + Math.floor(r() * 12), d = 1 + Math.floor(r() * 28);
  const [code, place, org] = pick(r, PROVINCES_ADDR);
  // 1–4 printed lines of 10 characters (lib/render/idcard.ts), cut only between parts
  const lines = 1 + Math.floor(r() * 4);
  let addr = place;
  for (let guard = 0; addr.length <= (lines - 1) * 10 && guard < 20; guard++) {
    const parts = [pick(r, ADDR_PARTS) + `${1 + Math.floor(r() * 300)}号`, pick(r, ADDR_PARTS), `${1 + Math.floor(r() * 30)}栋${101 + Math.floor(r() * 1800)}室`, `${1 + Math.floor(r() * 9)}单元`];
    const part = parts.find((x) => addr.length + x.length <= lines * 10) ?? parts[3];
    addr += part;
  }
  const birth = `${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}`;
  const idn = makeIdn(code, birth, Math.floor(r() * 1000), sex);
  const iy = 2005 + Math.floor(r() * 18), im = 1 + Math.floor(r() * 12), id = 1 + Math.floor(r() * 28);
  const ds = `${String(im).padStart(2, "0")}.${String(id).padStart(2, "0")}`;
  const span = r() < 0.25 ? "长期" : `${iy + pick(r, [5, 10, 20])}.${ds}`;
  return { name, sex, nation: NATIONS_ALL[nationIndex % NATIONS_ALL.length], birth: { y, m, d }, addr, idn, org, validperiod: `${iy}.${ds}-${span}` };
}
