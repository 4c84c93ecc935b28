import { runRepoTool } from '../test-support/repo-tools';

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
}

describe('openapi.json lint (redocly.yaml: the recommended ruleset)', () => {
  it('has no error and no warning', async () => {
    const run = await runRepoTool('@redocly/cli/bin/cli.js', ['lint', 'openapi.json', '--config', 'redocly.yaml', '--format=json']);
    const report = JSON.parse(run.stdout) as LintReport;
    const problems = report.problems.map((problem) => `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer ?? '?'}: ${problem.message}`);
    expect(problems, 'npx redocly lint openapi.json').toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(run.status, run.stderr).toBe(0);
  });
});
