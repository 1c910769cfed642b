/**
 * The publication policy: one declarative entry for every table that can reach dist/, naming its
 * grain (area levels x period x attributes), its class and the reason. It is the single privacy
 * gate: the pipeline asks it for the threshold of every table it builds (`thresholdFor`), checks
 * every table against it before writing (loaders/pipeline/gate.ts), and the pages and the
 * Verantwoording page take their rule text from it. Browser-safe.
 *
 * Classes (docs/privacy.md):
 * - `open`: at or above the grain the data owner already publishes openly (the police's open data
 *   table 47018NED and its public incident map: registered burglaries per area and period and
 *   soort, ones and zeros included); published exactly.
 * - `protected`: crosses place and period with attributes the police do not publish (modus
 *   operandi, dwelling type, loot, solved, time of day and weekday, repeat victimisation, grid
 *   squares) or holds person-related municipal data; small values hidden, secondary suppression,
 *   audited.
 * - `intern`: incident-level; only in the intern build.
 * - `reference`: no incident data at all (boundaries, dwelling stock, model coefficients of
 *   published counts, the data-quality account): published as is.
 */

import {privacyRuleText} from "./index.js";

export type PolicyClass = "open" | "protected" | "intern" | "reference";

/** Area levels a table can be keyed by, coarsest first. */
export type AreaLevel = "regio" | "gemeente" | "wijk" | "buurt" | "pc4" | "vak500" | "vak125" | "gebiedsgroep" | "geen";

/** Periods a table can be keyed by. */
export type Period = "geen" | "jaren" | "jaar" | "kwartaal" | "maand" | "week" | "dag";

/** The privacy mode: `standaard` follows the data owner's precedent; `streng` protects every count table (the earlier rule). */
export type PrivacyMode = "standaard" | "streng";
export const PRIVACY_MODES: readonly PrivacyMode[] = ["standaard", "streng"];

export interface Grain {
  /** The finest area levels the table holds. */
  areas: readonly AreaLevel[];
  /** The finest period. */
  period: Period;
  /** Attributes besides area and period (soort is published openly by the police). */
  attributes: readonly string[];
}

export interface PolicyEntry {
  class: PolicyClass;
  grain: Grain;
  /** Why this class, in English (developer docs). */
  reason: string;
  /** Why this class, in Dutch (the Verantwoording page). */
  reden: string;
  /** The public precedent an `open` table relies on (Dutch). */
  precedent?: string;
  /** The columns holding counts (or weights): protected tables hide their small values, and so does the `streng` mode for open tables. */
  values?: readonly string[];
  kind?: "count" | "weight";
}

/** Columns that only a protected or intern table may carry: attributes the police do not publish. */
export const PROTECTED_COLUMNS: readonly string[] = [
  "werkwijze", "woningtype", "buit", "opgelost", "weekday", "hour", "hour_from_sunset", "relative_hour",
  "category", "repeats", "start_hour", "end_hour", "x125", "y125", "visits", "id"
];

const OPEN_PRECEDENT =
  "Politie, open data 47018NED (geregistreerde misdrijven per wijk en buurt, per jaar, ook kleine aantallen) " +
  "en de openbare kaart 'Misdaad in kaart' (elke inbraak met datum en straat of postcodegebied).";

const countsOpen = (areas: AreaLevel[], period: Period, reason: string, reden: string, values: string[] = ["count"]): PolicyEntry => ({
  class: "open", grain: {areas, period, attributes: ["soort"]}, reason, reden, precedent: OPEN_PRECEDENT, values, kind: "count"
});

const reference = (areas: AreaLevel[], period: Period, reason: string, reden: string): PolicyEntry => ({
  class: "reference", grain: {areas, period, attributes: []}, reason, reden
});

const protectedCounts = (areas: AreaLevel[], period: Period, attributes: string[], values: string[], reason: string, reden: string): PolicyEntry => ({
  class: "protected", grain: {areas, period, attributes}, reason, reden, values, kind: "count"
});

const protectedWeights = (areas: AreaLevel[], period: Period, attributes: string[], reason: string, reden: string): PolicyEntry => ({
  class: "protected", grain: {areas, period, attributes}, reason, reden, values: ["weight"], kind: "weight"
});

const EFFECTS_REASON = "Measure effects: estimates and the observed burglaries of the areas compared, sums of open counts per area and month.";
const EFFECTS_REDEN = "Effectschattingen van maatregelen; de waargenomen aantallen zijn sommen van openbare aantallen per gebied en maand.";

