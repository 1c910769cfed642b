/**
 * The data catalogue: for every source, its owner, content, granularity, legal basis, privacy
 * class, delivery format and frequency, linking keys and the checks applied. Rendered on the
 * "Databronnen" page and mirrored in docs/data-catalogue.md (a test keeps them in step).
 */
import {type Theme} from "./theme.js";

export interface Source {
  file: string;
  name: string;
  owner: string;
  content: string;
  granularity: string;
  legalBasis: string;
  privacy: "politiegegevens (Wpg)" | "persoonsgegevens (AVG)" | "geen persoonsgegevens" | "open data";
  format: string;
  frequency: string;
  keys: string;
  checks: string;
}

export const CATALOGUE: readonly Source[] = [
  {
    file: "inbraken.csv",
    name: "Geregistreerde woninginbraken",
    owner: "Politie (Eenheid Oost-Nederland, basisteams Twente)",
    content: "Eén rij per geregistreerde (poging tot) woninginbraak: soort, pleegperiode, gebied, locatie, werkwijze, woningtype, buit, opgelost",
    granularity: "incident; tijdvenster van-tot; adres/coördinaat",
    legalBasis: "Wet politiegegevens art. 20 (verstrekking aan gemeenten onder convenant), taak openbare orde van de burgemeester",
    privacy: "politiegegevens (Wpg)",
    format: "CSV (; of ,), UTF-8 of Windows-1252, DD-MM-JJJJ of JJJJ-MM-DD",
    frequency: "maandelijks",
    keys: "gemeentecode, buurtcode, postcode, x/y (RD) of lat/lon",
    checks: "verplichte kolommen, datums, codes, postcode, coördinaten binnen Nederland, dubbele registratienummers, einde na begin, toewijzing aan een gemeente van de regio"
  },
  {
    file: "whatsapp_groepen.csv",
    name: "Buurtpreventie-appgroepen",
    owner: "Gemeenten (team openbare orde en veiligheid)",
    content: "Geregistreerde WhatsApp-buurtpreventiegroepen met startdatum en aantal deelnemers",
    granularity: "groep; buurt of postcode",
    legalBasis: "AVG art. 6 lid 1 sub e (publieke taak); alleen groepsgegevens, geen deelnemers",
    privacy: "geen persoonsgegevens",
    format: "CSV",
    frequency: "per kwartaal",
    keys: "gemeentecode, buurtcode, postcode",
    checks: "unieke groep_id, datums, codes, buurt hoort bij gemeente, gemeente in de regio"
  },
  {
    file: "preventieadviezen.csv",
    name: "Preventieadviezen (woningbezoeken)",
    owner: "Gemeenten en politie (preventieadviseurs)",
    content: "Aantal gegeven preventieadviezen per maand en gebied",
    granularity: "gebied x maand (aantallen)",
    legalBasis: "AVG art. 6 lid 1 sub e; geaggregeerd aangeleverd",
    privacy: "geen persoonsgegevens",
    format: "CSV",
    frequency: "maandelijks",
    keys: "gemeentecode, buurtcode, postcode",
    checks: "datum, codes, aantal geheel en niet negatief"
  },
  {
    file: "dor_aansluitingen.csv",
    name: "Aansluitingen Digitaal Opkopersregister",
    owner: "Gemeenten (vergunningverlening), DOR-beheerder",
    content: "Datum waarop een gemeente is aangesloten op het DOR, aantal aangesloten opkopers",
    granularity: "gemeente",
    legalBasis: "geen persoonsgegevens (bestuurlijke gegevens)",
    privacy: "geen persoonsgegevens",
    format: "CSV",
    frequency: "bij wijziging",
    keys: "gemeentecode",
    checks: "één rij per gemeente, datum, aantal geheel"
  },
  {
    file: "campagnes.csv",
    name: "Preventiecampagnes",
    owner: "Gemeenten, politie",
    content: "Campagnes zoals het Donkere Dagen Offensief: naam, gebied (gemeente of regio), begin- en einddatum",
    granularity: "gemeente of regio x periode",
    legalBasis: "geen persoonsgegevens",
    privacy: "geen persoonsgegevens",
    format: "CSV",
    frequency: "bij wijziging",
    keys: "gemeentecode of 'regio'",
    checks: "datums, einde na begin, gebied in de regio"
  },
  {
    file: "alerts.csv",
    name: "Buurtwaarschuwingen",
    owner: "Gemeenten, politie (wijkagent, preventieadviseur)",
    content: "Buurtbrieven, alerts en huisbezoeken na een delict in de buurt: datum, soort en plaats (punt of buurt/postcode)",
    granularity: "punt (RD) of buurt/postcode x dag",
    legalBasis: "AVG art. 6 lid 1 sub e (taak van algemeen belang); de plaats wijst naar een recent delict",
    privacy: "persoonsgegevens (AVG)",
    format: "CSV",
    frequency: "maandelijks",
    keys: "x/y, buurtcode of postcode, datum",
    checks: "datum, soort (buurtbrief, inbraakalert, huisbezoek), een plaats fijner dan de gemeente, codes en coördinaten, gebied in de regio"
  },
  {
    file: "doelen.csv",
    name: "Doelen van het inbraakprogramma",
    owner: "Gemeenten (beleid), regionale stuurgroep",
    content: "Streefwaarden per gebied, jaar en indicator",
    granularity: "gemeente of regio x jaar",
    legalBasis: "geen persoonsgegevens",
    privacy: "geen persoonsgegevens",
    format: "CSV",
    frequency: "jaarlijks",
    keys: "gebied (gemeentecode of 'regio')",
    checks: "bekende indicator, jaar, doelwaarde niet negatief"
  },
  {
    file: "kerncijfers.csv",
    name: "Kerncijfers wijken en buurten",
    owner: "CBS (tabel 85984NED en opvolgers), Kennispunt Twente",
    content: "Gebiedskenmerken: inwoners, woningen, woningtype, WOZ-waarde, inkomen, huur/koop, leeftijd, adressendichtheid, afstand tot oprit",
    granularity: "gemeente, wijk, buurt x jaar",
    legalBasis: "open data, CC BY 4.0 (bronvermelding CBS)",
    privacy: "open data",
    format: "CSV (lang formaat), van het CBS of met de hand",
    frequency: "jaarlijks",
    keys: "gebiedscode (GM/WK/BU)",
    checks: "codes, jaar, variabelenaam, getal"
  },
  {
    file: "gebieden.geojson",
    name: "Gebiedsgrenzen",
    owner: "CBS / PDOK (wijk- en buurtkaart)",
    content: "Grenzen van gemeenten, wijken en buurten",
    granularity: "gebied",
    legalBasis: "open data, CC BY 4.0",
    privacy: "open data",
    format: "GeoJSON (WGS84 of RD New)",
    frequency: "jaarlijks",
    keys: "code (GM/WK/BU)",
    checks: "geldige GeoJSON, CBS-code per gebied, Polygon of MultiPolygon"
  }
];

/**
 * The catalogue in the theme's words: the incident file and the programme targets are named after
 * the build's offence (file names, columns and owners are the same for every theme).
 * @example catalogueFor(THEMES.fietsdiefstal)[0].name // "Geregistreerde fietsdiefstallen"
 */
export function catalogueFor(theme: Theme): Source[] {
  return CATALOGUE.map((s) => {
    if (s.file === "inbraken.csv") {
      return {...s, name: `Geregistreerde ${theme.namePlural}`,
        content: s.content.replace("(poging tot) woninginbraak", `(poging tot) ${theme.name.toLowerCase()}`).replace("woningtype", theme.targetType)};
    }
    if (s.file === "doelen.csv") return {...s, name: `Doelen van het ${theme.programme}`};
    return {...s};
  });
}
