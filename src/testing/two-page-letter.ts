/**
 * A small allocation letter of the sample agency as a PDF of two pages (the money on the first,
 * two assignments on the second), drawn with pdf-lib, for the tests of the page view of an
 * imported PDF (src/server/routes/source-pdf.db.test.ts, src/web/e2e/source-page.browser.test.ts).
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../services/users';

export const twoPageLetterTitle = (year: number) =>
  `Tildelingsbrev til ${SAMPLE_AGENCY} for ${year}`;

/** The letter's lines, page by page. */
export const twoPageLetterLines = (year: number): string[][] => [
  [
    twoPageLetterTitle(year),
    '',
    `Oslo, 15. desember ${year - 1}`,
    '',
    `${SAMPLE_MINISTRY} viser til Prop. 1 S (${year - 1}-${year}) og gir midler for ${year}.`,
    '',
    `Kap. 1480 ${SAMPLE_AGENCY} (i 1000 kr)`,
    `Post Betegnelse ${year}`,
    '01 Driftsutgifter 12 000',
  ],
  [
    'Oppdrag',
    '',
    `TB${year}-01 Avd.KHD: HFA Kartlegge havbunnen`,
    'Direktoratet skal kartlegge havbunnen i Skagerrak.',
    `Frist: 1. september ${year}`,
    '',
    `TB${year}-02 Avd.KHD: HFA Utrede en ny havdatatjeneste`,
    'Direktoratet skal utrede en ny tjeneste for havdata.',
    `Frist: 1. mai ${year}`,
  ],
];

export async function twoPageLetterPdf(year: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of twoPageLetterLines(year)) {
    const page = doc.addPage([595.28, 841.89]);
    lines.forEach((line, i) => {
      if (line) page.drawText(line, { x: 72, y: 760 - i * 16, size: 11, font });
    });
  }
  return Buffer.from(await doc.save());
}
