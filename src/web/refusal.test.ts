import { describe, expect, it } from 'vitest';
import { formatFileSize, formatSizeOver } from './format';
import { refusalText, tooLarge } from './refusal';

const MB = 1024 * 1024;

describe('file sizes in Norwegian', () => {
  it('writes megabytes with a decimal comma', () => {
    expect(formatFileSize(20 * MB)).toBe('20 MB');
    expect(formatFileSize(Math.round(30.2 * MB))).toBe('30,2 MB');
    expect(formatFileSize(Math.round(1.5 * MB))).toBe('1,5 MB');
    expect(formatFileSize(2048)).toBe('2 kB');
    expect(formatFileSize(12)).toBe('12 byte');
  });

  it('never says a file over the limit is as large as the limit', () => {
    expect(formatSizeOver(20 * MB + 1, 20 * MB)).not.toBe('20 MB');
    expect(formatSizeOver(Math.round(20.04 * MB), 20 * MB)).toBe('20,04 MB');
    expect(formatSizeOver(Math.round(30.2 * MB), 20 * MB)).toBe('30,2 MB');
  });
});

describe('refusals in Norwegian', () => {
  it('says a file is larger than the limit, with its real size', () => {
    expect(tooLarge('navn.pdf', Math.round(30.2 * MB), 20 * MB)).toBe(
      '«navn.pdf» er 30,2 MB, større enn grensen på 20 MB.',
    );
    const r = refusalText(
      { file: 'navn.pdf', code: 'too-large', reason: 'the file is 20 MB, larger than …' },
      { sizeBytes: Math.round(30.2 * MB), limitBytes: 20 * MB },
    );
    expect(r).toEqual({
      text: '«navn.pdf» er 30,2 MB, større enn grensen på 20 MB.',
      detail: null,
    });
  });

  it('uses the sizes the server sends', () => {
    const r = refusalText({
      file: 'a.pdf',
      code: 'too-large',
      reason: 'x',
      sizeBytes: 3 * MB,
      limitBytes: 2 * MB,
    });
    expect(r.text).toBe('«a.pdf» er 3 MB, større enn grensen på 2 MB.');
  });

  it('names the file in every known refusal and shows no English', () => {
    for (const code of [
      'too-large',
      'unsupported-type',
      'corrupt',
      'encrypted',
      'no-text-layer',
      'empty',
      'no-documents',
      'too-complex',
      'timeout',
      'out-of-memory',
    ]) {
      const r = refusalText({ file: 'brev.pdf', code, reason: 'the file is a PNG image' });
      expect(r.text, code).toContain('«brev.pdf»');
      expect(r.text, code).not.toContain('PNG image');
      expect(r.detail, code).toBeNull();
    }
  });

  it('falls back to a Norwegian sentence for an unknown code, the reason only as detail', () => {
    const r = refusalText({ file: 'brev.pdf', code: 'something-new', reason: 'it broke' });
    expect(r.text).toBe('«brev.pdf» ble avvist og er ikke importert.');
    expect(r.detail).toContain('it broke');
  });
});
