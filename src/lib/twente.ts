/**
 * The default region: the 14 Twente municipalities with their CBS codes, and inhabitants, dwellings
 * and land area on 1 January 2024 (CBS 85984NED, Kerncijfers wijken en buurten 2024), and the
 * approximate centroid (WGS84) of each municipality.
 */
export interface Municipality {
  code: string;
  name: string;
  inhabitants: number;
  dwellings: number;
  landHa: number;
  lat: number;
  lon: number;
}

export const TWENTE: readonly Municipality[] = [
  {code: "GM0141", name: "Almelo", inhabitants: 74317, dwellings: 34496, landHa: 6718, lat: 52.349, lon: 6.659},
  {code: "GM0147", name: "Borne", inhabitants: 24639, dwellings: 10468, landHa: 2599, lat: 52.312, lon: 6.744},
  {code: "GM0153", name: "Enschede", inhabitants: 161738, dwellings: 77059, landHa: 14073, lat: 52.22, lon: 6.877},
  {code: "GM0158", name: "Haaksbergen", inhabitants: 24359, dwellings: 10739, landHa: 10478, lat: 52.156, lon: 6.755},
  {code: "GM0163", name: "Hellendoorn", inhabitants: 36264, dwellings: 15158, landHa: 13793, lat: 52.387, lon: 6.45},
  {code: "GM0164", name: "Hengelo", inhabitants: 83058, dwellings: 39985, landHa: 6084, lat: 52.256, lon: 6.781},
  {code: "GM0168", name: "Losser", inhabitants: 23376, dwellings: 10147, landHa: 9874, lat: 52.301, lon: 7.001},
  {code: "GM0173", name: "Oldenzaal", inhabitants: 31794, dwellings: 14900, landHa: 2155, lat: 52.31, lon: 6.913},
  {code: "GM0183", name: "Tubbergen", inhabitants: 21397, dwellings: 8833, landHa: 14700, lat: 52.411, lon: 6.779},
  {code: "GM0189", name: "Wierden", inhabitants: 24931, dwellings: 10123, landHa: 9460, lat: 52.344, lon: 6.559},
  {code: "GM1700", name: "Twenterand", inhabitants: 34073, dwellings: 14106, landHa: 10614, lat: 52.448, lon: 6.599},
  {code: "GM1735", name: "Hof van Twente", inhabitants: 35446, dwellings: 15547, landHa: 21243, lat: 52.237, lon: 6.591},
  {code: "GM1742", name: "Rijssen-Holten", inhabitants: 38675, dwellings: 15196, landHa: 9412, lat: 52.291, lon: 6.434},
  {code: "GM1774", name: "Dinkelland", inhabitants: 26739, dwellings: 11268, landHa: 17572, lat: 52.373, lon: 6.915}
];

/** The region's municipality codes (the default region of a delivery). */
export const TWENTE_CODES: readonly string[] = TWENTE.map((m) => m.code);
