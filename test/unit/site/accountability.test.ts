// The Verantwoording page and annex: generated from the policy, the catalogue and the build's meta.
import {existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {annexPath, writeAnnex} from "../../../loaders/site/annex.js";
import {accountability, accountabilityMarkdown, type AccountMeta} from "../../../src/lib/accountability.js";
import {POLICY} from "../../../src/lib/privacy/policy.js";

const meta: AccountMeta = {
  level: "openbaar", source: "levering", suppress_below: 5, privacy: "standaard", first_month: "2023-04", last_month: "2026-06", incidents: 2304,
  files: [{file: "inbraken.csv", present: true}, {file: "preventieadviezen.csv", present: false}],
  privacy_accounts: [{table: "counts_month", class: "open", rows: 1170, hidden: 0, threshold: 0}, {table: "time_profile", class: "protected", rows: 3192, hidden: 2856, threshold: 5}]
};

describe("accountability", () => {
  test("lists every policy table but the intern ones, with the gate's account where there is one", () => {
    const {tables} = accountability(meta);
    expect(tables.map((t) => t.tabel).sort()).toEqual(Object.keys(POLICY).filter((t) => POLICY[t].class !== "intern").sort());
    expect(tables.some((t) => t.tabel === "nearrepeat_zones")).toBe(false);
    expect(tables.find((t) => t.tabel === "time_profile")).toMatchObject({klasse: "beschermd", rijen: 3192, verborgen: 2856, drempel: 5});
    expect(tables.find((t) => t.tabel === "counts_month")!.precedent).toMatch(/47018NED/);
    expect(accountability({...meta, level: "intern"}).tables.some((t) => t.tabel === "incidents")).toBe(true);
    expect(accountability({...meta, level: "intern"}).tables.some((t) => t.tabel === "nearrepeat_zones")).toBe(true);
  });

  test("names the legal bases and whether each source was delivered", () => {
    const {sources} = accountability(meta);
    const police = sources.find((s) => s.bestand === "inbraken.csv")!;
    expect(police.geleverd).toBe(true);
    expect(police.grondslag).toMatch(/Wet politiegegevens art\. 20/);
    expect(police.grondslag).toMatch(/art\. 10 met UAVG/);
    expect(sources.find((s) => s.bestand === "preventieadviezen.csv")!.geleverd).toBe(false);
  });

  test("under streng the open tables are reported as protected", () => {
    const {tables, rule} = accountability({...meta, privacy: "streng", privacy_accounts: []});
    expect(tables.find((t) => t.tabel === "counts_month")!.klasse).toBe("beschermd");
    expect(rule).toMatch(/Strenge privacyregel/);
  });

  test("the annex is written next to the site from the meta.json the site publishes", () => {
    const root = mkdtempSync(join(tmpdir(), "inbraaklab-annex-"));
    const site = join(root, "dist");
    mkdirSync(join(site, "_file", "data"), {recursive: true});
    expect(() => writeAnnex(site)).toThrow(/geen meta.json/);
    writeFileSync(join(site, "_file", "data", "meta.0a1b2c3d.json"), JSON.stringify(meta));
    expect(writeAnnex(site)).toBe(annexPath(site));
    expect(existsSync(join(root, "dist-verantwoording.md"))).toBe(true);
    const text = readFileSync(annexPath(site), "utf8");
    expect(text).toBe(accountabilityMarkdown(meta));
    expect(text).toMatch(/\| time_profile \| beschermd \|.*\| 3192 \| 2856 \| 5 \|/);
  });
});
