/**
 * Planted mistakes for demo deliveries: real exports contain broken rows, so the default demo
 * delivery has a few (about 0.4%), showing the data-quality page and the quarantine at work. The
 * benchmark plants about 1%.
 */
import type {Rng} from "../../src/lib/random.js";

/** Replaces ~1% of the data rows with a seeded mistake of one of the kinds the template rejects. */
export function plantErrors(csv: string, rng: Rng, share = 0.01): string {
  const lines = csv.split("\n");
  const header = lines[0].split(";");
  const at = (name: string) => header.indexOf(name);
  const mistakes: ((cells: string[], previous: string[]) => void)[] = [
    (c) => (c[at("soort")] = "diefstal"),
    (c) => (c[at("pleegdatum_van")] = "2023-02-30"),
    (c) => (c[at("pleegdatum_van")] = "1-2-2023"),
    (c) => ((c[at("pleegdatum_van")] = "2024-01-09 10:00"), (c[at("pleegdatum_tot")] = "2024-01-09 09:00")),
    (c) => (c[at("gemeentecode")] = "GM153"),
    (c) => (c[at("buurtcode")] = "BU0153"),
    (c) => (c[at("postcode")] = "75111"),
    (c) => (c[at("x")] = "1e3"),
    (c) => (c[at("y")] = ""),
    (c) => (c[at("x")] = "12"),
    (c) => (c[at("opgelost")] = "misschien"),
    (c) => (c[at("registratienummer")] = ""),
    (c, previous) => (c[at("registratienummer")] = previous[at("registratienummer")])
  ];
  for (let i = 2; i < lines.length; i++) {
    if (!lines[i] || rng() >= share) continue;
    const cells = lines[i].split(";");
    mistakes[Math.floor(rng() * mistakes.length)](cells, lines[i - 1].split(";"));
    lines[i] = cells.join(";");
  }
  return lines.join("\n");
}