/** The policy: every table the pipeline can publish. */
export const POLICY: Readonly<Record<string, PolicyEntry>> = {
  counts_month: countsOpen(["regio", "gemeente"], "maand",
    "Registered burglaries and attempts per municipality and month: the police publish every burglary with its date and postcode area.",
    "Geregistreerde inbraken en pogingen per gemeente en maand: de politie publiceert elke inbraak met datum en postcodegebied."),
  counts_year: countsOpen(["regio", "gemeente", "wijk", "buurt"], "jaar",
    "Registered burglaries per area and year: the police publish them per neighbourhood and year as open data (47018NED).",
    "Geregistreerde inbraken per gebied en jaar: de politie publiceert ze per buurt en jaar als open data (47018NED)."),
  counts_pc4: countsOpen(["pc4"], "maand",
    "Registered burglaries per four-digit postcode and month: the police's public map shows each burglary in its postcode area.",
    "Geregistreerde inbraken per postcodegebied (4 cijfers) en maand: de openbare politiekaart toont elke inbraak in zijn postcodegebied."),
  counts_grid: protectedCounts(["vak500", "vak125"], "jaar", [], ["count"],
    "Grid squares of 500 m and 125 m are finer than any police publication (the police's own prediction grid of 125 m is not public).",
    "Vakken van 500 m en 125 m zijn fijner dan wat de politie publiceert; kleine aantallen zouden een woning kunnen aanwijzen."),
  time_profile: protectedWeights(["regio", "gemeente"], "jaar", ["weekday", "hour"],
    "Weekday x hour of the burglary is not published by the police; fractions that add up to a count are a count.",
    "Weekdag en uur van de inbraak publiceert de politie niet; fracties die optellen tot een aantal zijn een aantal."),
  sunset_profile: protectedWeights(["regio", "gemeente"], "maand", ["soort", "hour_from_sunset"],
    "Time of day relative to sunset per area and month: a time of day the police do not publish.",
    "Tijdstip ten opzichte van zonsondergang per gebied en maand: een tijdstip dat de politie niet publiceert."),
  season_dst: protectedWeights(["regio"], "week", ["hour"],
    "Hour of day around the clock changes, region over all years: a time of day the police do not publish.",
    "Uur van de dag rond de wisseling van zomer- en wintertijd, regio over alle jaren: een tijdstip dat de politie niet publiceert."),
  season_sunset: protectedWeights(["regio"], "jaren", ["hour_from_sunset"],
    "Time relative to sunset per season, region over all years: a time of day the police do not publish.",
    "Tijd ten opzichte van zonsondergang per seizoen, regio over alle jaren: een tijdstip dat de politie niet publiceert."),
  what_counts: protectedCounts(["regio", "gemeente"], "jaar", ["soort", "werkwijze", "woningtype", "buit", "opgelost"], ["count"],
    "Modus operandi, dwelling type, loot and solved per area and year: attributes the police do not publish per area.",
    "Werkwijze, woningtype, buit en opgelost per gebied en jaar: kenmerken die de politie niet per gebied publiceert."),
  repeat_summary: protectedCounts(["regio"], "jaren", ["herhaling"], ["repeats"],
    "Repeat victimisation at one address: not published by the police and close to a person.",
    "Herhaald slachtofferschap op één adres: niet gepubliceerd door de politie en dicht bij een persoon."),
  repeat_weeks: protectedCounts(["regio"], "jaren", ["herhaling"], ["count"],
    "Repeat victimisation by weeks since the first burglary at the address.",
    "Herhaald slachtofferschap naar weken sinds de eerste inbraak op het adres."),
  knox_cells: protectedCounts(["regio"], "jaren", ["afstand", "tijd"], ["observed"],
    "Pairs of burglaries close in space and time: distances between incidents, finer than any publication.",
    "Paren inbraken dicht bij elkaar in ruimte en tijd: afstanden tussen incidenten, fijner dan wat de politie publiceert."),
  knox_share: protectedCounts(["regio"], "jaren", ["afstand", "tijd"], [],
    "Share of burglaries with a near repeat: hidden together with its pair counts.",
    "Aandeel inbraken met een inbraak dichtbij kort erna: verborgen samen met de paren."),
  prevention_advice: protectedCounts(["gemeente"], "maand", [], ["visits"],
    "Prevention advice visits are person-related municipal data (a visit is to a household).",
    "Preventieadviezen zijn persoonsgebonden gegevens van de gemeente (een bezoek is aan een huishouden)."),
  prevention_effects: protectedCounts(["gebiedsgroep"], "jaren", [], ["observed"],
    "Burglaries before and after prevention advice per area group: tied to person-related visits.",
    "Inbraken voor en na preventieadviezen per groep gebieden: verbonden met persoonsgebonden bezoeken."),
  prevention_dose_groups: protectedCounts(["gebiedsgroep"], "jaren", [], ["before", "after"],
    "Burglaries before and after prevention advice per dose group: tied to person-related visits.",
    "Inbraken voor en na preventieadviezen per dosisgroep: verbonden met persoonsgebonden bezoeken."),
  prevention_windows: reference(["geen"], "geen", "The before and after windows of the prevention analysis.", "De vensters voor en na van de analyse van preventieadviezen."),
  factor_quintiles: countsOpen(["gebiedsgroep"], "jaren",
    "Burglaries in groups of neighbourhoods (quintiles of a factor): sums of open neighbourhood counts.",
    "Inbraken in groepen buurten (vijfden van een omgevingsfactor): sommen van openbare buurtaantallen."),
  factor_models: reference(["gebiedsgroep"], "jaren", "Regression coefficients of open area counts on open area statistics.", "Regressiecoëfficiënten van openbare gebiedsaantallen op openbare kerncijfers."),
  factor_correlations: reference(["gebiedsgroep"], "jaren", "Rank correlations of open area counts with open area statistics.", "Rangcorrelaties van openbare gebiedsaantallen met openbare kerncijfers."),
  area_rates: countsOpen(["gemeente", "wijk", "buurt"], "jaar",
    "Counts and rates per 1,000 dwellings per area and year: the open counts divided by the open dwelling stock.",
    "Aantallen en cijfers per 1.000 woningen per gebied en jaar: de openbare aantallen gedeeld door de openbare woningvoorraad."),
  funnel_limits: reference(["geen"], "jaar", "Control limits of the funnel plot: functions of the dwelling stock and the region's rate.", "Grenzen van de trechtergrafiek: afhankelijk van woningvoorraad en het cijfer van de regio."),
  national_rates: reference(["geen"], "jaar", "National registered burglaries (CBS 47025NED) per 1,000 dwellings: open national statistics, plus which years the delivery covers in full and the region's rate (the funnel's centre, also in area_rates).", "Landelijke geregistreerde woninginbraken (CBS 47025NED) per 1.000 woningen: openbare landelijke cijfers, met het cijfer van de hele regio ernaast."),
  grid_hotspots: protectedCounts(["vak500"], "jaar", [], [],
    "Hot-spot classes of 500 m squares, uncorrected and FDR-adjusted (hotspot_fdr; its cut-offs are one number per year over all squares), each shown only where every value of the hidden counts gives the same class.",
    "Hotspotklassen van vakken van 500 m, ongecorrigeerd en gecorrigeerd voor meervoudig toetsen (FDR), elk alleen getoond waar elke mogelijke waarde van de verborgen aantallen dezelfde klasse geeft."),
  season_month: countsOpen(["regio"], "jaren",
    "Burglaries per calendar month over all years, region: sums of open monthly counts.",
    "Inbraken per kalendermaand over alle jaren, regio: sommen van openbare maandaantallen."),
  season_peak: reference(["regio"], "jaren", "Model estimates of the seasonal peak from open monthly counts.", "Modelschatting van de seizoenspiek uit openbare maandaantallen."),
  whatsapp_effects: countsOpen(["gebiedsgroep"], "jaren", EFFECTS_REASON, EFFECTS_REDEN, ["observed"]),
  whatsapp_event_study: countsOpen(["gebiedsgroep"], "maand", EFFECTS_REASON, EFFECTS_REDEN, ["observed"]),
  whatsapp_cohorts: countsOpen(["gebiedsgroep"], "maand", EFFECTS_REASON, EFFECTS_REDEN, ["observed"]),
  whatsapp_design: reference(["buurt"], "maand", "Which neighbourhoods have a WhatsApp group and since when: counts of groups per area are public.", "Welke buurten een buurtpreventie-appgroep hebben en sinds wanneer."),
  whatsapp_timeline: reference(["regio"], "maand", "Number of neighbourhoods with and without a group per month.", "Aantal buurten met en zonder appgroep per maand."),
  planner_power: reference(["regio"], "geen", "Simulated detection probabilities of planned rollouts: shares of simulated runs, no counts of real areas or incidents.", "Gesimuleerde kansen om een effect aan te tonen bij een geplande uitrol: aandelen van simulaties, geen aantallen uit de levering."),
  planner_designs: reference(["regio"], "geen", "The simulated designs: numbers of neighbourhoods by share, standard errors and minimum detectable effects of simulations.", "De gesimuleerde opzetten: aantallen buurten per aandeel, standaardfouten en kleinste aantoonbare effecten van simulaties."),
  planner_baseline: reference(["regio"], "jaren", "The planner's baseline: number of neighbourhoods, the region's rate per 1,000 dwellings over the last 12 months and the overdispersion.", "De uitgangssituatie van de planner: aantal buurten, het cijfer per 1.000 woningen van de regio over de laatste 12 maanden en de overspreiding."),
  whatsapp_groups: reference(["gemeente", "buurt"], "dag", "WhatsApp neighbourhood groups: public by nature (their signs hang in the street).", "Buurtpreventie-appgroepen: openbaar van aard (de borden hangen in de straat)."),
  dor_effects: countsOpen(["gebiedsgroep"], "jaren", EFFECTS_REASON, EFFECTS_REDEN, ["observed"]),
  dor_series: countsOpen(["gemeente"], "maand", EFFECTS_REASON, EFFECTS_REDEN, ["observed"]),
  dor_connections: reference(["gemeente"], "dag", "Connections of municipalities to the Digitaal Opkopersregister: public administrative facts.", "Aansluitingen van gemeenten op het Digitaal Opkopersregister: openbare bestuurlijke feiten."),
  campaign_effects: countsOpen(["gebiedsgroep"], "jaren", EFFECTS_REASON, EFFECTS_REDEN, ["observed"]),
  campaign_series: countsOpen(["gemeente"], "maand", EFFECTS_REASON, EFFECTS_REDEN, ["observed"]),
  campaign_list: reference(["gemeente"], "dag", "Campaigns with their areas and dates: public communication.", "Campagnes met hun gebieden en data: openbare communicatie."),
  campaigns: reference(["gemeente"], "dag", "Campaigns with their areas and dates: public communication.", "Campagnes met hun gebieden en data: openbare communicatie."),
  alert_effects: countsOpen(["gebiedsgroep"], "jaren", EFFECTS_REASON, EFFECTS_REDEN, ["observed"]),
  alert_groups: countsOpen(["regio"], "jaren",
    "Burglaries with and without a warning and the burglaries around them, region over all years: sums of open counts; no place, no date.",
    "Inbraken met en zonder waarschuwing en de inbraken eromheen, regio over alle jaren: sommen van openbare aantallen; geen plaats, geen datum.",
    ["triggers", "near_repeats", "before"]),
  targets: reference(["gemeente"], "jaar", "Policy targets per municipality and year.", "Beleidsdoelen per gemeente en jaar."),
  areas: reference(["gemeente", "wijk", "buurt"], "geen", "Area names, dwelling stock and inhabitants (CBS open data).", "Gebiedsnamen, woningvoorraad en inwoners (CBS open data)."),
  area_stats: reference(["gemeente", "wijk", "buurt"], "jaar", "Area statistics (CBS Kerncijfers wijken en buurten, open data).", "Kerncijfers per gebied (CBS Kerncijfers wijken en buurten, open data)."),
  area_geometry: reference(["gemeente", "wijk", "buurt", "pc4"], "geen", "Area boundaries (CBS / PDOK, open data).", "Gebiedsgrenzen (CBS / PDOK, open data)."),
  data_quality: reference(["geen"], "geen", "Rows read, accepted and rejected per file and reason: no row contents.", "Gelezen, geaccepteerde en afgewezen regels per bestand en reden: geen inhoud van regels."),
  forecast_summary: protectedCounts(["regio"], "jaren", ["voorspelmethode"], [],
    "Accuracy of the forecast methods (mean hit rate and PAI over 24 months): shares of incidents, no counts and no cells.",
    "Trefzekerheid van de voorspelmethoden (gemiddelde trefkans en PAI over 24 maanden): aandelen, geen aantallen en geen vakken."),
  forecast_months: protectedCounts(["regio"], "maand", ["voorspelmethode"], ["hits"],
    "Per month, the incidents that fell in the cells a method forecast highest: a count in an unpublished set of cells.",
    "Per maand het aantal inbraken in de vakken of gebieden met de hoogste voorspelling: een aantal in niet gepubliceerde gebieden."),
  nearrepeat_settings: reference(["regio"], "jaren", "Radius and duration of the near-repeat zones, taken from the published Knox bands.", "Straal en duur van de near-repeatzones, uit de gepubliceerde banden van de Knox-test."),
  nearrepeat_areas: protectedCounts(["buurt", "pc4"], "dag", [], ["zones"],
    "Open near-repeat zones per neighbourhood in the last weeks: burglaries per small area and recent days.",
    "Open near-repeatzones per buurt in de laatste weken: inbraken per klein gebied en recente dagen."),
  nearrepeat_zones: {
    class: "intern", grain: {areas: ["vak125"], period: "dag", attributes: []},
    reason: "One zone per recent burglary, centred on its 125 m square: incident-level, only for authorised prevention advisers.",
    reden: "Eén zone per recente inbraak, op het midden van het vak van 125 m: per incident, alleen voor bevoegde preventieadviseurs."
  },
  incidents: {
    class: "intern", grain: {areas: ["vak125"], period: "dag", attributes: ["soort", "werkwijze", "woningtype", "buit", "opgelost"]},
    reason: "Incident-level, pseudonymised and snapped to 125 m: only for authorised analysts under the covenant.",
    reden: "Per incident, gepseudonimiseerd en op 125 m afgerond: alleen voor bevoegde analisten onder het convenant."
  }
};

