import semver from "semver";
import { z } from "zod";

/** Plugin ids name tables (`p_<id>_…`) and a migrations table, so they are plain lower-case identifiers. */
export const PLUGIN_ID_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

const localized = z.object({ zh: z.string().trim().min(1), en: z.string().trim().min(1) });

export const pluginManifestSchema = z.object({
  id: z.string().max(32).regex(PLUGIN_ID_PATTERN, { error: "must be lower-case letters, digits and single underscores, starting with a letter (e.g. xiamen)" }),
  name: localized,
  version: z.string().refine((v) => semver.valid(v) !== null, { error: "must be a semantic version such as 1.0.0" }),
  host: z.string().refine((r) => semver.validRange(r) !== null, { error: "must be a semver range such as ^0.1.0" }),
  description: localized.optional(),
});

/** What a plugin says about itself: id, names per locale, its version and the host versions it works with. */
export type PluginManifest = z.infer<typeof pluginManifestSchema>;

/** Why a plugin is not running: which stage of its lifecycle failed, in both languages. */
export type PluginFailure = { stage: "manifest" | "host" | "load" | "migrate" | "install"; messageZh: string; messageEn: string };

export type ManifestCheck = { ok: true; manifest: PluginManifest } | { ok: false; failure: PluginFailure };

/** Validate a manifest and check that this host's version is in the plugin's `host` range. */
export function checkPluginManifest(raw: unknown, hostVersion: string): ManifestCheck {
  const parsed = pluginManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "manifest"}: ${i.message}`).join("; ");
    return { ok: false, failure: { stage: "manifest", messageZh: `插件清单无效：${issues}`, messageEn: `invalid plugin manifest: ${issues}` } };
  }
  const manifest = parsed.data;
  if (!semver.satisfies(hostVersion, manifest.host, { includePrerelease: true })) {
    return {
      ok: false,
      failure: {
        stage: "host",
        messageZh: `插件「${manifest.id}」${manifest.version} 需要主程序版本 ${manifest.host}，当前版本为 ${hostVersion}`,
        messageEn: `plugin "${manifest.id}" ${manifest.version} needs host version ${manifest.host}; this is ${hostVersion}`,
      },
    };
  }
  return { ok: true, manifest };
}
