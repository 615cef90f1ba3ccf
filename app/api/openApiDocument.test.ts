import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validate } from "@readme/openapi-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { apiOperations, openApiDocument } from "./openApiDocument.server";

const routesDir = path.resolve("app/routes");

/** `api.v1.cases.$caseId.resubmit.ts` → `/api/v1/cases/{caseId}/resubmit` (Remix flat-route names). */
function pathOf(file: string): string {
  const segments = file.replace(/\.tsx?$/, "").replaceAll("[.]", "~dot~").split(".");
  return "/" + segments.map((s) => s.replaceAll("~dot~", ".").replace(/^\$(\w+)$/, "{$1}")).join("/");
}

/** The methods a route file really serves: loader → get, action → post, unless wired to methodNotAllowed. */
function methodsOf(source: string): string[] {
  const served = [];
  for (const [, kind, value] of source.matchAll(/export const (loader|action) = (\w+)/g)) {
    if (value !== "methodNotAllowed") served.push(kind === "loader" ? "get" : "post");
  }
  return served.sort();
}

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = structuredClone(openApiDocument()) as OpenAPIV3_1.Document;
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(doc);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes every method of every api.v1 route file, and nothing else", () => {
    const files = readdirSync(routesDir).filter((f) => f.startsWith("api.v1.") && f !== "api.v1.$.ts");
    expect(files.length).toBeGreaterThan(5);
    const fromFiles = files.flatMap((f) => methodsOf(readFileSync(path.join(routesDir, f), "utf8")).map((m) => `${m} ${pathOf(f)}`)).sort();
    const described = apiOperations.map((o) => `${o.method} ${o.path}`).sort();
    expect(described).toEqual(fromFiles);
    const paths = openApiDocument().paths ?? {};
    for (const op of apiOperations) expect(paths[op.path]?.[op.method], `${op.method} ${op.path}`).toBeTruthy();
  });

  it("generates request bodies and errors from the zod schemas", () => {
    const doc = openApiDocument();
    const schemas = doc.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(["Error", "SubmitBody", "DecisionBody", "HandOffBody", "CaseDetail", "TaskDetail", "CaseStep"]));
    expect(JSON.stringify(schemas.DecisionBody)).toContain('"approve"');
    const submit = doc.paths?.["/api/v1/cases"]?.post;
    expect(submit?.parameters?.some((p) => "name" in p && p.name === "Idempotency-Key" && p.required)).toBe(true);
    expect(Object.keys(submit?.responses ?? {})).toEqual(expect.arrayContaining(["201", "400", "401", "413", "415", "422"]));
  });
});