/** The policy entry of a table; throws for a table the policy does not know (nothing unknown is published). */
export function policyOf(table: string): PolicyEntry {
  const entry = POLICY[table];
  if (!entry) throw new Error(`table without a publication policy entry: ${table}`);
  return entry;
}

/** The class a table has in a mode: `streng` makes every open count table protected. */
export function classOf(table: string, mode: PrivacyMode = "standaard"): PolicyClass {
  const entry = policyOf(table);
  if (mode === "streng" && entry.class === "open") return "protected";
  return entry.class;
}

export interface GateSettings {
  level: "openbaar" | "intern";
  mode: PrivacyMode;
  /** Values 1..threshold-1 of protected tables are hidden in the openbaar build. */
  threshold: number;
}

/**
 * The threshold a table's builder applies: the build's threshold for a protected table in the
 * openbaar build, 0 (publish exactly) otherwise.
 * @example thresholdFor("counts_month", {level: "openbaar", mode: "standaard", threshold: 5}); // 0
 */
export function thresholdFor(table: string, {level, mode, threshold}: GateSettings): number {
  if (level !== "openbaar") return 0;
  if (!Number.isInteger(threshold) || threshold < 2) throw new Error(`invalid threshold for openbaar: ${threshold} (at least 2)`);
  return classOf(table, mode) === "protected" ? threshold : 0;
}

