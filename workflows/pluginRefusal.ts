/**
 * A refusal a plugin gives a person (the slot is taken, too few points): a stable code and a
 * message in Chinese and English, shown and answered (4xx) like the core's own refusals.
 * Thrown inside a transaction it also rolls back whatever that transaction wrote.
 */
export class PluginRefusal extends Error {
  constructor(
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly status = 409,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(`${messageZh} / ${messageEn}`);
    this.name = "PluginRefusal";
  }
}
