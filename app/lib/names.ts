// How a person's name is written from its parts (client-safe): given names first, as on the
// forms; a missing part leaves no stray space.

/** "Amira Haddad" from given names and family name (either may be empty). */
export function fullName(person: { givenNames?: string | null; familyName?: string | null }): string {
  return [person.givenNames, person.familyName].filter((part) => part && part.trim() !== "").join(" ");
}
