/**
 * The mail texts: bokmål, nynorsk and English have the same texts with the same
 * `{placeholders}`, none empty; a notification missing some of its values still reads as whole
 * sentences; values are escaped in HTML.
 */
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '../contract/enums';
import { MAIL_TEXTS, renderNotificationMail, renderUnsubscribePage } from './mail';

/** Every string of a text tree by its path, each as its set of placeholders (lower-cased). */
function shape(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') {
    expect(value.trim(), path).not.toBe('');
    const names = [...value.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!.toLowerCase());
    out.set(path, [...new Set(names)].sort().join(','));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      for (const [p, s] of shape(v, `${path}.${k}`)) out.set(p, s);
    }
  }
  return out;
}

const links = {
  item: { url: 'https://t.example/oppdrag/1', kind: 'assignment' as const },
  unsubscribe: 'https://t.example/u?a=1&b=2',
};

describe('mail texts', () => {
  it('has the same texts and placeholders in nb, nn and en', () => {
    const { dateLocale: _n, ...nb } = MAIL_TEXTS.nb;
    const reference = shape(nb);
    for (const lang of ['nn', 'en'] as const) {
      const { dateLocale: _l, ...texts } = MAIL_TEXTS[lang];
      expect(Object.fromEntries(shape(texts)), lang).toEqual(Object.fromEntries(reference));
    }
    for (const kind of NOTIFICATION_KINDS)
      expect(MAIL_TEXTS.nb.subjects[kind].length).toBeGreaterThan(0);
  });

  it('tells a notification without its values in whole sentences', () => {
    for (const lang of ['nb', 'nn', 'en'] as const) {
      for (const kind of NOTIFICATION_KINDS) {
        const mail = renderNotificationMail(lang, { kind, name: null, params: {} }, links);
        expect(mail.subject, `${lang} ${kind}`).not.toMatch(/\{|undefined|null|: $/);
        expect(mail.text).not.toMatch(/\{|undefined|null/);
        expect(mail.html).toContain(`<html lang="${lang}">`);
      }
    }
    const mail = renderNotificationMail(
      'nb',
      { kind: 'delivery-returned', name: 'Kari', params: { title: 'X' } },
      links,
    );
    expect(mail.subject).toBe('Leveransen er sendt tilbake: X');
    expect(mail.text).not.toContain('Begrunnelse'); // no reason given: the sentence is left out
  });

  it('escapes values in the HTML part and the unsubscribe page', () => {
    const mail = renderNotificationMail(
      'en',
      {
        kind: 'draft-shared',
        name: '<b>Eve</b>',
        params: { draftTitle: '"><script>x</script>', agency: 'A & B' },
      },
      links,
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&quot;&gt;&lt;script&gt;');
    expect(mail.html).toContain('A &amp; B');
    expect(mail.html).toContain('href="https://t.example/u?a=1&amp;b=2"');
    expect(mail.text).toContain(
      'The ministry has shared the draft “"><script>x</script>” with A & B for comments.',
    );
    const page = renderUnsubscribePage('nb', 'confirm', { action: '/x', u: '"u', t: '<t>' });
    expect(page).toContain('value="&quot;u"');
    expect(page).toContain('value="&lt;t&gt;"');
  });
});
