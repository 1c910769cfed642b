/** Text helpers for the near-repeat page: which incidents the Knox test of the pipeline used. */

import {monthName} from "../filters.js";
import {nlNumber, pText} from "./format.js";

/** The largest number of incidents in one Knox test (mirrors KNOX_MAX_INCIDENTS in loaders/analyses/knox.ts; a test keeps them equal). */
export const KNOX_MAX_INCIDENTS = 25_000;

/** Permutations behind the Knox table and the Knox ratio; the near-repeat share uses fewer. */
export const KNOX_PERMUTATIONS = 999;
/** Permutations behind the p-value of the near-repeat share (nearShareTest in loaders/analyses/knox.ts). */
export const SHARE_PERMUTATIONS = 99;

/**
 * The first month of the most recent `used` incidents, from region month counts (`YYYY-MM` and a
 * count; hidden counts null). Walks back from the last month until the counts reach `used`.
 * @example windowStart([{month: "2024-01", count: 5}, {month: "2024-02", count: 5}], 6) // "2024-01"
 */
export function windowStart(months: Iterable<{month: string; count: number | null}>, used: number): string | null {
  const byMonth = new Map<string, number>();
  for (const {month, count} of months) byMonth.set(month, (byMonth.get(month) ?? 0) + (count ?? 0));
  const keys = [...byMonth.keys()].sort();
  let sum = 0;
  for (let i = keys.length - 1; i >= 0; i--) {
    sum += byMonth.get(keys[i])!;
    if (sum >= used) return keys[i];
  }
  return keys[0] ?? null;
}

/**
 * One Dutch sentence on which incidents the Knox test used: all of them, or the most recent
 * KNOX_MAX_INCIDENTS of the delivery's `total` (from about `start`, a `YYYY-MM` month).
 * @example knoxScopeText({used: 25000, total: 27158, start: "2014-03"}) // "De Knox-test gebruikt de laatste 25.000 incidenten met coördinaten van de 27.158 in de levering (vanaf ongeveer maart 2014); ..."
 */
export function knoxScopeText({used, total, start}: {used: number; total: number; start: string | null}): string {
  const nl = (n: number) => n.toLocaleString("nl-NL");
  if (used >= KNOX_MAX_INCIDENTS && total > used) {
    return `De Knox-test gebruikt de laatste ${nl(used)} incidenten met coördinaten van de ${nl(total)} in de levering${start ? ` (vanaf ongeveer ${monthName(start)})` : ""}; meer rekent de verwerking niet door.`;
  }
  return `De Knox-test gebruikt alle ${nl(used)} incidenten met coördinaten${total > used ? ` (van de ${nl(total)} in de levering)` : ""}.`;
}

/**
 * The "Wat betekent dit" paragraph of the near-repeat page: the Knox ratio and its p-value in words,
 * and what the pattern does not show (whether a quick warning after a burglary prevents the next
 * one: that takes a comparison of areas with and without it).
 * @example nearRepeatMeaning({verdict: "aangetoond", estimate: 6.386, p_value: 0.001}, {delivered: true, theme}) // "In deze levering komen paren inbraken binnen 200 m en 14 dagen 6,4 keer zo vaak voor als bij toeval (p = 0,001). ..."
 */
export function nearRepeatMeaning(
  headline: {verdict: string; estimate: number | null; p_value: number | null} | null | undefined,
  {delivered, theme}: {delivered: boolean; theme: {plural: string; singular: string}}
): string {
  if (!delivered) return "Zonder coördinaten valt hier niets te toetsen; lever x en y (RD) mee om deze hypothese te toetsen.";
  if (headline?.verdict === "aangetoond" && headline.estimate !== null) {
    return `In deze levering komen paren ${theme.plural} binnen 200 m en 14 dagen ${nlNumber(headline.estimate, 1)} keer zo vaak voor als bij toeval (${pText(headline.p_value)}). Dat ondersteunt H1: na een ${theme.singular} is de directe omgeving tijdelijk vaker doelwit. Of een snelle buurtwaarschuwing of een preventiebezoek in de eerste twee weken een volgende ${theme.singular} voorkomt, laat dit patroon niet zien: daarvoor is een vergelijking nodig van buurten met en zonder zo'n aanpak, het liefst met een vooraf gespreide invoering.`;
  }
  return "In deze levering is geen verhoogd aantal paren dichtbij en kort na elkaar aangetoond; H0 wordt niet verworpen. Dat bewijst niet dat near repeats ontbreken: bij weinig incidenten is de test zwak.";
}