/** Dutch names of the classes, for pages. */
export const CLASS_LABEL: Readonly<Record<PolicyClass, string>> = {
  open: "openbaar exact",
  protected: "beschermd",
  intern: "alleen intern",
  reference: "referentie (geen incidentgegevens)"
};

/**
 * The rule as pages state it (Dutch), for a build's mode and threshold.
 * @example policyRuleText({mode: "standaard", threshold: 5}); // "Aantallen inbraken en pogingen per gebied ..."
 */
export function policyRuleText({mode, threshold, level = "openbaar", words = {withAttempts: "inbraken en pogingen", singular: "inbraak"}}: {
  mode: PrivacyMode;
  threshold: number;
  level?: "openbaar" | "intern";
  /** The theme's words (src/lib/theme.ts), so that a fietsdiefstal build does not speak of burglary. */
  words?: {withAttempts: string; singular: string};
}): string {
  if (level === "intern") return "Interne versie: alle aantallen exact, met een gepseudonimiseerde incidententabel; alleen voor bevoegde analisten.";
  if (!Number.isInteger(threshold) || threshold < 2) throw new Error(`invalid threshold: ${threshold}`);
  const small = `1 tot en met ${threshold - 1}`;
  if (mode === "streng") return `Strenge privacyregel, in alle tabellen met aantallen: ${privacyRuleText(threshold)}`;
  return `Aantallen geregistreerde ${words.withAttempts} per gebied en periode staan er exact, zoals de politie ze zelf ` +
    `openbaar maakt (open data per buurt en jaar, en de openbare kaart met elke ${words.singular}). Beschermd zijn tabellen die ` +
    "verder gaan: werkwijze, woningtype, buit, opgelost, tijdstip en weekdag, herhaald slachtofferschap, vakken van " +
    `500 en 125 m en preventieadviezen. Daar zijn aantallen van ${small} verborgen, net als een tweede cijfer waar een ` +
    "totaal een verborgen cijfer zou verraden (zie Verantwoording).";
}
