import type { DemoContext } from "./context.js";

// The clv section of the demo.
export function run(_ctx: DemoContext): void {}
