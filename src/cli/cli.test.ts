import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, root, run, tildel } from '../testing/cli';

// Every test runs the real command in processes of its own (each start loads the whole CLI
// through tsx: seconds apiece on a loaded 2-core machine), so they get more than the default
// minute. The CLI's speed is not what these tests measure.
describe('tildel CLI', { timeout: 240_000 }, () => {
  it('has --help for every command', async () => {
    const commands = ['serve', 'db', 'import', 'schema', 'assignments', 'audit'];
    const [top, ...helps] = await Promise.all([
      tildel('--help'),
      ...commands.map((cmd) => tildel(cmd, '--help')),
    ]);
    expect(top!.code).toBe(0);
    commands.forEach((cmd, i) => {
      expect(top!.stdout).toContain(cmd);
      expect(helps[i]!.code, cmd).toBe(0);
      expect(helps[i]!.stdout).toMatch(/Usage: tildel/);
    });
  });

  it('refuses a bad file with its name and reason and a non-zero exit code', async () => {
    const dir = mkdtempSync(resolve(tmpdir(), 'tildel-bad-'));
    const png = resolve(dir, 'skannet-brev.png');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const res = await tildel('import', '--dry-run', png);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('skannet-brev.png');
    expect(res.stderr).toMatch(/kan ikke leses \(unsupported-type\)/);
  });

  it('tells people in the language asked for: --lang, else TILDEL_LANG; an unknown one is refused', async () => {
    const dir = mkdtempSync(resolve(tmpdir(), 'tildel-lang-'));
    const png = resolve(dir, 'skannet-brev.png');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const [en, nn, bad] = await Promise.all([
      tildel('import', '--dry-run', '--lang', 'en', png),
      run(process.execPath, [bin, 'import', '--dry-run', png], {
        cwd: root,
        env: { ...process.env, TILDEL_LANG: 'nn', TILDEL_DATA_DIR: dir },
      }).catch((e: { code: number; stderr: string }) => e),
      tildel('--lang', 'se', 'import', '--dry-run', png),
    ]);
    expect(en.code).toBe(1);
    expect(en.stderr).toMatch(/skannet-brev\.png: cannot be read \(unsupported-type\)/);
    expect(nn.stderr).toMatch(/skannet-brev\.png: kan ikkje lesast \(unsupported-type\)/);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--lang/);
  });
});
