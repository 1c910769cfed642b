// The intern pseudonym is keyed (issue 12): ids follow HMAC-SHA256(key, registratienummer), so
// whoever holds the police export but not the key cannot re-link them (a rank by content could);
// an intern build without a key is refused, and free text is left out unless asked for.
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {readConfig} from "../../../loaders/config.js";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {snap} from "../../../loaders/delivery/geo.js";
import {publish, pseudonymise} from "../../../loaders/pipeline/publish.js";
import {pseudonymHmac} from "../../../loaders/pipeline/pseudonym.js";
import {deliveryFingerprint} from "../../../loaders/pipeline/run.js";

const FIXTURE = join(import.meta.dirname, "../../fixtures/minimal-delivery");
const delivery = readDelivery(FIXTURE);
const KEY = "een-geheime-sleutel-van-de-beheerder";
const rows = (key: string, freeText = false) => pseudonymise(delivery, {key, freeText}).toArray().map((r) => r.toJSON() as Record<string, unknown>);

/** What an export holder can compute without the key: the content rank of each registration (the old pseudonym). */
function contentRank(): Map<string, number> {
  const keyed = delivery.incidents.map((r) => {
    const x125 = Number.isNaN(r.x) ? "" : snap(r.x, 125) + 62, y125 = Number.isNaN(r.y) ? "" : snap(r.y, 125) + 62;
    const opgelost = r.opgelost === null ? "" : r.opgelost ? 1 : 0;
    return [`${String(Math.floor(r.start / 60)).padStart(8, "0")}|${r.gemeentecode}|${x125}|${y125}|${r.soort}|${Math.floor(r.end / 60)}|${r.werkwijze ?? ""}|${r.woningtype ?? ""}|${r.buit ?? ""}|${opgelost}`, r.registratienummer] as const;
  }).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(keyed.map(([, reg], i) => [reg, i + 1]));
}

/** The id each registration gets, found by the row content (start, end, place, soort are unique enough here). */
function idByRegistration(table: Record<string, unknown>[], key: string): Map<string, number> {
  const byHmac = [...delivery.incidents].sort((a, b) => (pseudonymHmac(key, a.registratienummer) < pseudonymHmac(key, b.registratienummer) ? -1 : 1));
  return new Map(byHmac.map((r, i) => [r.registratienummer, table[i].id as number]));
}

describe("the intern pseudonym", () => {
  test("ids are 1..n in the order of the keyed HMAC of the registration number", () => {
    const table = rows(KEY);
    expect(table.map((r) => r.id)).toEqual(table.map((_, i) => i + 1));
    const byHmac = [...delivery.incidents].sort((a, b) => (pseudonymHmac(KEY, a.registratienummer) < pseudonymHmac(KEY, b.registratienummer) ? -1 : 1));
    expect(table.map((r) => r.start_hour)).toEqual(byHmac.map((r) => Math.floor(r.start / 60)));
    expect(table.map((r) => r.gemeentecode)).toEqual(byHmac.map((r) => r.gemeentecode));
  });

  test("the content rank that an export holder can compute no longer gives the ids", () => {
    expect(delivery.incidents.length).toBeGreaterThan(100);
    const rank = contentRank();
    const ids = idByRegistration(rows(KEY), KEY);
    const same = delivery.incidents.filter((r) => rank.get(r.registratienummer) === ids.get(r.registratienummer)).length;
    expect(same / delivery.incidents.length).toBeLessThan(0.05);
  });

  test("another key gives other ids", () => {
    const a = idByRegistration(rows(KEY), KEY);
    const b = idByRegistration(rows("een-andere-sleutel-0123456789"), "een-andere-sleutel-0123456789");
    const same = delivery.incidents.filter((r) => a.get(r.registratienummer) === b.get(r.registratienummer)).length;
    expect(same / delivery.incidents.length).toBeLessThan(0.05);
  });

  test("an intern build without a (long enough) key is refused", () => {
    expect(() => publish(delivery, {level: "intern", suppressBelow: 5})).toThrow(/INBRAAKLAB_PSEUDONYM_KEY ontbreekt/);
    expect(() => readConfig({INBRAAKLAB_LEVEL: "intern"})).toThrow(/INBRAAKLAB_PSEUDONYM_KEY ontbreekt.*is missing/);
    expect(() => readConfig({INBRAAKLAB_LEVEL: "intern", INBRAAKLAB_PSEUDONYM_KEY: "kort"})).toThrow(/te kort \(4 tekens, minimaal 16\)/);
    expect(readConfig({INBRAAKLAB_LEVEL: "intern", INBRAAKLAB_PSEUDONYM_KEY: KEY}).pseudonymKey).toBe(KEY);
    expect(readConfig({}).pseudonymKey).toBeUndefined(); // openbaar needs none
  });

  test("the key changes the cache fingerprint but does not appear in it", () => {
    const a = deliveryFingerprint(FIXTURE, readConfig({INBRAAKLAB_LEVEL: "intern", INBRAAKLAB_PSEUDONYM_KEY: KEY}));
    const b = deliveryFingerprint(FIXTURE, readConfig({INBRAAKLAB_LEVEL: "intern", INBRAAKLAB_PSEUDONYM_KEY: KEY + "x"}));
    expect(a).not.toBe(b);
    expect(a).not.toContain(KEY);
  });
});

describe("free text in the intern table", () => {
  test("werkwijze and buit are left out unless asked for", () => {
    const dir = mkdtempSync(join(tmpdir(), "inbraaklab-freetext-"));
    writeFileSync(join(dir, "inbraken.csv"), "registratienummer;soort;pleegdatum_van;gemeentecode;werkwijze;buit;woningtype\nR1;inbraak;2024-01-05;GM0153;raam geforceerd bij Jansen;geld|sieraden;tussenwoning\n");
    const withFreeText = readDelivery(dir);
    const table = (freeText: boolean) => pseudonymise(withFreeText, {key: KEY, freeText}).toArray().map((r) => r.toJSON() as Record<string, unknown>);
    expect(table(false)).toMatchObject([{werkwijze: null, buit: null, woningtype: "tussenwoning"}]);
    expect(table(true)).toMatchObject([{werkwijze: "raam geforceerd bij Jansen", buit: "geld|sieraden", woningtype: "tussenwoning"}]);
    expect(readConfig({INBRAAKLAB_LEVEL: "intern", INBRAAKLAB_PSEUDONYM_KEY: KEY}).internFreeText).toBe(false);
    expect(readConfig({INBRAAKLAB_LEVEL: "intern", INBRAAKLAB_PSEUDONYM_KEY: KEY, INBRAAKLAB_INTERN_FREE_TEXT: "ja"}).internFreeText).toBe(true);
    expect(() => readConfig({INBRAAKLAB_INTERN_FREE_TEXT: "misschien"})).toThrow(/invalid INBRAAKLAB_INTERN_FREE_TEXT/);
  });
});
