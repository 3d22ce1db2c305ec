import { afterEach, describe, expect, it } from 'vitest';
import { runCheck as run } from '../testing/check-command';

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
