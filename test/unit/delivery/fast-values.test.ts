// The byte-level fast paths agree with values.ts on many valid and invalid inputs.
import {describe, expect, test} from "vitest";
import {daysFromCivil, fastDate, fastDecimal} from "../../../loaders/delivery/fast-values.js";
import {parseDate, parseDecimal} from "../../../loaders/delivery/values.js";
import {seededRng, type Rng} from "../../../src/lib/random.js";

const bytes = (text: string) => Buffer.from(text, "latin1");
const pick = <T>(rng: Rng, xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Dates near and across the edges: valid, impossible, malformed. */
function dateCandidates(rng: Rng, n: number): string[] {
  const out: string[] = ["", "2023-13-01", "2023-02-30", "2024-02-29", "1900-01-01", "1899-12-31", "2100-12-31", "2101-01-01", "10-10-22", "1-2-2023 3:04", "2023-01-01 24:00", "2023-01-01T23:59:59", "2023-01-01 12:60", "00-01-2023", "31-04-2023", "2023-01-01x", "2023-01-01 12:00:60", "2023/01/01", "+023-01-01"];
  for (let i = 0; i < n; i++) {
    const y = Math.floor(1890 + rng() * 220), m = Math.floor(rng() * 14), d = Math.floor(rng() * 33);
    const date = rng() < 0.5 ? `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` : `${pad(d, 2)}-${pad(m, 2)}-${pad(y, 4)}`;
    const time = pick(rng, ["", ` ${pad(Math.floor(rng() * 26), 2)}:${pad(Math.floor(rng() * 62), 2)}`, `T${pad(Math.floor(rng() * 25), 2)}:${pad(Math.floor(rng() * 61), 2)}:${pad(Math.floor(rng() * 61), 2)}`]);
    let text = date + time;
    if (rng() < 0.1) {
      const at = Math.floor(rng() * text.length);
      text = text.slice(0, at) + pick(rng, ["/", "x", " ", "1", ":", "-", "é"]) + text.slice(at + 1);
    }
    out.push(text);
  }
  return out;
}

describe("fastDate agrees with parseDate", () => {
  test("on 20,000 seeded valid and invalid dates", () => {
    const rng = seededRng(7);
    let valid = 0;
    for (const text of dateCandidates(rng, 20_000)) {
      const expected = parseDate(text);
      const b = Buffer.from(text, "utf8");
      const got = fastDate(b, 0, b.length);
      // The fast path may decline (NaN) only when values.ts rejects too; it never accepts more.
      if (expected) {
        valid++;
        expect(got, text).toBe(expected.minutes);
        expect(b.length > 10, text).toBe(expected.hasTime);
      } else expect(Number.isNaN(got), text).toBe(true);
    }
    expect(valid).toBeGreaterThan(5_000);
  });

  test("days from civil match Date.UTC over 1900-2100", () => {
    for (let y = 1900; y <= 2100; y += 7) for (let m = 1; m <= 12; m++) expect(daysFromCivil(y, m, 28)).toBe(Date.UTC(y, m - 1, 28) / 864e5);
  });
});

describe("fastDecimal agrees with parseDecimal", () => {
  test("on 20,000 seeded numbers and near-numbers", () => {
    const rng = seededRng(11);
    const fixed = ["", "-", "+", ".", ",", "5.", ",5", "-0", "+3", "1e3", "1.000,5", " 12", "12 ", "1,2,3", "0x10", "256117,5", "1234567890123456", "0.1234567890123456789012345", "12345678901234567890"];
    const texts = [...fixed];
    for (let i = 0; i < 20_000; i++) {
      let t = (rng() < 0.2 ? pick(rng, ["-", "+"]) : "") + String(Math.floor(rng() * 10 ** Math.floor(rng() * 9)));
      if (rng() < 0.7) t += pick(rng, [".", ","]) + String(Math.floor(rng() * 10 ** Math.floor(rng() * 6)));
      if (rng() < 0.05) t = t.replace(/\d/, pick(rng, ["a", " ", "..", "e"]));
      texts.push(t);
    }
    let decided = 0;
    for (const text of texts) {
      const b = bytes(text);
      const got = fastDecimal(b, 0, b.length);
      const expected = parseDecimal(text);
      if (!Number.isNaN(got)) {
        decided++;
        expect(got, text).toBe(expected);
      } else if (expected !== undefined) {
        // Declined: only for digit strings too long to be exact; readers then ask parseDecimal.
        expect(text.replace(/\D/g, "").length > 15 || text.split(/[.,]/)[1]?.length > 22, text).toBe(true);
      }
    }
    expect(decided).toBeGreaterThan(15_000);
  });
});
