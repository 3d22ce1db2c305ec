/**
 * Norwegian organisation numbers (organisasjonsnummer): 9 digits, the last a mod-11 check
 * digit with weights 3 2 7 6 5 4 3 2. A remainder giving check digit 10 is never issued.
 */
const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Digits only: "983 887 406" → "983887406". Null when it is not 9 digits. */
export function normaliseOrgNr(input: string): string | null {
  const digits = input.replace(/[\s\u00a0.]/g, '');
  return /^\d{9}$/.test(digits) ? digits : null;
}

export function isValidOrgNr(input: string): boolean {
  const nr = normaliseOrgNr(input);
  if (!nr) return false;
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(nr[i]), 0);
  const rest = sum % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check !== 10 && check === Number(nr[8]);
}

/** "983887406" → "983 887 406" as printed. */
export function formatOrgNr(nr: string): string {
  return `${nr.slice(0, 3)} ${nr.slice(3, 6)} ${nr.slice(6, 9)}`;
}
