import { builtinFieldTypes } from "./fields";
import type { FieldType } from "./fieldType";
import { sharedRegistry } from "./registry";

/**
 * Field types by name. The core registers its own at load; plugins add theirs (upload,
 * signature, region cascade...) the same way. A name can be registered once.
 */
export const fieldTypeRegistry = sharedRegistry<FieldType>({ id: "fieldType", zh: "字段类型", en: "field type" });

export function registerFieldType(fieldType: FieldType, owner?: string): void {
  fieldTypeRegistry.register(fieldType.type, fieldType, owner);
}

export function getFieldType(type: string): FieldType | undefined {
  return fieldTypeRegistry.get(type);
}

export function listFieldTypes(): string[] {
  return fieldTypeRegistry.keys();
}

for (const fieldType of builtinFieldTypes) fieldTypeRegistry.define(fieldType.type, fieldType);
