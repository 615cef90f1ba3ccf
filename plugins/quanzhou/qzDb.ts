import type { ServiceContext } from "../../workflows/serviceHandlers";

/** The database or a transaction, as the core hands it to plugins (plugins do not import db/). */
export type QzDb = ServiceContext["db"];
