import type { TimeUnit } from "../../data/time.js";


/** What {@link clickhouseSummarySql} needs: quoted identifiers and the checked options of `summarySql`. */
export interface ClickhouseSummaryParts {
  table: string;
  id: string;
  at: string;
  amount: string | undefined;
  atType: "timestamp" | "epoch_ms";
  period: TimeUnit;
  unit: TimeUnit;
  monetary: "repeat" | "all";
  /** The observation end, epoch ms (for the header comment). */
  endMs: number;
  /** The start of the observation end's period, in whole days since 1970-01-01 UTC. */
  endDay: number;
}

const DAY_MS = 86_400_000;

/**
 * `summarySql`'s ClickHouse text. It runs on ClickHouse 18.16 (Debian's) and on current releases, so it keeps
 * to what both have: nested subqueries instead of `WITH name AS (SELECT …)` (18.16's WITH takes expressions
 * only), no JOIN (18.16 joins on equalities of identically typed columns only), no window functions, no
 * `DateTime64` or `Date32`, and no alias chains through `WITH x AS alias` (18.16 loses them when it rewrites
 * a query for the shards of a `Distributed` table). Periods are whole days since 1970-01-01 UTC (Int64), so an epoch-ms column before
 * 1970 works although 18.16's Date cannot hold it, and day differences are plain subtraction. The first
 * period's spend is taken out with an array of the customer's (period, spend) pairs, not by subtracting it
 * from the total, so the repeat mean carries no cancellation error.
 */
export function clickhouseSummarySql(p: ClickhouseSummaryParts): string {
  const epochDay =
    p.atType === "epoch_ms"
      ? `intDiv(toInt64(assumeNotNull(${p.at})), ${DAY_MS}) - if(modulo(toInt64(assumeNotNull(${p.at})), ${DAY_MS}) < 0, 1, 0)`
      : `toInt64(toDate(assumeNotNull(${p.at}), 'UTC'))`;
  // Monday of the ISO week: day 0 (1970-01-01) is a Thursday, so a day's weekday offset is (day + 3) mod 7;
  // `%` keeps the sign of the dividend, hence the + 10.
  const periodOf = p.period === "week" ? `${epochDay} - (${epochDay} % 7 + 10) % 7` : epochDay;
  const spend = p.amount === undefined ? `toFloat64(0)` : `ifNull(toFloat64(${p.amount}), 0)`;
  const inUnits = (days: string): string => (p.unit === "week" ? `toFloat64(${days}) / 7` : `toFloat64(${days})`);
  const endDate = new Date(p.endDay * DAY_MS).toISOString().slice(0, 10);
  const mean =
    p.monetary === "all"
      ? `rk_total / (rk_frequency + 1)`
      : `if(rk_frequency > 0, greatest(rk_repeat, 0) / rk_frequency, 0)`;
  return [
    `-- retention-kit summarySql: clickhouse, ${p.period} periods, ${p.unit} units, observation end ${new Date(p.endMs).toISOString()}`,
    `-- periods are whole days since 1970-01-01 UTC; the observation end's period starts on day ${p.endDay} (${endDate})`,
    `SELECT`,
    `  rk_customer AS customer_id,`,
    `  rk_frequency AS frequency,`,
    `  ${inUnits("rk_last - rk_first")} AS recency,`,
    `  ${inUnits(`${p.endDay} - rk_first`)} AS t,`,
    `  ${mean} AS monetary_value`,
    `FROM (`,
    `  SELECT`,
    `    rk_customer,`,
    `    toInt64(count()) - 1 AS rk_frequency,`,
    `    min(rk_period) AS rk_first,`,
    `    max(rk_period) AS rk_last,`,
    `    sum(rk_period_amount) AS rk_total,`,
    `    arraySum(arrayMap(x -> tupleElement(x, 2), arrayFilter(x -> tupleElement(x, 1) > rk_first, arraySort(groupArray(tuple(rk_period, rk_period_amount)))))) AS rk_repeat`,
    `  FROM (`,
    `    SELECT assumeNotNull(${p.id}) AS rk_customer, ${periodOf} AS rk_period, sum(${spend}) AS rk_period_amount`,
    `    FROM ${p.table}`,
    `    WHERE ${p.id} IS NOT NULL AND ${p.at} IS NOT NULL AND rk_period <= ${p.endDay}`,
    `    GROUP BY rk_customer, rk_period`,
    `  )`,
    `  GROUP BY rk_customer`,
    `)`,
    `ORDER BY customer_id`,
  ].join("\n");
}
