// Who a person is, for the rule "one active appointment per person and service": the name
// without accents, case or extra spaces, with the date of birth; and the contact addresses.

export function personKey(name: string, birthDate: string): string {
  const folded = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("de")
    .replace(/ß/g, "ss")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .sort()
    .join(" ");
  return `${folded}|${birthDate}`;
}

export function emailKey(email: string | null | undefined): string | null {
  return email ? email.trim().toLowerCase() : null;
}

/** Digits only, with a German leading 0 turned into +49, so that 0151… and +49 151… match. */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[^\d+]/g, "");
  if (digits.startsWith("+")) return digits;
  if (digits.startsWith("00")) return `+${digits.slice(2)}`;
  if (digits.startsWith("0")) return `+49${digits.slice(1)}`;
  return digits;
}
