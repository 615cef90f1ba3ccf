/** What a registry holds, named in both languages for error messages (字段类型 / field type). */
export type RegistryKind = { id: string; zh: string; en: string };

type Entry<T> = { value: T; owner: string };

/** The owner of everything the core registers itself (built-in field types, handlers, programs). */
export const CORE_OWNER = "core";

/** A second registration of a key: names the key, who holds it and who tried again, in Chinese and English. */
export class DuplicateKeyError extends Error {
  readonly messageZh: string;
  readonly messageEn: string;
  constructor(
    readonly kind: RegistryKind,
    readonly key: string,
    readonly existingOwner: string,
    readonly newOwner: string,
  ) {
    const zh = `${kind.zh}「${key}」重复注册：已由插件「${existingOwner}」注册，插件「${newOwner}」又注册了一次`;
    const en = `${kind.en} "${key}" is already registered by plugin "${existingOwner}"; plugin "${newOwner}" registered it again`;
    super(`${zh} / ${en}`);
    this.name = "DuplicateKeyError";
    this.messageZh = zh;
    this.messageEn = en;
  }
}

/**
 * Named things by key, each remembering which plugin (owner) registered it. A key can be
 * registered once; `removeOwner` takes back everything a plugin registered when it fails.
 */
export class Registry<T> {
  constructor(
    readonly kind: RegistryKind,
    private readonly entries = new Map<string, Entry<T>>(),
  ) {}

  register(key: string, value: T, owner: string = CORE_OWNER): void {
    if (typeof key !== "string" || key.trim() === "") throw new Error(`${this.kind.zh}名称不能为空 / a ${this.kind.en} needs a non-empty name`);
    const existing = this.entries.get(key);
    if (existing) throw new DuplicateKeyError(this.kind, key, existing.owner, owner);
    this.entries.set(key, { value, owner });
  }

  /**
   * Register, or replace an entry the same owner already holds. Only for the core's own
   * built-ins, which are defined again when a module is loaded a second time (Vite SSR, HMR).
   */
  define(key: string, value: T, owner: string = CORE_OWNER): void {
    const existing = this.entries.get(key);
    if (existing && existing.owner !== owner) throw new DuplicateKeyError(this.kind, key, existing.owner, owner);
    this.entries.set(key, { value, owner });
  }

  get(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  ownerOf(key: string): string | undefined {
    return this.entries.get(key)?.owner;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  values(): T[] {
    return [...this.entries.values()].map((e) => e.value);
  }

  keysOf(owner: string): string[] {
    return [...this.entries].filter(([, e]) => e.owner === owner).map(([k]) => k);
  }

  /** Take back everything `owner` registered (a plugin that failed after registering). */
  removeOwner(owner: string): void {
    for (const key of this.keysOf(owner)) this.entries.delete(key);
  }
}

/**
 * The process-wide registry of a kind. Its entries live on globalThis because server.ts and
 * the bundled Remix build each load their own copy of the core's modules: what a plugin
 * registers at boot must be seen by both.
 */
export function sharedRegistry<T>(kind: RegistryKind): Registry<T> {
  const slot = Symbol.for(`niangjia.registry.${kind.id}`);
  const g = globalThis as unknown as Record<symbol, Map<string, Entry<T>> | undefined>;
  g[slot] ??= new Map<string, Entry<T>>();
  return new Registry<T>(kind, g[slot]);
}
