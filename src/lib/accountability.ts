/**
 * The accountability account ("Verantwoording") of a build, generated from the publication policy,
 * the data catalogue and the build's metadata: per source its legal basis and retention, per
 * published table its class, grain, the public precedent it relies on and the privacy gate's
 * account. Rendered on src/verantwoording.md and written as a markdown annex next to the site
 * (scripts/harden.ts), which is what a privacy officer asks for before publication (a DPIA annex).
 * Browser-safe.
 */
import {CATALOGUE} from "./catalogue.js";
import {themeOf} from "./theme.js";
import {CLASS_LABEL, POLICY, policyRuleText, type PolicyClass, type PrivacyMode} from "./privacy/policy.js";

/** What the account reads from meta.json. */
export interface AccountMeta {
  level: "openbaar" | "intern";
  /** The offence theme (src/lib/theme.ts); absent means woninginbraak. */
  theme?: string;
  source: string;
  suppress_below: number;
  privacy?: PrivacyMode;
  first_month: string | null;
  last_month: string | null;
  incidents: number;
  files: {file: string; present: boolean}[];
  privacy_accounts?: {table: string; class: PolicyClass; rows: number; hidden: number; threshold: number}[];
}

/** Legal basis and retention per delivered source (Dutch; the retention is a proposal for the covenant). */
export const LEGAL_BASIS: Readonly<Record<string, {grondslag: string; bewaren: string}>> = {
  "inbraken.csv": {
    grondslag: "Politiegegevens: verstrekking aan de gemeente onder het convenant (Wet politiegegevens art. 20, zwaarwegend algemeen belang). " +
      "Bij de gemeente zijn het strafrechtelijke gegevens: AVG art. 6 lid 1 sub e (taak van algemeen belang, openbare orde) en art. 10 met UAVG art. 31-33 (verwerking onder overheidstoezicht, met passende waarborgen).",
    bewaren: "Levering en quarantaine: verwijderen zodra de publicatie gebouwd en gecontroleerd is (voorstel: uiterlijk na 1 jaar, vast te leggen in het convenant). Gepubliceerde tabellen bevatten geen incidentgegevens."
  },
  "whatsapp_groepen.csv": {grondslag: "AVG art. 6 lid 1 sub e; alleen groepsgegevens, geen deelnemers.", bewaren: "Zolang de groep bestaat plus de evaluatieperiode."},
  "preventieadviezen.csv": {grondslag: "AVG art. 6 lid 1 sub e; geaggregeerd aangeleverd (aantallen per gebied en maand); persoonsgebonden van aard, daarom beschermd gepubliceerd.", bewaren: "Aantallen: zolang de evaluatie loopt."},
  "dor_aansluitingen.csv": {grondslag: "Openbare bestuurlijke gegevens (aansluitingen van gemeenten); geen persoonsgegevens.", bewaren: "Onbeperkt."},
  "campagnes.csv": {grondslag: "Openbare communicatie van gemeente en politie; geen persoonsgegevens.", bewaren: "Onbeperkt."},
  "alerts.csv": {grondslag: "AVG art. 6 lid 1 sub e; de plaats en datum wijzen naar een recente inbraak, daarom alleen als aantallen voor de regio gepubliceerd.", bewaren: "Zolang de evaluatie loopt (voorstel: 2 jaar)."},
  "doelen.csv": {grondslag: "Bestuurlijke doelen; geen persoonsgegevens.", bewaren: "Onbeperkt."},
  "kerncijfers.csv": {grondslag: "CBS open data (CC BY 4.0); geen persoonsgegevens.", bewaren: "Onbeperkt."},
  "gebieden.geojson": {grondslag: "CBS/PDOK open data; geen persoonsgegevens.", bewaren: "Onbeperkt."}
};

export interface SourceRow {bestand: string; geleverd: boolean; bron: string; grondslag: string; bewaren: string}
export interface TableRow {tabel: string; klasse: string; detailniveau: string; reden: string; precedent: string; rijen: number | null; verborgen: number | null; drempel: number | null}

const GRAIN_AREA: Record<string, string> = {
  regio: "regio", gemeente: "gemeente", wijk: "wijk", buurt: "buurt", pc4: "postcode (4 cijfers)", vak500: "vak 500 m",
  vak125: "vak 125 m", gebiedsgroep: "groep gebieden", geen: "geen gebied"
};
const ATTRIBUTE: Record<string, string> = {weekday: "weekdag", hour: "uur", hour_from_sunset: "uur t.o.v. zonsondergang"};
const GRAIN_PERIOD: Record<string, string> = {geen: "geen periode", jaren: "meerdere jaren", jaar: "jaar", kwartaal: "kwartaal", maand: "maand", week: "week", dag: "dag"};

