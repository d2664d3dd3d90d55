import type { DemoContext } from "./context.js";

// The segmentation section of the demo.
export function run(_ctx: DemoContext): void {}
