import { corePlugin } from "./core";
import type { NiangjiaPlugin } from "./types";

/** Every plugin this installation knows, in load order. */
export const plugins: NiangjiaPlugin[] = [corePlugin];
