/** A timestamp as the API answers it (ISO 8601, UTC); an absent one stays null. */
export function isoOrNull(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
