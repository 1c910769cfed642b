// The planner page's sentences (src/lib/planner-text.ts): numbers, signs and rounding from the table.
import {expect, test} from "vitest";
import {mdeSentence, plannerSentence, powerAt, type DesignRow, type PowerRow} from "../../../src/lib/planner-text.js";

const key = {share: 25, waves: 1, wave_gap: 0, follow_up: 24};
const rows: PowerRow[] = [[0, 0.03], [-10, 0.2], [-20, 0.64], [-30, 0.9]].map(([effect, power]) => ({...key, effect, power}));
const designs: DesignRow[] = [{...key, treated_areas: 133, control_areas: 398, mde: 23.1, runs: 30}];
const setting = {share: 25, waves: 1, followUp: 24};

test("the power at an effect, interpolated between simulated effects", () => {
  expect(powerAt(rows, setting, -20)).toBe(0.64);
  expect(powerAt(rows, setting, -15)).toBeCloseTo(0.42, 10);
  expect(powerAt(rows, setting, -45)).toBeNull();
  expect(powerAt(rows, {...setting, followUp: 12}, -20)).toBeNull();
});

test("the sentence names the fall as a positive percentage and the rounded probability", () => {
  expect(plannerSentence(rows, designs, setting, -20)).toBe(
    "Als 133 buurten (25%) de maatregel in één keer krijgen en de gegevens 24 maanden na de laatste start lopen, dan toont de schatting een daling van 20% aan in 64% van de gesimuleerde uitrols (30 per instelling)."
  );
  expect(plannerSentence(rows, designs, setting, 0)).toContain("zonder enig effect in 3% van de gesimuleerde uitrols");
  expect(plannerSentence(rows, designs, {...setting, share: 10}, -20)).toBe("Voor deze instelling is niets gesimuleerd.");
});

test("the minimum detectable effect sentence", () => {
  expect(mdeSentence(designs, setting)).toContain("een daling vanaf ongeveer 23%");
  expect(mdeSentence([{...designs[0], mde: null}], setting)).toContain("te klein om een effect te zien");
});
