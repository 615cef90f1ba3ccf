import { parseFormSchema } from "../forms/schema";

type ReadFile = (path: string, encoding: "utf8") => Promise<string>;

/** `niangjia form check FILE`: one JSON line per problem; never throws, whatever the file holds. */
export async function checkFormFile(file: string, readFile: ReadFile): Promise<{ exitCode: 0 | 1; lines: string[] }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    return { exitCode: 1, lines: [JSON.stringify({ path: "", code: "file_unreadable", message: `无法读取文件 / cannot read file: ${(err as Error).message}` })] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { exitCode: 1, lines: [JSON.stringify({ path: "", code: "invalid_json", message: `不是有效的 JSON / not valid JSON: ${(err as Error).message}` })] };
  }
  const result = parseFormSchema(json);
  if (result.ok) return { exitCode: 0, lines: [] };
  return { exitCode: 1, lines: result.problems.map((p) => JSON.stringify(p)) };
}
