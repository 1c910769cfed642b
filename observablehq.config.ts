// Observable Framework configuration. The site is fully offline: see docs/offline.md.
export default {
  root: "src",
  output: process.env.INBRAAKLAB_OUTPUT ?? "dist",
  title: "Inbraaklab",
  lang: "nl",
  pages: [
    {name: "Databronnen", path: "/databronnen"},
    {name: "Datakwaliteit", path: "/datakwaliteit"},
    {name: "Hypothesen", path: "/hypothesen/"},
    {name: "Omgevingsfactoren", path: "/hypothesen/omgevingsfactoren"},
    {name: "Near repeats", path: "/hypothesen/near-repeats"},
    {name: "Donkere avonden", path: "/hypothesen/donkere-avonden"},
    {name: "Herhaald slachtofferschap", path: "/hypothesen/herhaalslachtofferschap"}
  ],
  // The theme plus self-hosted fonts (src/style.css); no link to a font service.
  style: "style.css",
  globalStylesheets: [],
  // No DuckDB extensions: they would be downloaded from the extension host at build time.
  duckdb: {extensions: {json: null, parquet: null}},
  footer: "Inbraaklab — open-source analysewerkbank woninginbraak Twente.",
  search: false
};
