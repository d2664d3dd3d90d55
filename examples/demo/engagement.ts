import type { DemoContext } from "./context.js";

// The engagement section of the demo.
export function run(_ctx: DemoContext): void {}
