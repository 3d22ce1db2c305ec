import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR, sharedPath } from './shared';

describe('../shared', () => {
  it('is the folder beside the repository', () => {
    expect(SHARED_DIR).toBe(path.resolve(import.meta.dirname, '../../..', 'shared'));
  });

  it('names the file it lacks instead of returning nothing', () => {
    expect(() => sharedPath('seeds/no-such-file.txt')).toThrow(
      /\.\.\/shared has no seeds\/no-such-file\.txt/,
    );
  });
});
