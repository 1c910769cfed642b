/** Rejected rows and file-level errors of a delivery, with Dutch messages for analysts. */

/** Why a row was rejected. The codes are stable (they key the data-quality tables). */
export const REJECT_REASONS = {
  aantal_velden: "het aantal velden klopt niet met de kopregel",
  veld_te_lang: "een veld is langer dan 1.000 tekens",
  verplicht_leeg: "verplichte waarde ontbreekt",
  ongeldige_datum: "geen geldige datum (verwacht JJJJ-MM-DD of DD-MM-JJJJ, eventueel met tijd UU:MM)",
  ongeldig_getal: "geen geldig getal",
  ongeldige_code: "geen geldige CBS-gebiedscode",
  ongeldige_postcode: "geen geldige postcode (verwacht 1234 of 1234AB)",
  ongeldige_soort: "onbekende soort (verwacht inbraak of poging)",
  ongeldige_waarde: "ongeldige waarde",
  einde_voor_begin: "einddatum ligt voor de begindatum",
  datum_voor_beginjaar: "pleegdatum ligt voor het eerste jaar dat wordt aanvaard (standaard 2000; instelbaar)",
  datum_na_peildatum: "pleegdatum ligt na de peildatum (de dag van de controle): een datum in de toekomst",
  onvolledige_coordinaten: "coördinaat onvolledig (x zonder y of lat zonder lon)",
  coordinaten_buiten_nederland: "coördinaten liggen buiten Nederland (meer dan 1 km buiten de ingebouwde, vereenvoudigde landsgrens)",
  tegenstrijdige_gebieden: "gemeentecode, buurtcode en coördinaten wijzen naar verschillende gemeenten",
  buiten_gemeentegrens: "de coördinaten liggen meer dan 250 m buiten de gemeente van de rij (ingebouwde, vereenvoudigde gemeentegrenzen)",
  niet_te_plaatsen: "de rij is aan geen gemeente toe te wijzen (geen gemeentecode, buurtcode of coördinaten in een geleverd gebied)",
  buiten_de_regio: "de rij hoort bij een gemeente buiten de regio",
  dubbel: "dubbele sleutel: de eerste rij met deze waarde is behouden",
  tegenstrijdig_dubbel: "dubbele sleutel met een andere inhoud dan de eerste rij met deze waarde (die is behouden): controleer welke juist is"
} as const;

export type RejectReason = keyof typeof REJECT_REASONS;

/** One rejected row: where, what and why. Holds the offending value for the quarantine only. */
export interface Reject {
  file: string;
  /** 1-based physical line in the file (the header is line 1). */
  line: number;
  column: string;
  value: string;
  reason: RejectReason;
  /** The row's original cells (for the quarantine file only, never published). */
  raw?: string[];
}

/** Formats a reject as the Dutch message shown by check-data. */
export function rejectMessage(r: Reject): string {
  const value = r.value === "" ? "(leeg)" : JSON.stringify(r.value.length > 60 ? r.value.slice(0, 57) + "..." : r.value);
  return `${r.file}, regel ${r.line}, kolom ${r.column}: ${value} — ${REJECT_REASONS[r.reason]}`;
}

/** A problem that makes a whole file (and so the delivery) unusable. */
export class DeliveryError extends Error {
  constructor(readonly file: string, readonly problem: string, readonly fix: string) {
    super(`${file}: ${problem}. ${fix}`);
    this.name = "DeliveryError";
  }
}
