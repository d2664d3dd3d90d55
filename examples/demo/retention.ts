import type { DemoContext } from "./context.js";

// The retention section of the demo.
export function run(_ctx: DemoContext): void {}
