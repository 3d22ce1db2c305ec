/**
 * The e-mails Tildel sends (src/services/mail.ts) and the unsubscribe page, in bokmål, nynorsk
 * and English. Pure: values in, subject, plain text and HTML out.
 *
 * A text is a list of sentence patterns with `{name}` values (`{Name}`: with a capital first
 * letter, as in render.ts). A sentence whose values are not all known is left out, and a
 * subject is the first of its patterns whose values are all known: a notification that lacks a
 * date or a title still reads as whole sentences. Every value is escaped in the HTML part.
 */
import { DateTime } from 'luxon';
import type { Language, NotificationKind } from '../contract/enums';
import { fill } from './render';

interface MailTexts {
  /** Luxon locale for dates (`1. mai 2030`, `1 May 2030`). */
  dateLocale: string;
  /** Values built from others: when a deadline falls relative to today, an item's name. */
  words: {
    today: string;
    tomorrow: string;
    inDays: string;
    dayAgo: string;
    daysAgo: string;
    anAssignment: string;
  };
  greeting: string;
  subjects: Record<NotificationKind, string[]>;
  /** Sentences; a list inside is alternatives: the first that can be told. */
  bodies: Record<NotificationKind, (string | string[])[]>;
  open: Record<'assignment' | 'draft' | 'report' | 'calendar', string>;
  footer: string[];
  unsubscribeLink: string;
  digest: {
    subject: string[];
    intro: string;
    none: string;
    unread: string;
    item: string;
    itemUndated: string;
    more: string;
    open: string;
  };
  page: {
    title: string;
    confirm: string;
    button: string;
    done: string;
    invalid: string;
  };
}

const nb: MailTexts = {
  dateLocale: 'nb',
  words: {
    today: 'i dag',
    tomorrow: 'i morgen',
    inDays: 'om {days} dager',
    dayAgo: 'for én dag siden',
    daysAgo: 'for {days} dager siden',
    anAssignment: 'et oppdrag',
  },
  greeting: 'Hei {name},',
  subjects: {
    'deadline-near': ['Frist {when}: {item}', 'Frist nærmer seg: {item}'],
    'deadline-passed': ['Fristen er passert: {item}'],
    'calendar-near': ['Styringskalenderen {when}: {title}', 'Styringskalenderen: {title}'],
    'draft-shared': ['Utkast til innspill: {draftTitle}', 'Nytt utkast til innspill'],
    delivered: ['Levert: {item}'],
    'delivery-accepted': ['Leveransen er godtatt: {item}'],
    'delivery-returned': ['Leveransen er sendt tilbake: {item}'],
    'owner-assigned': ['Du er oppdragseier: {item}'],
    'delivery-withdrawn': ['Leveransen er trukket tilbake: {item}'],
    'report-submitted': ['Rapport levert: {title}'],
    'report-returned': ['Rapporten er sendt tilbake: {title}'],
    'report-accepted': ['Rapporten er godtatt: {title}'],
  },
  bodies: {
    'deadline-near': ['Fristen for {item} er {date} ({when}).', 'Oppdraget er gitt til {agency}.'],
    'deadline-passed': [
      'Fristen for {item} var {date}, {ago}.',
      'Oppdraget står fortsatt som åpent. Lever det, eller oppdater status og framdrift i Tildel.',
    ],
    'calendar-near': [
      '{Title} står i styringskalenderen {date} ({when}).',
      'Punktet gjelder {agency}.',
    ],
    'draft-shared': [
      [
        'Departementet har delt utkastet «{draftTitle}» med {agency} for innspill.',
        'Departementet har delt et utkast med {agency} for innspill.',
      ],
      'Du kan lese utkastet og kommentere det i Tildel.',
    ],
    delivered: [
      '{Agency} har levert {item}.',
      'Leveransen venter på at departementet godtar den eller sender den tilbake.',
    ],
    'delivery-accepted': ['Departementet har godtatt leveransen av {item}.'],
    'delivery-returned': [
      'Departementet har sendt leveransen av {item} tilbake.',
      'Begrunnelse: {reason}',
    ],
    'owner-assigned': ['Du er satt som ansvarlig for {item}.', 'Fristen er {date}.'],
    'delivery-withdrawn': [
      '{Agency} har trukket tilbake leveransen av {item}.',
      'Oppdraget er under arbeid igjen.',
    ],
    'report-submitted': [
      '{Agency} har levert rapporten «{title}».',
      'Rapporten venter på at departementet godtar den eller sender den tilbake.',
    ],
    'report-returned': [
      'Departementet har sendt rapporten «{title}» tilbake.',
      'Kommentar: {reason}',
    ],
    'report-accepted': ['Departementet har godtatt rapporten «{title}».'],
  },
  open: {
    assignment: 'Åpne oppdraget i Tildel',
    draft: 'Åpne utkastet i Tildel',
    report: 'Åpne rapporten i Tildel',
    calendar: 'Åpne styringskalenderen i Tildel',
  },
  footer: [
    'Du får denne e-posten fordi du bruker Tildel. Hvilke varsler du får, velger du under innstillingene dine.',
  ],
  unsubscribeLink: 'Slutt å få e-post fra Tildel',
  digest: {
    subject: ['Ukeoversikt {week} fra Tildel'],
    intro: 'Her er de åpne oppdragene dine, med neste frist.',
    none: 'Du har ingen åpne oppdrag med frist akkurat nå.',
    unread: 'Du har {unread} uleste varsler i Tildel.',
    item: '{item}: frist {date}',
    itemUndated: '{item}: ingen dato',
    more: '… og {more} oppdrag til.',
    open: 'Åpne oppdragene i Tildel',
  },
  page: {
    title: 'E-post fra Tildel',
    confirm: 'Vil du slutte å få e-post fra Tildel? Varslene finner du fortsatt i Tildel.',
    button: 'Slutt å sende meg e-post',
    done: 'Du får ikke lenger e-post fra Tildel. Du kan slå det på igjen under innstillingene dine.',
    invalid: 'Lenken er ikke gyldig. Du kan slå av e-post under innstillingene dine i Tildel.',
  },
};

