import { readFile } from "node:fs/promises";
import { compileBpmn } from "./compile";

/** `niangjia bpmn check FILE`: problems (and warnings) as JSON lines; exit 0 executable, 1 refused. Never throws. */
export async function runBpmnCheck(filePath: string): Promise<{ exitCode: 0 | 1; lines: string[] }> {
  let xml: string;
  try {
    xml = await readFile(filePath, "utf8");
  } catch (err) {
    const message = { zh: `无法读取文件：${(err as Error).message}`, en: `Cannot read file: ${(err as Error).message}` };
    return { exitCode: 1, lines: [JSON.stringify({ severity: "error", code: "file.unreadable", elementId: "", elementType: "", name: "", message, hint: { zh: "检查路径", en: "Check the path" } })] };
  }
  const result = await compileBpmn(xml);
  const lines = [
    ...(result.ok ? [] : result.problems.map((p) => JSON.stringify({ severity: "error", ...p }))),
    ...result.warnings.map((w) => JSON.stringify({ severity: "warning", ...w })),
  ];
  return { exitCode: result.ok ? 0 : 1, lines };
}
