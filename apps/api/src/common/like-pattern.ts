/** An ILIKE pattern matching `text` anywhere, its wildcards (% _) and the escape character taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}

/** The in-memory twin of `ILIKE containsPattern(text)`: whether `name` contains `text`, ignoring case. */
export function containsIgnoringCase(name: string, text: string): boolean {
  return name.toLowerCase().includes(text.toLowerCase());
}
