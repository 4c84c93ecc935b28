import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const files = readdirSync(__dirname).filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'));

describe('migrations', () => {
  // An applied migration must do the same on every fresh database: it may not follow live code as that changes.
  it.each(files)('%s imports nothing but typeorm and its siblings', (name) => {
    const source = readFileSync(join(__dirname, name), 'utf8');
    const specifiers = [...source.matchAll(/\bfrom\s+'([^']+)'/g)].map((match) => match[1]);
    expect(specifiers.length).toBeGreaterThan(0);
    for (const specifier of specifiers) expect(specifier === 'typeorm' || /^\.\/[^/]+$/.test(specifier), `${name} imports ${specifier}`).toBe(true);
  });

  it('creates no partition from the clock', () => {
    for (const name of files) expect(readFileSync(join(__dirname, name), 'utf8')).not.toMatch(/new Date\(|Date\.now\(/);
  });
});