const nn: MailTexts = {
  dateLocale: 'nn',
  words: {
    today: 'i dag',
    tomorrow: 'i morgon',
    inDays: 'om {days} dagar',
    dayAgo: 'for éin dag sidan',
    daysAgo: 'for {days} dagar sidan',
    anAssignment: 'eit oppdrag',
  },
  greeting: 'Hei {name},',
  subjects: {
    'deadline-near': ['Frist {when}: {item}', 'Frist nærmar seg: {item}'],
    'deadline-passed': ['Fristen er passert: {item}'],
    'calendar-near': ['Styringskalenderen {when}: {title}', 'Styringskalenderen: {title}'],
    'draft-shared': ['Utkast til innspel: {draftTitle}', 'Nytt utkast til innspel'],
    delivered: ['Levert: {item}'],
    'delivery-accepted': ['Leveransen er godteken: {item}'],
    'delivery-returned': ['Leveransen er send tilbake: {item}'],
    'owner-assigned': ['Du er oppdragseigar: {item}'],
    'delivery-withdrawn': ['Leveransen er trekt tilbake: {item}'],
    'report-submitted': ['Rapport levert: {title}'],
    'report-returned': ['Rapporten er send tilbake: {title}'],
    'report-accepted': ['Rapporten er godteken: {title}'],
  },
  bodies: {
    'deadline-near': ['Fristen for {item} er {date} ({when}).', 'Oppdraget er gitt til {agency}.'],
    'deadline-passed': [
      'Fristen for {item} var {date}, {ago}.',
      'Oppdraget står framleis som ope. Lever det, eller oppdater status og framdrift i Tildel.',
    ],
    'calendar-near': [
      '{Title} står i styringskalenderen {date} ({when}).',
      'Punktet gjeld {agency}.',
    ],
    'draft-shared': [
      [
        'Departementet har delt utkastet «{draftTitle}» med {agency} for innspel.',
        'Departementet har delt eit utkast med {agency} for innspel.',
      ],
      'Du kan lese utkastet og kommentere det i Tildel.',
    ],
    delivered: [
      '{Agency} har levert {item}.',
      'Leveransen ventar på at departementet godtek henne eller sender henne tilbake.',
    ],
    'delivery-accepted': ['Departementet har godteke leveransen av {item}.'],
    'delivery-returned': [
      'Departementet har sendt leveransen av {item} tilbake.',
      'Grunngiving: {reason}',
    ],
    'owner-assigned': ['Du er sett som ansvarleg for {item}.', 'Fristen er {date}.'],
    'delivery-withdrawn': [
      '{Agency} har trekt tilbake leveransen av {item}.',
      'Oppdraget er under arbeid igjen.',
    ],
    'report-submitted': [
      '{Agency} har levert rapporten «{title}».',
      'Rapporten ventar på at departementet godtek han eller sender han tilbake.',
    ],
    'report-returned': [
      'Departementet har sendt rapporten «{title}» tilbake.',
      'Kommentar: {reason}',
    ],
    'report-accepted': ['Departementet har godteke rapporten «{title}».'],
  },
  open: {
    assignment: 'Opne oppdraget i Tildel',
    draft: 'Opne utkastet i Tildel',
    report: 'Opne rapporten i Tildel',
    calendar: 'Opne styringskalenderen i Tildel',
  },
  footer: [
    'Du får denne e-posten fordi du brukar Tildel. Kva varsel du får, vel du under innstillingane dine.',
  ],
  unsubscribeLink: 'Slutt å få e-post frå Tildel',
  digest: {
    subject: ['Vekeoversikt {week} frå Tildel'],
    intro: 'Her er dei opne oppdraga dine, med neste frist.',
    none: 'Du har ingen opne oppdrag med frist akkurat no.',
    unread: 'Du har {unread} ulesne varsel i Tildel.',
    item: '{item}: frist {date}',
    itemUndated: '{item}: ingen dato',
    more: '… og {more} oppdrag til.',
    open: 'Opne oppdraga i Tildel',
  },
  page: {
    title: 'E-post frå Tildel',
    confirm: 'Vil du slutte å få e-post frå Tildel? Varsla finn du framleis i Tildel.',
    button: 'Slutt å sende meg e-post',
    done: 'Du får ikkje lenger e-post frå Tildel. Du kan slå det på att under innstillingane dine.',
    invalid: 'Lenka er ikkje gyldig. Du kan slå av e-post under innstillingane dine i Tildel.',
  },
};

