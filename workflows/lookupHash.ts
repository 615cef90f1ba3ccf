/**
 * The keyed hash (HMAC-SHA256 under the deployment's data key) of a personal number in its
 * stored form: the one kept beside each sealed value and used for the core's per-ID limits.
 * Plugins that keep a person by ID number (one claim per 身份证号) use it too, since they cannot
 * import db/; a plain SHA-256 of an ID number could be reversed by trying every one.
 */
export { lookupHash } from "../db/sealedValue";
