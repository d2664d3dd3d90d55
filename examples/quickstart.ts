// npm run demo: what retention-kit finds in the bundled CDNOW sample (2,357 customers, 1997-1998).
import { loadCdnowSample } from "./lib/cdnow.js";
import type { DemoContext } from "./demo/context.js";
import { run as data } from "./demo/data.js";
import { run as retention } from "./demo/retention.js";
import { run as segmentation } from "./demo/segmentation.js";
import { run as engagement } from "./demo/engagement.js";
import { run as levels } from "./demo/levels.js";
import { run as clv } from "./demo/clv.js";
import { run as modelCheck } from "./demo/modelCheck.js";
import { run as engine } from "./demo/engine.js";
import { run as loyalty } from "./demo/loyalty.js";
import { run as charts } from "./demo/charts.js";
import { run as churnModel } from "./demo/churnModel.js";
import { run as covariates } from "./demo/covariates.js";

const ctx: DemoContext = {
  transactions: loadCdnowSample(),
  calibrationEnd: "1997-09-30",
  observationEnd: "1998-06-30",
  print: (line = "") => console.log(line),
};
console.log(`# retention-kit demo: CDNOW sample, ${ctx.transactions.length} transactions\n`);
for (const section of [data, retention, segmentation, engagement, churnModel, levels, clv, modelCheck, engine, covariates, loyalty, charts]) section(ctx);