const en: MailTexts = {
  dateLocale: 'en-GB',
  words: {
    today: 'today',
    tomorrow: 'tomorrow',
    inDays: 'in {days} days',
    dayAgo: 'one day ago',
    daysAgo: '{days} days ago',
    anAssignment: 'an assignment',
  },
  greeting: 'Hello {name},',
  subjects: {
    'deadline-near': ['Due {when}: {item}', 'Deadline approaching: {item}'],
    'deadline-passed': ['Deadline passed: {item}'],
    'calendar-near': ['Governance calendar {when}: {title}', 'Governance calendar: {title}'],
    'draft-shared': ['Draft for comments: {draftTitle}', 'A new draft for comments'],
    delivered: ['Delivered: {item}'],
    'delivery-accepted': ['Delivery accepted: {item}'],
    'delivery-returned': ['Delivery sent back: {item}'],
    'owner-assigned': ['You own an assignment: {item}'],
    'delivery-withdrawn': ['Delivery withdrawn: {item}'],
    'report-submitted': ['Report submitted: {title}'],
    'report-returned': ['Report sent back: {title}'],
    'report-accepted': ['Report accepted: {title}'],
  },
  bodies: {
    'deadline-near': ['{Item} is due on {date} ({when}).', 'The assignment is given to {agency}.'],
    'deadline-passed': [
      '{Item} was due on {date}, {ago}.',
      'The assignment is still open. Deliver it, or update its status and progress in Tildel.',
    ],
    'calendar-near': [
      '{Title} is in the governance calendar on {date} ({when}).',
      'The entry concerns {agency}.',
    ],
    'draft-shared': [
      [
        'The ministry has shared the draft “{draftTitle}” with {agency} for comments.',
        'The ministry has shared a draft with {agency} for comments.',
      ],
      'You can read the draft and comment on it in Tildel.',
    ],
    delivered: [
      '{Agency} has delivered {item}.',
      'The delivery awaits the ministry, which accepts it or sends it back.',
    ],
    'delivery-accepted': ['The ministry has accepted the delivery of {item}.'],
    'delivery-returned': [
      'The ministry has sent the delivery of {item} back.',
      'Reason given: {reason}',
    ],
    'owner-assigned': ['You are now responsible for {item}.', 'It is due on {date}.'],
    'delivery-withdrawn': [
      '{Agency} has withdrawn its delivery of {item}.',
      'The assignment is in progress again.',
    ],
    'report-submitted': [
      '{Agency} has submitted the report “{title}”.',
      'It waits for the ministry to accept it or send it back.',
    ],
    'report-returned': ['The ministry has sent the report “{title}” back.', 'Comment: {reason}'],
    'report-accepted': ['The ministry has accepted the report “{title}”.'],
  },
  open: {
    assignment: 'Open the assignment in Tildel',
    draft: 'Open the draft in Tildel',
    report: 'Open the report in Tildel',
    calendar: 'Open the governance calendar in Tildel',
  },
  footer: [
    'You receive this e-mail because you use Tildel. Choose which notices you get in your settings.',
  ],
  unsubscribeLink: 'Stop e-mail from Tildel',
  digest: {
    subject: ['Your week {week} in Tildel'],
    intro: 'These are your open assignments, each with its next deadline.',
    none: 'You have no open assignments with a deadline just now.',
    unread: 'You have {unread} unread notices in Tildel.',
    item: '{item}: due {date}',
    itemUndated: '{item}: no date',
    more: '… and {more} more assignments.',
    open: 'Open your assignments in Tildel',
  },
  page: {
    title: 'E-mail from Tildel',
    confirm: 'Do you want to stop receiving e-mail from Tildel? Your notices stay in Tildel.',
    button: 'Stop sending me e-mail',
    done: 'You will no longer receive e-mail from Tildel. You can turn it on again in your settings.',
    invalid: 'This link is not valid. You can turn e-mail off in your settings in Tildel.',
  },
};

