import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const MAIN = resolve(__dirname, '../../../../dist/apps/api/main.js');
const built = existsSync(MAIN);
if (!built) process.stdout.write(`\n!!! SKIPPED start-up config specs: ${MAIN} is missing (run npm run build first)\n`);

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: '/nonexistent/never-created', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe.runIf(built)('the built API refuses a bad configuration at start', () => {
  it('exits with code 2 naming PORT when PORT=abc, before touching the data directory', () => {
    const result = start({ PORT: 'abc' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toMatch(/^\s+PORT: /m);
    expect(existsSync('/nonexistent/never-created')).toBe(false);
  });

  it('names every bad variable at once', () => {
    const result = start({ PORT: '70000', COLLECT_CRON: 'every day', APP_TIMEZONE: 'Mars/Olympus' });
    expect(result.status).toBe(2);
    for (const name of ['PORT', 'COLLECT_CRON', 'APP_TIMEZONE']) expect(result.stderr).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
  });
});
