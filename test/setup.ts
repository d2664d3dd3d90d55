// Property tests run from a fixed seed in `npm test`, so a CI result is reproducible; set FC_SEED to explore
// other seeds (`FC_SEED=random npm run test:unit` draws a fresh one, printed on failure by fast-check).
import fc from "fast-check";

const seed = process.env.FC_SEED ?? "20261123";
if (seed !== "random") fc.configureGlobal({ seed: Number(seed) });
