// Observable Framework configuration. The site is fully offline: see docs/offline.md.
export default {
  root: "src",
  output: process.env.INBRAAKLAB_OUTPUT ?? "dist",
  title: "Inbraaklab",
  lang: "nl",
  pages: [
    {name: "Databronnen", path: "/databronnen"},
    {name: "Datakwaliteit", path: "/datakwaliteit"},
    {name: "Wat werkt?", path: "/maatregelen/"},
    {name: "Maatregel: appgroepen", path: "/maatregelen/whatsapp"},
    {name: "Maatregel: preventieadviezen", path: "/maatregelen/preventieadvies"},
    {name: "Maatregel: opkopersregister", path: "/maatregelen/dor"},
    {name: "Maatregel: campagnes", path: "/maatregelen/campagnes"}
  ],
  // The theme plus self-hosted fonts (src/style.css); no link to a font service.
  style: "style.css",
  globalStylesheets: [],
  // No DuckDB extensions: they would be downloaded from the extension host at build time.
  duckdb: {extensions: {json: null, parquet: null}},
  footer: "Inbraaklab — open-source analysewerkbank woninginbraak Twente.",
  search: false
};
