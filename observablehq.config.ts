// Observable Framework configuration. The site is fully offline: see docs/offline.md.
export default {
  root: "src",
  output: process.env.INBRAAKLAB_OUTPUT ?? "dist",
  title: "Inbraaklab",
  lang: "nl",
  pages: [
    {name: "Overzicht", path: "/overzicht"},
    {name: "Wanneer", path: "/wanneer"},
    {name: "Wat", path: "/wat"},
    {name: "Wie", path: "/wie"},
    {name: "Databronnen", path: "/databronnen"},
    {name: "Datakwaliteit", path: "/datakwaliteit"},
    {name: "Waar", path: "/waar"},
    {name: "Vergelijken", path: "/vergelijken"},
    {name: "Verkennen", path: "/verkennen"}
  ],
  // The theme plus self-hosted fonts (src/style.css); no link to a font service.
  style: "style.css",
  globalStylesheets: [],
  // No DuckDB extensions: they would be downloaded from the extension host at build time.
  duckdb: {extensions: {json: null, parquet: null}},
  footer: "Inbraaklab — open-source analysewerkbank woninginbraak Twente.",
  search: false
};
