import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const RULES_DIR = resolve(__dirname, '../../../../deploy/prometheus');
const PROMTOOL = '/usr/bin/promtool';
const promtoolFound = spawnSync(PROMTOOL, ['--version'], { encoding: 'utf8' }).status === 0;
if (!promtoolFound) process.stdout.write('\n!!! SKIPPED promtool check of deploy/prometheus/capacity-rules.yml: /usr/bin/promtool is missing (Debian package prometheus)\n');

const promtool = (...args: string[]) => spawnSync(PROMTOOL, args, { cwd: RULES_DIR, encoding: 'utf8' });

describe('deploy/prometheus/capacity-rules.yml', () => {
  it.skipIf(!promtoolFound)('passes promtool check rules', () => {
    const check = promtool('check', 'rules', 'capacity-rules.yml');
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
    expect(check.stdout).toContain('SUCCESS: 8 rules found');
  });

  it.skipIf(!promtoolFound)('fires as its promtool unit tests expect (days < 30 warning, < 7 critical, > 90 %, collection failing)', { timeout: 60_000 }, () => {
    const test = promtool('test', 'rules', 'capacity-rules.test.yml');
    expect({ status: test.status, stdout: test.stdout, stderr: test.stderr }).toMatchObject({ status: 0, stderr: '' });
    expect(test.stdout).toContain('SUCCESS');
  });

  it('alerts on the series the API exposes, with a severity each', () => {
    const rules = readFileSync(join(RULES_DIR, 'capacity-rules.yml'), 'utf8');
    for (const series of ['capacity_database_days_until_full', 'capacity_instance_days_until_full', 'capacity_instance_limit_bytes', 'capacity_collection_failures_total']) {
      expect(rules).toContain(series);
    }
    expect(rules.match(/- alert: /g)).toHaveLength(rules.match(/severity: (warning|critical)/g)?.length ?? -1);
  });
});
