import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerCheckCommand } from './check';

async function run(args: string[]) {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
  const write = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  const err = vi.spyOn(console, 'error').mockImplementation((s: string) => void out.push(s));
  const program = new Command().name('tildel').exitOverride();
  registerCheckCommand(program);
  try {
    await program.parseAsync(['node', 'tildel', 'check', ...args]);
  } finally {
    log.mockRestore();
    write.mockRestore();
    err.mockRestore();
  }
  return out.join('');
}

afterEach(() => {
  process.exitCode = 0;
});

describe('tildel check', () => {
  it('exits 1 for a missing file', async () => {
    const text = await run(['/nonexistent/brev.txt']);
    expect(text).toContain('filen finnes ikke');
    expect(process.exitCode).toBe(1);
  });
});
