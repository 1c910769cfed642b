// The planner page (src/maatregelen/vooraf.md) on the built demo site: it renders its sentence and
// chart, and choosing another follow-up changes the detection probability in the sentence.
import {describe, expect, test} from "vitest";
import {DIST, servedSite} from "./browser.js";

const site = servedSite(DIST, "maatregelen/vooraf.html");

describe("planner page", () => {
  test("shows the sentence and the chart, and an input changes the probability", async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}maatregelen/vooraf`);
    await page.waitForSelector("#planner-sentence", {timeout: 30_000});
    expect(await page.$("[data-main-chart] svg")).not.toBeNull();
    const sentence = () => page.$eval("#planner-sentence", (n) => n.textContent ?? "");
    const before = await sentence();
    expect(before).toMatch(/toont de schatting een daling van 25% aan in \d+% van de gesimuleerde uitrols/);
    expect(await page.$eval("#planner-mde", (n) => n.textContent ?? "")).toMatch(/80% kans/);
    // The share of neighbourhoods: from 25% to 10% lowers the number of neighbourhoods in the sentence.
    await page.locator("form", {hasText: "Aandeel buurten"}).locator("input[type=radio]").first().check();
    await page.waitForFunction((old) => document.querySelector("#planner-sentence")?.textContent !== old, before, {timeout: 10_000});
    const after = await sentence();
    const percent = (s: string) => +/in (\d+)% van de gesimuleerde/.exec(s)![1];
    expect(after).toMatch(/\(10%\)/);
    expect(percent(after)).toBeLessThan(percent(before));
    await page.close();
  });
});
