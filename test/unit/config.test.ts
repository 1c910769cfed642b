// The build configuration refuses settings that would publish what must not be published, and
// checks the privacy settings by name.
import {describe, expect, test} from "vitest";
import {readConfig} from "../../loaders/config.js";

describe("readConfig: privacy settings", () => {
  test("standaard by default, streng on request, anything else refused by name", () => {
    expect(readConfig({}).privacy).toBe("standaard");
    expect(readConfig({INBRAAKLAB_PRIVACY: "streng"}).privacy).toBe("streng");
    expect(() => readConfig({INBRAAKLAB_PRIVACY: "uit"})).toThrow(/INBRAAKLAB_PRIVACY: uit/);
  });
});

describe("INBRAAKLAB_SUPPRESS_BELOW", () => {
  test("a suppression threshold below 2 is refused for openbaar, allowed for intern", () => {
    for (const value of ["1", "0"]) {
      expect(() => readConfig({INBRAAKLAB_SUPPRESS_BELOW: value})).toThrow(/INBRAAKLAB_SUPPRESS_BELOW=\d zet het verbergen van kleine aantallen uit; dat mag niet voor het niveau openbaar.*below 2 turns suppression off/);
    }
    expect(readConfig({INBRAAKLAB_SUPPRESS_BELOW: "2"}).suppressBelow).toBe(2);
    expect(readConfig({INBRAAKLAB_SUPPRESS_BELOW: "1", INBRAAKLAB_LEVEL: "intern", INBRAAKLAB_PSEUDONYM_KEY: "test-pseudonym-key-0123456789"}).suppressBelow).toBe(1);
  });
});
