// Observable Framework configuration. The site is fully offline: see docs/offline.md.
export default {
  root: "src",
  output: process.env.INBRAAKLAB_OUTPUT ?? "dist",
  title: "Inbraaklab",
  lang: "nl",
  // Narrative order: the pager walks through the pages in this order (inspiration sessions).
  pages: [
    {
      name: "Dashboard",
      pages: [
        {name: "Overzicht", path: "/overzicht"},
        {name: "Wanneer", path: "/wanneer"},
        {name: "Waar", path: "/waar"},
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
        {name: "Campagnes", path: "/maatregelen/campagnes"}
      ]
    },
    {
      name: "Gegevens",
      pages: [
        {name: "Databronnen", path: "/databronnen"},
        {name: "Datakwaliteit", path: "/datakwaliteit"},
        {name: "Verkennen", path: "/verkennen"}
      ]
    }
  ],
  // findings.json at a stable path (src/findings.json.ts), for comparing deliveries over time.
  dynamicPaths: ["/findings.json"],
  // The theme plus self-hosted fonts (src/style.css); no link to a font service.
  style: "style.css",
  globalStylesheets: [],
  // No DuckDB extensions: they would be downloaded from the extension host at build time.
  duckdb: {extensions: {json: null, parquet: null}},
  footer: "Inbraaklab — open-source analysewerkbank woninginbraak Twente.",
  search: false,
  // No favicon request (there is none): an empty icon keeps the browser from asking for one.
  head: `<link rel="icon" href="data:,">`
};