/** The account as rows: the sources and every published table. */
export function accountability(meta: AccountMeta): {rule: string; sources: SourceRow[]; tables: TableRow[]} {
  const present = new Map(meta.files.map((f) => [f.file, f.present]));
  const sources = CATALOGUE.filter((s) => s.file in LEGAL_BASIS).map((s) => ({
    bestand: s.file, geleverd: present.get(s.file) ?? false, bron: s.name, ...LEGAL_BASIS[s.file]
  }));
  const accounts = new Map((meta.privacy_accounts ?? []).map((a) => [a.table, a]));
  const mode = meta.privacy ?? "standaard";
  const tables = Object.entries(POLICY)
    .filter(([, e]) => meta.level === "intern" || e.class !== "intern")
    .map(([name, e]) => {
      const a = accounts.get(name);
      const cls = a?.class ?? (mode === "streng" && e.class === "open" ? "protected" : e.class);
      return {
        tabel: name,
        klasse: CLASS_LABEL[cls],
        detailniveau: `${e.grain.areas.map((g) => GRAIN_AREA[g]).join(" / ")} × ${GRAIN_PERIOD[e.grain.period]}${e.grain.attributes.length ? ` × ${e.grain.attributes.map((a) => ATTRIBUTE[a] ?? a).join(", ")}` : ""}`,
        reden: e.reden,
        precedent: e.precedent ?? "",
        rijen: a?.rows ?? null,
        verborgen: a ? a.hidden : null,
        drempel: a ? a.threshold : null
      };
    });
  const rule = policyRuleText({mode, threshold: Math.max(2, meta.suppress_below), level: meta.level, words: themeOf(meta.theme)});
  return {rule, sources, tables};
}

const cell = (v: unknown) => String(v ?? "–").replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The account as a markdown annex (Dutch). */
export function accountabilityMarkdown(meta: AccountMeta): string {
  const {rule, sources, tables} = accountability(meta);
  const protectedTables = tables.filter((t) => t.klasse === CLASS_LABEL.protected);
  return [
    `# Verantwoording: ${meta.source} (${meta.level})`,
    "",
    `Levering: ${meta.source}, ${meta.incidents.toLocaleString("nl-NL")} geregistreerde incidenten, ${meta.first_month ?? "–"} t/m ${meta.last_month ?? "–"}. ` +
      `Publicatieniveau: ${meta.level}; privacyregel: ${meta.privacy ?? "standaard"}, drempel ${meta.suppress_below}.`,
    "",
    "## De regel",
    "",
    rule,
    "",
    "## Bronnen, grondslag en bewaren",
    "",
    "| bestand | geleverd | bron | grondslag | bewaren |",
    "|---|---|---|---|---|",
    ...sources.map((s) => `| ${cell(s.bestand)} | ${s.geleverd ? "ja" : "nee"} | ${cell(s.bron)} | ${cell(s.grondslag)} | ${cell(s.bewaren)} |`),
    "",
    "## Gepubliceerde tabellen",
    "",
    "| tabel | klasse | detailniveau | reden | openbaar precedent | rijen | verborgen | drempel |",
    "|---|---|---|---|---|---:|---:|---:|",
    ...tables.map((t) => `| ${cell(t.tabel)} | ${cell(t.klasse)} | ${cell(t.detailniveau)} | ${cell(t.reden)} | ${cell(t.precedent)} | ${cell(t.rijen)} | ${cell(t.verborgen)} | ${cell(t.drempel)} |`),
    "",
    "## Controle van de beschermde tabellen",
    "",
    `Elke tabel is vóór publicatie door de privacypoort gegaan (loaders/pipeline/gate.ts): geen tabel zonder regel in het beleid, ` +
      `geen incidentgegevens in de openbare versie, geen open tabel fijner dan zijn detailniveau, en in de ${protectedTables.length} beschermde tabellen ` +
      `geen zichtbare waarde van 1 tot ${Math.max(2, meta.suppress_below)} en geen waarde naast een verborgen-vlag. De verborgen cellen zijn ` +
      "aangevuld tot geen enkele uit de gepubliceerde cijfers en sommen volgt (secundaire onderdrukking, gecontroleerd met een lineaire aanval).",
    "",
    "## Resterende risico's",
    "",
    "- Een verborgen cel kan binnen grenzen worden geschat (bijvoorbeeld 1 tot 4), al is de exacte waarde niet af te leiden.",
    "- De open tabellen tonen wat de politie zelf al publiceert; samen met de openbare kaart van de politie voegen ze geen incidentkenmerken toe.",
    "- Wie een incident kent (datum en gebied), kan uit de beschermde tabellen het tijdstip, de werkwijze of het woningtype van dat incident niet exact afleiden (getoetst met de lineaire aanval in test/unit/privacy/attack.test.ts); wel zijn verborgen cellen binnen grenzen te schatten.",
    "- De controle gaat uit van de sommen die de site zelf publiceert; andere bronnen met fijnere gegevens over dezelfde incidenten zijn niet gemodelleerd.",
    ""
  ].join("\n");
}
