import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import type { DbHandle, Queryable } from "../../db/client";
import { DatabaseFileStore, LocalFileStore, setFileStore } from "../../db/fileStore";
import { installTestProgram, singleApprovalBpmn } from "./flowPrograms";

const label = (zh: string, en: string) => ({ zh, en });

/** A form with every kind of field the abuse and upload tests aim at. */
export const uploadTestForm = {
  schemaVersion: 1,
  id: "test-upload",
  title: label("上传测试", "Upload test"),
  fields: [
    { key: "name", type: "text", label: label("姓名", "Name"), required: true, maxLength: 20 },
    { key: "age", type: "number", label: label("年龄", "Age"), integer: true, min: 16, max: 80 },
    { key: "skills", type: "checkbox", label: label("技能", "Skills"), options: [{ value: "a", label: label("驾驶", "Driving") }, { value: "b", label: label("电工", "Electrics") }, { value: "c", label: label("烹饪", "Cooking") }] },
    { key: "hasChild", type: "switch", label: label("有子女", "Has a child") },
    { key: "childName", type: "text", label: label("子女姓名", "Child's name"), hiddenIf: "hasChild != true", maxLength: 20 },
    { key: "photos", type: "upload", label: label("证件照片", "ID photos"), accept: ["image/jpeg", "image/png"], maxFiles: 2, maxSizeMb: 1, capture: "environment" },
    { key: "proof", type: "upload", label: label("证明材料", "Proof"), accept: ["application/pdf"], maxFiles: 1 },
  ],
};

const grassroots = '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>';

export async function installUploadProgram(db: Queryable, code = "uploads"): Promise<string> {
  return installTestProgram(db, code, singleApprovalBpmn('mode="any" actions="approve,reject,return"', grassroots), "huli", uploadTestForm);
}

/** The store a server would use with this database (a fresh folder for PGlite); returns its cleanup. */
export function installTestFileStore(handle: DbHandle): () => void {
  if (handle.kind !== "pglite") {
    setFileStore(new DatabaseFileStore(handle.db));
    return () => {};
  }
  const dir = mkdtempSync(path.join(tmpdir(), "nj-files-"));
  setFileStore(new LocalFileStore(dir));
  return () => rmSync(dir, { recursive: true, force: true });
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A real PNG of `width`×`height` filled with a colour (tests and screenshots need decodable images). */
export function pngOf(width: number, height: number, rgb: [number, number, number] = [200, 80, 60]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "ascii");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([(rgb[0] + x) % 256, rgb[1], (rgb[2] + x * 2) % 256], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** A small valid PDF. */
export function pdfBytes(): Buffer {
  return Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
}

/** The start of a Windows program (MZ header, PE signature): what a renamed .exe really is. */
export function exeBytes(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write("MZ", 0, "ascii");
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write("PE\0\0", 0x80, "binary");
  return bytes;
}
