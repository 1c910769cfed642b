// The planner on demo deliveries: replayed on the demo's own months, its detection probability for
// the demo's WhatsApp design matches the share of seeds in which the published finding detects the
// planted -25% (bench/measures-demo.bench.ts: 50 of 50 seeds, docs/methods.md); a delivery too short
// for a baseline gets a Dutch reason.
import {describe, expect, test} from "vitest";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {buurtPanel} from "../../../loaders/analyses/measures/panel.js";
import {groupPeriods} from "../../../loaders/analyses/whatsapp.js";
import {runPlanner} from "../../../loaders/analyses/planner.js";
import {planBaseline, planPower} from "../../../src/lib/measures/planner.js";
import {seededRng} from "../../../src/lib/random.js";
import {demoDelivery} from "../../helpers/demo.js";

/** The bench's measured share: the planted -25% found in 50 of 50 seeds (docs/methods.md). */
const BENCH = {found: 50, seeds: 50};

describe("planner on the demo", () => {
  test("detection probability of the demo's WhatsApp design matches the bench's share", () => {
    const delivery = readDelivery(demoDelivery({seed: 1, fromYear: 2012, toYear: 2025, incidents: undefined}));
    const panel = buurtPanel(delivery)!;
    const {periods} = groupPeriods(delivery);
    // The demo's design, read from the delivery: groups in ~20% of the neighbourhoods, starting
    // month by month over 2014-2020 (a few later), data to the end of 2025.
    const starts = [...periods.values()].map((p) => p.start - panel.firstMonth).filter((s) => s > 0 && s < panel.months);
    const first = Math.min(...starts);
    const last = Math.max(...starts.filter((s) => s < first + 84));
    const design = {treatedAreas: starts.length, waves: last - first + 1, waveGap: 1, followUp: panel.months - last, preMonths: first};
    expect(design.treatedAreas).toBeGreaterThan(80);
    // Replayed on the demo's own months: the rollout happened at the rates of 2012-2025, not at the
    // level of the last year that a plan for the future uses.
    const r = planPower(planBaseline(panel, {replay: true}), design, {rng: seededRng(5), effects: [-0.25], runs: 30});
    const bench = BENCH.found / BENCH.seeds;
    // Binomial errors of both shares, floored at a variance of 0.05 (a share of 0 or 1 has no spread of its own).
    const se = Math.sqrt(Math.max(r.power[0] * (1 - r.power[0]), 0.05) / r.runs + Math.max(bench * (1 - bench), 0.05) / BENCH.seeds);
    expect(Math.abs(r.power[0] - bench)).toBeLessThan(2 * se);
  }, 180_000);

  test("a delivery shorter than four years gets a Dutch reason instead of tables", () => {
    const r = runPlanner(readDelivery(demoDelivery()));
    expect(r.planner_power.numRows).toBe(0);
    const row = r.planner_baseline.get(0)!.toJSON();
    expect(row.areas).toBe(0);
    expect(row.reason).toMatch(/minstens 48/);
  });
});
