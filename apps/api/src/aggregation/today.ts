/** Today's date as 'YYYY-MM-DD' in an IANA time zone (the day a reading belongs to). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
