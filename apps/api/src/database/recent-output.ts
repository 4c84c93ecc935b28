/** The last lines a child process printed, to show when it fails. */
export class RecentOutput {
  private readonly lines: string[] = [];

  constructor(private readonly limit = 60) {}

  add(message: unknown): void {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      this.lines.push(line.trimEnd());
      if (this.lines.length > this.limit) this.lines.shift();
    }
  }

  text(): string {
    return this.lines.length ? this.lines.map((line) => `  | ${line}`).join('\n') : '  (it printed nothing)';
  }
}
