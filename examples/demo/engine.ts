import type { DemoContext } from "./context.js";

// The engine section of the demo.
export function run(_ctx: DemoContext): void {}