/** Every language's texts (exported for the parity test). */
export const MAIL_TEXTS: Record<Language, MailTexts> = { nb, nn, en };

type Values = Record<string, string | number | null | undefined>;

/** The pattern filled in, or null when it names a value that is not known. */
function tryFill(pattern: string, values: Values): string | null {
  let missing = false;
  const out = fill(pattern, (name) => {
    const v = values[name];
    if (v === undefined || v === null || v === '') {
      missing = true;
      return '';
    }
    return String(v);
  });
  return missing ? null : out;
}

const firstFilled = (patterns: readonly string[], values: Values, fallback: string) =>
  patterns.map((p) => tryFill(p, values)).find((s) => s !== null) ?? fallback;

/** Every sentence that can be told (of alternatives, the first that can). */
const allFilled = (patterns: readonly (string | string[])[], values: Values) =>
  patterns
    .map((p) => (typeof p === 'string' ? tryFill(p, values) : firstFilled(p, values, '') || null))
    .filter((s): s is string => s !== null);

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** `2030-05-01` as `1. mai 2030` (nb, nn) or `1 May 2030` (en); anything else as it is. */
export function formatMailDate(date: string, lang: Language): string {
  const d = DateTime.fromISO(date, { zone: 'Europe/Oslo' });
  if (!d.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return d
    .setLocale(MAIL_TEXTS[lang].dateLocale)
    .toLocaleString({ day: 'numeric', month: 'long', year: 'numeric' });
}

const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null;

/** The values a notification's sentences use, from its params (any of them may be missing). */
function notificationValues(
  kind: NotificationKind,
  params: Record<string, string | number | null>,
  t: MailTexts,
  lang: Language,
): Values {
  const registerId = str(params.registerId);
  const title = str(params.title);
  const days = typeof params.days === 'number' && params.days >= 0 ? params.days : null;
  const date = str(params.date);
  const w = t.words;
  const item = [registerId, title].filter(Boolean).join(' ') || w.anAssignment;
  const when =
    days === null
      ? null
      : days === 0
        ? w.today
        : days === 1
          ? w.tomorrow
          : fill(w.inDays, () => String(days));
  const ago =
    days === null || days === 0
      ? null
      : days === 1
        ? w.dayAgo
        : fill(w.daysAgo, () => String(days));
  return {
    item,
    title,
    registerId,
    date: date ? formatMailDate(date, lang) : null,
    when: kind === 'deadline-passed' ? null : when,
    ago: kind === 'deadline-passed' ? ago : null,
    agency: str(params.agency),
    reason: str(params.reason),
    draftTitle: str(params.draftTitle),
    year: str(params.year),
  };
}

export interface MailLinks {
  /** The page of what the mail is about, with its kind (for the link's words). */
  item: { url: string; kind: 'assignment' | 'draft' | 'report' | 'calendar' } | null;
  unsubscribe: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Parts {
  lang: Language;
  subject: string;
  greeting: string | null;
  paragraphs: string[];
  /** A list under the paragraphs (the digest's assignments). */
  list?: { text: string; url: string | null }[];
  after?: string[];
  link: { url: string; label: string } | null;
  unsubscribe: string;
}

/** Plain text and HTML from the same parts (every value escaped in the HTML). */
function compose(p: Parts): RenderedMail {
  const t = MAIL_TEXTS[p.lang];
  const textBlocks = [
    ...(p.greeting ? [p.greeting] : []),
    ...p.paragraphs,
    ...(p.list?.length
      ? [p.list.map((i) => `- ${i.text}${i.url ? `\n  ${i.url}` : ''}`).join('\n')]
      : []),
    ...(p.after ?? []),
    ...(p.link ? [`${p.link.label}:\n${p.link.url}`] : []),
    ['-- ', ...t.footer, `${t.unsubscribeLink}: ${p.unsubscribe}`].join('\n'),
  ];
  const e = escapeHtml;
  const para = (s: string) => `<p>${e(s)}</p>`;
  const listHtml = p.list?.length
    ? `<ul>${p.list.map((i) => `<li>${i.url ? `<a href="${e(i.url)}">${e(i.text)}</a>` : e(i.text)}</li>`).join('')}</ul>`
    : '';
  const html = [
    '<!doctype html>',
    `<html lang="${p.lang}"><head><meta charset="utf-8"><title>${e(p.subject)}</title></head><body>`,
    ...(p.greeting ? [para(p.greeting)] : []),
    ...p.paragraphs.map(para),
    listHtml,
    ...(p.after ?? []).map(para),
    p.link ? `<p><a href="${e(p.link.url)}">${e(p.link.label)}</a></p>` : '',
    '<hr>',
    `<p><small>${t.footer.map(e).join(' ')} <a href="${e(p.unsubscribe)}">${e(t.unsubscribeLink)}</a></small></p>`,
    '</body></html>',
  ].join('\n');
  return { subject: p.subject, text: `${textBlocks.join('\n\n')}\n`, html };
}

/** The mail of one notification, in `lang`. */
export function renderNotificationMail(
  lang: Language,
  n: {
    kind: NotificationKind;
    name: string | null;
    params: Record<string, string | number | null>;
  },
  links: MailLinks,
): RenderedMail {
  const t = MAIL_TEXTS[lang];
  const values = notificationValues(n.kind, n.params, t, lang);
  return compose({
    lang,
    subject: firstFilled(t.subjects[n.kind], values, 'Tildel'),
    greeting: n.name ? fill(t.greeting, () => n.name!) : null,
    paragraphs: allFilled(t.bodies[n.kind], values),
    link: links.item ? { url: links.item.url, label: t.open[links.item.kind] } : null,
    unsubscribe: links.unsubscribe,
  });
}

export interface DigestItem {
  registerId: string;
  title: string;
  /** Next deadline (YYYY-MM-DD), or null. */
  date: string | null;
  url: string;
}

/** The weekly digest of one person, in `lang`. */
export function renderDigestMail(
  lang: Language,
  d: {
    name: string | null;
    week: string;
    items: DigestItem[];
    more: number;
    unread: number;
    listUrl: string;
  },
  unsubscribe: string,
): RenderedMail {
  const t = MAIL_TEXTS[lang];
  const g = t.digest;
  const list = d.items.map((i) => {
    const item = `${i.registerId} ${i.title}`;
    return {
      text: i.date
        ? fill(g.item, (n) => (n === 'item' ? item : formatMailDate(i.date!, lang)))
        : fill(g.itemUndated, () => item),
      url: i.url,
    };
  });
  return compose({
    lang,
    subject: firstFilled(g.subject, { week: d.week }, 'Tildel'),
    greeting: d.name ? fill(t.greeting, () => d.name!) : null,
    paragraphs: [
      d.items.length > 0 ? g.intro : g.none,
      ...(d.unread > 0 ? [fill(g.unread, () => String(d.unread))] : []),
    ],
    list,
    after: d.more > 0 ? [fill(g.more, () => String(d.more))] : [],
    link: { url: d.listUrl, label: g.open },
    unsubscribe,
  });
}

/**
 * The page of an unsubscribe link: `confirm` (a form that posts `u` and `t` back), `done`, or
 * `invalid`. Without inline scripts or styles (the server's CSP forbids them).
 */
export function renderUnsubscribePage(
  lang: Language,
  state: 'confirm' | 'done' | 'invalid',
  form?: { action: string; u: string; t: string },
): string {
  const p = MAIL_TEXTS[lang].page;
  const e = escapeHtml;
  const body =
    state === 'confirm' && form
      ? [
          `<p>${e(p.confirm)}</p>`,
          `<form method="post" action="${e(form.action)}">`,
          `<input type="hidden" name="u" value="${e(form.u)}">`,
          `<input type="hidden" name="t" value="${e(form.t)}">`,
          `<button type="submit">${e(p.button)}</button>`,
          '</form>',
        ]
      : [`<p>${e(state === 'done' ? p.done : p.invalid)}</p>`];
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(p.title)}</title></head><body>`,
    `<h1>${e(p.title)}</h1>`,
    ...body,
    '</body></html>',
  ].join('\n');
}
