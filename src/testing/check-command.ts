/** Runs `tildel check` in this process and returns what it printed, for the check tests. */
import { Command } from 'commander';
import { vi } from 'vitest';
import { registerCheckCommand } from '../cli/check';

export async function runCheck(args: string[]): Promise<string> {
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
