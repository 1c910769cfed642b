// The Dutch reading of the alerts estimate: "niet geleverd" without alerts.csv, the change with its
// interval and verdict, the placebo, and always that the comparison is observational.
import {expect, test} from "vitest";
import {alertReading, alertsDelivered, alertView} from "../../../src/lib/alerts-text.js";
import type {EffectRecord} from "../../../src/lib/measure-text.js";

const row = (effect: string, estimate: number | null, low: number | null, high: number | null, verdict: string, warning: string | null = null): EffectRecord => ({
  effect, area_code: "regio", label: "", estimate, ci_low: low, ci_high: high, p_value: null, unit: "percent",
  observed: null, expected: null, areas: null, months: null, planted: null, verdict, warning
});
const words = {singular: "inbraak", plural: "inbraken", metres: 200, days: 14};

test("without alerts.csv: not delivered, and the text says which file and what to deliver", () => {
  const effects = [row("alert", null, null, null, "niet geleverd")];
  expect(alertsDelivered(effects)).toBe(false);
  expect(alertReading(effects, words)).toMatch(/geen alerts\.csv.*buurtbrief, inbraakalert of huisbezoek/);
});

test("an estimate with a clean placebo", () => {
  const effects = [row("alert", -38.4, -42, -34.7, "aangetoond"), row("placebo_before", -0.4, -5.9, 5.5, "niet aangetoond")];
  expect(alertsDelivered(effects)).toBe(true);
  const text = alertReading(effects, words);
  expect(text).toContain("Binnen 200 m en 14 dagen na een inbraak met waarschuwing was het aantal inbraken 38,4% lager");
  expect(text).toContain("oordeel: aangetoond");
  expect(text).toContain("verschilden de twee groepen niet");
  expect(text).toContain("geen experiment");
});

test("a placebo that differs says the groups differed already", () => {
  const text = alertReading([row("alert", -20, -30, -10, "onzeker"), row("placebo_before", 25, 10, 40, "aangetoond")], words);
  expect(text).toContain("verschilden de groepen al");
  expect(text).not.toContain("geloofwaardiger");
});

test("too little data: the warning, one full stop", () => {
  expect(alertReading([row("alert", null, null, null, "onvoldoende gegevens", "Te weinig inbraken met (3) of zonder (40) waarschuwing.")], words))
    .toBe("Geen schatting: Te weinig inbraken met (3) of zonder (40) waarschuwing.");
});

test("alertView: named effects, the groups table in the theme's words, the download, the zone", () => {
  const effects = [row("alert", -38.44, -42, -34.7, "aangetoond"), row("placebo_before", -0.4, -5.9, 5.5, "niet aangetoond"), {...row("alert", 5, -1, 11, "onzeker"), area_code: "GM0153"}];
  const groups = [{group: "met_waarschuwing", triggers: 40, near_repeats: 12, before: 20, metres: 300, days: 21}, {group: "zonder", triggers: 400, near_repeats: 150, before: 160, metres: 300, days: 21}];
  const v = alertView(effects, groups, {fallback: {metres: 200, days: 14}, plural: "fietsdiefstallen"});
  expect(v.rows.map((r) => r.name)).toEqual(["Alle waarschuwingen", "Placebo: de dagen ervóór", "GM0153"]);
  expect(v.zone).toMatchObject({metres: 300, days: 21});
  expect(v.groups[0]).toEqual({groep: "met waarschuwing", fietsdiefstallen: 40, "binnen de zone erna": 12, "binnen de zone ervóór": 20});
  expect(v.groups[1].groep).toBe("zonder waarschuwing");
  expect(v.download[0]).toEqual({schatting: "Alle waarschuwingen", verandering: "−38,4%", interval: "−42,0% tot −34,7%", oordeel: "aangetoond", waarschuwing: ""});
  expect(alertView(effects, [], {fallback: {metres: 200, days: 14}, plural: "inbraken"}).zone).toEqual({metres: 200, days: 14});
});
