// The measure analyses proven on planted effects: demo deliveries from the generator, read and
// validated as in a build, with the analyses of the pipeline (fast subset; the slow version with
// >= 50 seeds is bench/measures-demo.bench.ts).
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {runWhatsapp} from "../../../loaders/analyses/whatsapp.js";
import {demoDelivery} from "../../helpers/demo.js";

// Ten years around the adoption of the groups (2014-2020), fewer incidents than the full demo.
const FAST = {fromYear: 2012, toYear: 2021, incidents: 12_000};
const truthOf = (dir: string) => JSON.parse(readFileSync(join(dir, "truth.json"), "utf8"));

describe("WhatsApp groups on demo deliveries", () => {
  const planted = [
    {seed: 11, whatsappEffect: -0.25},
    {seed: 12, whatsappEffect: -0.4},
    {seed: 13, whatsappEffect: -0.25}
  ];
  for (const p of planted) {
    test(`seed ${p.seed}: the 95% interval covers the planted ${100 * p.whatsappEffect}%`, () => {
      const dir = demoDelivery({...FAST, ...p});
      const r = runWhatsapp(readDelivery(dir), {replicates: 199, truth: truthOf(dir)});
      const overall = r.effects[0];
      expect(overall.planted).toBeCloseTo(100 * p.whatsappEffect, 6);
      expect(overall.ci_low!).toBeLessThanOrEqual(100 * p.whatsappEffect);
      expect(overall.ci_high!).toBeGreaterThanOrEqual(100 * p.whatsappEffect);
      expect(overall.ci_high!).toBeLessThan(0); // and the fall is found
      expect(r.did!.n.treatedAreas).toBeGreaterThan(50);
      expect(r.findings.map((f) => f.id)).toEqual(["measure.whatsapp.overall", "measure.whatsapp.displacement"]);
      expect(r.findings[0]).toMatchObject({unit: "percent", estimate: overall.estimate, ci_low: overall.ci_low, ci_high: overall.ci_high});
    });
  }

  test("with no planted effect it mostly finds nothing (at most 1 of 3 seeds declares an effect)", () => {
    let declared = 0;
    for (const seed of [11, 12, 13]) {
      const r = runWhatsapp(readDelivery(demoDelivery({...FAST, seed, plant: {whatsapp: false}})), {replicates: 199});
      const o = r.effects[0];
      if (o.ci_low! > 0 || o.ci_high! < 0) declared++;
      expect(Math.abs(o.estimate!)).toBeLessThan(25);
    }
    expect(declared).toBeLessThanOrEqual(1);
  });

  test("design, timeline and event study describe the comparison", () => {
    const dir = demoDelivery({...FAST, seed: 11});
    const r = runWhatsapp(readDelivery(dir), {replicates: 99});
    const design = r.tables.whatsapp_design.toArray().map((d) => d.toJSON());
    const roles = new Set(design.map((d) => d.role));
    expect([...roles].sort()).toEqual(["appgroep", "buur", "controle"]);
    expect(design.every((d) => d.x !== null && d.y !== null)).toBe(true);
    const timeline = r.tables.whatsapp_timeline.toArray().map((d) => d.toJSON());
    const last = timeline[timeline.length - 1];
    expect(last.with_group + last.not_yet + last.never + last.ended).toBe(design.length);
    expect(last.ended).toBeGreaterThan(0); // some groups end: their months after the end are left out
    const events = r.tables.whatsapp_event_study.toArray().map((d) => d.toJSON());
    expect(events.filter((e) => e.analysis === "effect").map((e) => e.event_time)).toContain(0);
    expect(events.some((e) => e.analysis === "verplaatsing")).toBe(true);
    // The sensitivity rows: the base before the wave and CS's own estimator, both in the finding.
    const byEffect = new Map(r.effects.map((e) => [e.effect, e]));
    expect(byEffect.get("robust_base")!.estimate).toBeCloseTo(r.robust!.overall.percent, 3);
    expect(byEffect.get("base_history")!.estimate).toBeCloseTo(r.did!.history.percent, 3);
    const cs = byEffect.get("cs_simple")!;
    expect(cs.ci_low!).toBeLessThan(cs.estimate!);
    expect(cs.ci_high!).toBeGreaterThan(cs.estimate!);
    expect(cs.observed).toBeNull();
    expect(r.findings[0].sensitivity!.map((s) => s.effect)).toEqual(["robust_base", "cs_simple"]);
    expect(r.findings[0].sensitivity![1].estimate).toBe(cs.estimate);
  });
});

