// Observable Framework configuration. The site is fully offline: see docs/offline.md.
import {cspMetaTag} from "./loaders/site/csp.js";
import {siteMunicipalities} from "./loaders/site/municipalities.js";
import {editionSite, editionView} from "./loaders/site/edition.js";
import {themeOf} from "./src/lib/theme.js";
import {printTablesScript} from "./src/lib/print-tables.js";
import {emptyTablesScript} from "./src/lib/empty-tables.js";
import {carryViewScript} from "./src/lib/view-links.js";

// Offence theme (INBRAAKLAB_THEME, src/lib/theme.ts) and the delivery's municipalities with data
// (one report page each: src/gemeenten/[gemeente].md).
const theme = themeOf(process.env.INBRAAKLAB_THEME);
const municipalities = siteMunicipalities();
// The CSP meta tag goes into built pages only: the preview server evaluates code inline.
// scripts/harden.ts (postbuild) adds the hashes of each page's inline scripts.
const building = process.argv.includes("build");

const site = {
  root: "src",
  output: process.env.INBRAAKLAB_OUTPUT ?? "dist",
  title: theme.siteTitle,
  // Framework 1.13 ignores this; scripts/harden.ts writes <html lang="nl"> into every built page.
  lang: "nl",
  // Narrative order: the pager (previous/next at the foot of every page) walks through these in
  // order, which is the walk-through of an inspiration session.
  pages: [
    {
      name: "Dashboard",
      pages: [
        {name: "Overzicht", path: "/overzicht"},
        {name: "Wanneer", path: "/wanneer"},
        {name: "Waar", path: "/waar"},
        {name: "Waar nu?", path: "/waar-nu"},
        {name: "Wat", path: "/wat"},
        {name: "Wie", path: "/wie"},
        {name: "Vergelijken", path: "/vergelijken"}
      ]
    },
    {
      name: "Hypothesen",
      pages: [
        {name: "Alle hypothesen", path: "/hypothesen/"},
        {name: "Omgevingsfactoren", path: "/hypothesen/omgevingsfactoren"},
        {name: "Near repeats", path: "/hypothesen/near-repeats"},
        {name: "Donkere avonden", path: "/hypothesen/donkere-avonden"},
        {name: "Herhaald slachtofferschap", path: "/hypothesen/herhaalslachtofferschap"}
      ]
    },
    {
      name: "Maatregelen",
      pages: [
        {name: "Wat werkt?", path: "/maatregelen/"},
        {name: "Buurtpreventie-appgroepen", path: "/maatregelen/whatsapp"},
        {name: "Preventieadviezen", path: "/maatregelen/preventieadvies"},
        {name: "Digitaal Opkopersregister", path: "/maatregelen/dor"},
        {name: "Campagnes", path: "/maatregelen/campagnes"},
        {name: "Vooraf: is een effect te zien?", path: "/maatregelen/vooraf"}
      ]
    },
    {
      name: "Gegevens",
      pages: [
        {name: "Databronnen", path: "/databronnen"},
        {name: "Datakwaliteit", path: "/datakwaliteit"},
        {name: "Verantwoording", path: "/verantwoording"},
        {name: "Verkennen", path: "/verkennen"}
      ]
    },
    // Per-municipality reports (issue 7): overview in the walk-through, the editions in their own pager.
    {name: "Gemeenten", path: "/gemeenten/"},
    {
      name: "Per gemeente",
      collapsible: true,
      open: false,
      pager: "gemeenten",
      pages: municipalities.map((m) => ({name: m.name, path: `/gemeenten/${m.slug}`}))
    }
  ],
  // findings.json at a stable path (src/findings.json.ts), for comparing deliveries over time, and
  // one report page per municipality of the delivery.
  dynamicPaths: ["/findings.json", ...municipalities.map((m) => `/gemeenten/${m.slug}`)],
  pager: true,
  // Links end in .html and folders in index.html, so dist/ works on any static server and sub-path.
  preserveExtension: true,
  preserveIndex: true,
  // An empty icon keeps the browser from requesting a favicon; the CSP meta tag only in builds; the
  // script that carries the view (period, area, soort; in an edition its municipality by default)
  // along every internal link and the one that gives printed tables all their rows (issue 14).
  head: `<link rel="icon" href="data:,">${building ? cspMetaTag() : ""}<script>${carryViewScript(editionView(process.env.INBRAAKLAB_EDITION))}</script><script>${printTablesScript()}</script><script>${emptyTablesScript()}</script>`,
  // The theme plus self-hosted fonts (src/style.css); no link to a font service.
  style: "style.css",
  globalStylesheets: [],
  // No DuckDB extensions: they would be downloaded from the extension host at build time.
  duckdb: {extensions: {json: null, parquet: null}},
  footer: `${theme.siteTitle} — open-source ${theme.tagline}.`,
  search: false,
  toc: {label: "Inhoud"}
};

// A municipality's edition (`npm run report -- --gemeente <naam>`, loaders/site/edition.ts) builds
// from its own source root with only its pages (root, title, pages, dynamicPaths); otherwise the site.
export default {...site, ...editionSite(process.env.INBRAAKLAB_EDITION, site)};
