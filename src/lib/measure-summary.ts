/**
 * The "Wat werkt?" summary: the measure findings of findings.json in a fixed order with their page.
 */

import type {Finding} from "./findings.js";

/** A finding as the summary reads it. */
export type FindingRecord = Finding;

export interface SummaryRow extends FindingRecord {
  title: string;
  page: string;
  per?: string;
}

const KNOWN: Record<string, {title: string; page: string; per?: string}> = {
  "measure.whatsapp.overall": {title: "Buurtpreventie-appgroepen", page: "./whatsapp.html"},
  "measure.whatsapp.displacement": {title: "Appgroepen: verplaatsing naar buren", page: "./whatsapp.html"},
  "measure.prevention_advice.dose": {title: "Preventieadviezen (per 10 bezoeken)", page: "./preventieadvies.html", per: " per 10 bezoeken"},
  "measure.dor.level": {title: "Digitaal Opkopersregister", page: "./dor.html"},
  "measure.campaigns": {title: "Campagnes", page: "./campagnes.html"},
  "measure.alerts.near_repeat": {title: "Waarschuwingen na een inbraak", page: "../waar-nu.html#waarschuwingen-na-een-inbraak"}
};

/**
 * Picks the measure findings (`measure.*`) in page order and gives each a Dutch title and its page;
 * campaign findings (`measure.campaign.<slug>`) are titled with the campaign name their question
 * quotes (the slug when it quotes none).
 * @example measureSummary([{id: "measure.dor.level", ...}])[0].title // "Digitaal Opkopersregister"
 */
export function measureSummary(findings: readonly FindingRecord[]): SummaryRow[] {
  if (!Array.isArray(findings)) throw new Error(`invalid findings: ${findings}`);
  const order = Object.keys(KNOWN);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : id.startsWith("measure.campaign.") ? order.length - 0.5 : order.length + 1);
  return findings
    .filter((f) => f.id.startsWith("measure."))
    .map((f) => {
      const known = KNOWN[f.id];
      if (known) return {...f, ...known};
      const slug = f.id.replace(/^measure\.campaign\./, "");
      // The question quotes the campaign's own name ("... de campagne \"Donkere Dagen Offensief\" ...").
      const name = /"([^"]+)"/.exec(f.question ?? "")?.[1] ?? slug.replace(/-/g, " ");
      const title = f.id.startsWith("measure.campaign.") ? `Campagne: ${name}` : f.id;
      return {...f, title, page: "./campagnes.html"};
    })
    .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}
