import { corePlugin } from "./core";
import { quanzhouPlugin } from "./quanzhou";
import type { NiangjiaPlugin } from "./types";
import { xiamenPlugin } from "./xiamen";

/** Every plugin this installation knows, in load order. */
export const plugins: NiangjiaPlugin[] = [corePlugin, xiamenPlugin, quanzhouPlugin];
