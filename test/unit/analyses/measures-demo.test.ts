// The measure analyses proven on planted effects: demo deliveries from the generator, read and
// validated as in a build, with the analyses of the pipeline (fast subset; the slow version with
// >= 50 seeds is bench/measures-demo.bench.ts).
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {runWhatsapp} from "../../../loaders/analyses/whatsapp.js";
import {runDor} from "../../../loaders/analyses/dor.js";
import {runPrevention} from "../../../loaders/analyses/prevention.js";
import {runCampaigns} from "../../../loaders/analyses/campaigns.js";
import {demoDelivery} from "../../helpers/demo.js";

// Ten years around the adoption of the groups (2014-2020), fewer incidents than the full demo.
const FAST = {fromYear: 2012, toYear: 2021, incidents: 12_000};
const truthOf = (dir: string) => JSON.parse(readFileSync(join(dir, "truth.json"), "utf8"));

// One delivery with planted DOR, prevention and campaign effects; the same without the DOR effect.
const PLANTED = {...FAST, seed: 31, dorEffect: -0.3, preventionDose: -0.01, campaignEffect: -0.2};

describe("DOR on a demo delivery", () => {
  test("the pooled ITS interval covers the planted level change, and most municipalities' intervals do", () => {
    const dir = demoDelivery(PLANTED);
    const r = runDor(readDelivery(dir), {truth: truthOf(dir)});
    const pooled = r.effects.find((e) => e.effect === "level" && e.area_code === "regio")!;
    expect(pooled.planted).toBeCloseTo(-30, 6);
    expect(pooled.ci_low!).toBeLessThanOrEqual(-30);
    expect(pooled.ci_high!).toBeGreaterThanOrEqual(-30);
    expect(pooled.verdict).toBe("aangetoond");
    const perGm = r.effects.filter((e) => e.effect === "level" && e.area_code !== "regio" && e.estimate !== null);
    expect(perGm.length).toBeGreaterThanOrEqual(10);
    expect(perGm.filter((e) => e.ci_low! <= -30 && -30 <= e.ci_high!).length / perGm.length).toBeGreaterThanOrEqual(0.8);
    expect(r.findings[0]).toMatchObject({id: "measure.dor.level", unit: "percent"});
  });

  test("without a planted DOR effect the pooled interval covers 0", () => {
    const r = runDor(readDelivery(demoDelivery({...FAST, seed: 31, plant: {dor: false}})));
    const pooled = r.effects.find((e) => e.effect === "level" && e.area_code === "regio")!;
    expect(pooled.ci_low!).toBeLessThanOrEqual(0);
    expect(pooled.ci_high!).toBeGreaterThanOrEqual(0);
  });
});

describe("prevention advice and campaigns on a demo delivery", () => {
  test("a planted dose gives a negative slope whose interval covers it", () => {
    const dir = demoDelivery(PLANTED);
    const r = runPrevention(readDelivery(dir), {replicates: 199, truth: truthOf(dir)});
    const row = r.effects[0];
    expect(row.unit).toBe("percent_per_10");
    expect(row.planted).toBeCloseTo(100 * (Math.exp(-0.1) - 1), 4);
    expect(row.estimate!).toBeLessThan(0);
    expect(row.ci_low!).toBeLessThanOrEqual(row.planted!);
    expect(row.ci_high!).toBeGreaterThanOrEqual(row.planted!);
    expect(r.findings[0].id).toBe("measure.prevention_advice.dose");
  });

  test("a planted campaign effect is found for the regional dark-days offensive", () => {
    const dir = demoDelivery(PLANTED);
    const r = runCampaigns(readDelivery(dir), {truth: truthOf(dir)});
    const ddo = r.effects.find((e) => e.area_code === "donkere-dagen-offensief")!;
    expect(ddo.ci_low!).toBeLessThanOrEqual(-20);
    expect(ddo.ci_high!).toBeGreaterThanOrEqual(-20);
    expect(ddo.ci_high!).toBeLessThan(0);
    expect(r.findings.map((f) => f.id)).toContain("measure.campaign.donkere-dagen-offensief");
  });
});

describe("a delivery without measure files", () => {
  const delivery = readDelivery(join(import.meta.dirname, "../../fixtures/minimal-delivery"));

  test("every measure says 'niet geleverd' and publishes no result rows", () => {
    const w = runWhatsapp(delivery);
    expect(w.findings.map((f) => [f.id, f.verdict])).toEqual([["measure.whatsapp.overall", "niet geleverd"], ["measure.whatsapp.displacement", "niet geleverd"]]);
    expect(w.tables.whatsapp_event_study.numRows).toBe(0);
    expect(w.tables.whatsapp_design.numRows).toBe(0);
    expect(runDor(delivery).findings).toMatchObject([{id: "measure.dor.level", verdict: "niet geleverd", estimate: null}]);
    expect(runDor(delivery).tables.dor_series.numRows).toBe(0);
    expect(runPrevention(delivery).findings).toMatchObject([{id: "measure.prevention_advice.dose", verdict: "niet geleverd"}]);
    expect(runCampaigns(delivery).findings).toMatchObject([{id: "measure.campaigns", verdict: "niet geleverd"}]);
  });
});
