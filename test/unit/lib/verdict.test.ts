import {describe, expect, test} from "vitest";
import {associationVerdict, intervalVerdict, testVerdict} from "../../../src/lib/verdict.js";

describe("intervalVerdict answers the question asked", () => {
  test("the reported displacement case: a fall when the question asks for a rise is not 'aangetoond'", () => {
    // Demo seed 11: "Verplaatsen inbraken zich naar aangrenzende buurten zonder appgroep?" -8.65% [-14.8, -1.7].
    expect(intervalVerdict(-14.8, -1.7, {direction: "increase"})).toBe("tegengesteld");
  });

  test("'Daalt ...?' answered on a rise is 'tegengesteld', on a fall 'aangetoond'", () => {
    expect(intervalVerdict(2, 40, {direction: "decrease"})).toBe("tegengesteld");
    expect(intervalVerdict(-40, -2, {direction: "decrease"})).toBe("aangetoond");
    expect(intervalVerdict(2, 40, {direction: "increase"})).toBe("aangetoond");
  });

  test("either side for a question without a direction; an interval around 0 is 'niet aangetoond'", () => {
    expect(intervalVerdict(2, 40, {direction: "any"})).toBe("aangetoond");
    expect(intervalVerdict(-40, -2, {direction: "any"})).toBe("aangetoond");
    expect(intervalVerdict(-40, 2, {direction: "decrease"})).toBe("niet aangetoond");
    expect(intervalVerdict(-40, 0, {direction: "decrease"})).toBe("niet aangetoond");
  });

  test("ratios use 1 as 'no effect'", () => {
    expect(intervalVerdict(0.7, 0.9, {direction: "increase", reference: 1})).toBe("tegengesteld");
    expect(intervalVerdict(1.1, 1.3, {direction: "increase", reference: 1})).toBe("aangetoond");
    expect(intervalVerdict(0.9, 1.3, {direction: "increase", reference: 1})).toBe("niet aangetoond");
  });

  test("checks and thin data come first", () => {
    expect(intervalVerdict(-40, -2, {direction: "decrease", doubtful: true})).toBe("onzeker");
    expect(intervalVerdict(-40, -2, {direction: "decrease", thin: true})).toBe("onvoldoende gegevens");
    expect(intervalVerdict(null, -2, {direction: "decrease"})).toBe("onvoldoende gegevens");
    expect(() => intervalVerdict(-40, -2, {direction: "down" as never})).toThrow("invalid direction: down");
  });
});

describe("testVerdict and associationVerdict", () => {
  test("a significant test on the other side is 'tegengesteld'", () => {
    expect(testVerdict(0.001, 1.4, {direction: "increase", reference: 1})).toBe("aangetoond");
    expect(testVerdict(0.001, 0.8, {direction: "increase", reference: 1})).toBe("tegengesteld");
    expect(testVerdict(0.2, 1.4, {direction: "increase", reference: 1})).toBe("niet aangetoond");
    expect(testVerdict(null, 1.4, {direction: "increase", reference: 1})).toBe("onvoldoende gegevens");
  });

  test("an association is 'samenhang', never 'aangetoond'", () => {
    expect(associationVerdict(0.01, 1.3, {reference: 1})).toBe("samenhang (hoger risico)");
    expect(associationVerdict(0.01, 0.7, {reference: 1})).toBe("samenhang (lager risico)");
    expect(associationVerdict(0.2, 0.7, {reference: 1})).toBe("geen samenhang aangetoond");
  });
});
