/**
 * The intern incident table's pseudonyms: a keyed HMAC, not a content rank. Rows are ordered by
 * HMAC-SHA256(key, registratienummer) and numbered in that order, so whoever holds the police
 * export but not the key cannot recompute which number belongs to which registration (a rank by
 * content can be recomputed from the export). The key comes from INBRAAKLAB_PSEUDONYM_KEY and is
 * never written anywhere; an intern build without it is refused (loaders/config.ts).
 */
import {createHmac} from "node:crypto";

/** Shortest key accepted (characters): a password-like secret, not a word. */
export const MIN_PSEUDONYM_KEY_LENGTH = 16;

/** Checks a pseudonym key; throws a Dutch/English message naming the variable when unusable. */
export function assertPseudonymKey(key: string | undefined): asserts key is string {
  if (!key) {
    throw new Error("INBRAAKLAB_PSEUDONYM_KEY ontbreekt: het niveau intern heeft een geheime sleutel nodig voor de pseudoniemen (minimaal 16 tekens, bewaar hem buiten de repository). / INBRAAKLAB_PSEUDONYM_KEY is missing: the intern level needs a secret key for its pseudonyms.");
  }
  if (key.length < MIN_PSEUDONYM_KEY_LENGTH) {
    throw new Error(`INBRAAKLAB_PSEUDONYM_KEY is te kort (${key.length} tekens, minimaal ${MIN_PSEUDONYM_KEY_LENGTH}). / INBRAAKLAB_PSEUDONYM_KEY is too short.`);
  }
}

/** The keyed order of registration numbers: each one's HMAC-SHA256 under `key` (hex). */
export function pseudonymHmac(key: string, registratienummer: string): string {
  return createHmac("sha256", key).update(registratienummer, "utf8").digest("hex");
}
