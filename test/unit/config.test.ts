// The build configuration: the privacy settings are checked by name.
import {describe, expect, test} from "vitest";
import {readConfig} from "../../loaders/config.js";

describe("readConfig: privacy settings", () => {
  test("standaard by default, streng on request, anything else refused by name", () => {
    expect(readConfig({}).privacy).toBe("standaard");
    expect(readConfig({INBRAAKLAB_PRIVACY: "streng"}).privacy).toBe("streng");
    expect(() => readConfig({INBRAAKLAB_PRIVACY: "uit"})).toThrow(/INBRAAKLAB_PRIVACY: uit/);
  });

  test("a threshold below 2 is refused for openbaar (it would hide nothing), allowed for intern", () => {
    expect(() => readConfig({INBRAAKLAB_SUPPRESS_BELOW: "1"})).toThrow(/INBRAAKLAB_SUPPRESS_BELOW: 1/);
    expect(readConfig({INBRAAKLAB_SUPPRESS_BELOW: "1", INBRAAKLAB_LEVEL: "intern"}).suppressBelow).toBe(1);
    expect(readConfig({INBRAAKLAB_SUPPRESS_BELOW: "2"}).suppressBelow).toBe(2);
  });
});
