#!/usr/bin/env node
// The `niangjia` command: runs the TypeScript CLI through tsx so no separate build is needed.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv);
