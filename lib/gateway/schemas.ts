/**
 * zod schemas of the open API's bodies. The handler validates with them and
 * lib/api/spec.ts turns the very same schemas into /openapi.json.
 */
import { z } from "zod";
import { API_CODES } from "@/lib/api/codes";
import { MAX_IMAGES } from "./body";

const codeValues = Object.keys(API_CODES).map(Number);

/** One image: standard or URL-safe Base64 of a png/jpg/jpeg/bmp file (a data: URL prefix is tolerated). */
export const imageBase64 = z
  .string()
  .min(1)
  .describe("一张图片文件（png/jpg/jpeg/bmp）的 Base64 编码，标准或 URL 安全字母表均可，单张解码后不超过 10MB");

/** The nested form of the manual's ID-card and plate curl samples: {"data": [{"data": [...]}]} */
export const nestedImages = z.object({ data: z.array(imageBase64) }).describe("手册 curl 示例中的嵌套写法 {\"data\": [...]}");

/** The request body, for documentation; the handler checks it step by step to give the manual's codes. */
export const requestBody = z
  .object({ data: z.array(z.union([imageBase64, nestedImages])).min(1).max(MAX_IMAGES) })
  .describe("请求体：data 为 1–50 张图片的 Base64 串构成的 list");

/** The envelope the handler parses first (4002 not an object, 4003 no data, 4004 data not a list). */
export const requestEnvelope = z.object({ data: z.array(z.unknown()) });
/** After the nested form is flattened (4005 empty, 4006 more than 50). */
export const imageList = z.array(z.unknown()).min(1).max(MAX_IMAGES);

export const imageErrorSchema = z
  .object({
    err_code: z.number().int().describe("该图片的错误码，见错误码表"),
    err_msg: z.string().describe("该图片的错误消息"),
  })
  .describe("单张图片处理失败");

const box8 = z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number(), z.number(), z.number()]);
export const generalResult = z.object({
  text_line: z.number().int().describe("图片识别到的文字行数"),
  detail: z.array(
    z.object({
      name: z.string().describe("序号"),
      text: z.string().describe("识别到的文字"),
      box: box8.describe("左上、右上、右下、左下四个点的 x, y 坐标"),
      confidence: z.number().optional(),
    }),
  ),
});

export const idcardResult = z.object({
  note: z.enum(["front", "back"]).describe("国徽面为 front，人像面为 back"),
  detail: z.object({
    name: z.string().describe("姓名"),
    sex: z.string().describe("性别"),
    nation: z.string().describe("民族"),
    birthday: z.string().describe("出生日期"),
    idn: z.string().describe("身份证号"),
    addr: z.string().describe("住址"),
    org: z.string().describe("签发机关"),
    validperiod: z.string().describe("有效期限"),
  }),
  idcard_face: z.string().describe("人像面人脸图片的 Base64 字符串，无则为 no face"),
  demo_image: z.string().describe("无效字段（可忽略）"),
  risk: z.enum(["normal", "copy", "screen"]).describe("原件 normal / 复印件 copy / 翻拍 screen"),
  warnings: z.array(z.string()).optional(),
});

const point = z.tuple([z.number(), z.number()]);
export const plateResult = z.object({
  "number of plate licenses": z.number().int().describe("图片中识别到的车牌数量"),
  detail: z.array(
    z.object({
      box: z.tuple([point, point, point, point]).describe("左上、右上、右下、左下四个点"),
      plate_type: z.enum(["蓝牌", "黄牌", "绿牌", "白牌", "黑牌"]).describe("车牌种类"),
      plate_license: z.string().describe("车牌内容"),
      platelicense: z.string().describe("车牌内容（与手册返回示例的拼写一致）"),
      confidence: z.number().describe("置信度"),
    }),
  ),
});

export const RESULT_SCHEMAS = { general: generalResult, idcard: idcardResult, plate: plateResult } as const;

export function successResponse<T extends z.ZodType>(result: T) {
  return z.object({
    code: z.literal(0).describe("0 表示请求已处理；逐张结果见 result[]"),
    message: z.object({ success: z.number().int(), fail: z.number().int() }).describe("成功与失败的图片数"),
    result: z.array(z.union([result, imageErrorSchema])).describe("按传入顺序，每张图片一个元素"),
  });
}

export const errorResponse = z
  .object({
    code: z.number().int().describe(`错误码，取值之一：${codeValues.join(", ")}`),
    message: z.literal("error"),
    details: z.string().describe("错误消息"),
  })
  .describe("整次请求失败");
