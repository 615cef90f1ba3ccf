import { builtinFieldTypes } from "./fields";
import type { FieldType } from "./fieldType";

/**
 * Field types by name. The core registers its own at load; plugins add theirs (upload,
 * signature, region cascade...) the same way. A name can be registered once.
 */
const registry = new Map<string, FieldType>();

export function registerFieldType(fieldType: FieldType): void {
  if (registry.has(fieldType.type)) throw new Error(`字段类型重复注册 / field type "${fieldType.type}" is already registered`);
  registry.set(fieldType.type, fieldType);
}

export function getFieldType(type: string): FieldType | undefined {
  return registry.get(type);
}

export function listFieldTypes(): string[] {
  return [...registry.keys()];
}

for (const fieldType of builtinFieldTypes) registerFieldType(fieldType);
