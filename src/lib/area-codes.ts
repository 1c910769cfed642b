/**
 * The shape of the CBS area codes and of a four-digit postcode area, in one place: the delivery
 * reader links by them, the publication gate checks published tables against them, and Verkennen
 * refuses a filter that does not match.
 */
export const AREA_CODE = {
  gemeente: /^GM\d{4}$/,
  wijk: /^WK\d{6}$/,
  buurt: /^BU\d{8}$/,
  pc4: /^[1-9]\d{3}$/
} as const;
