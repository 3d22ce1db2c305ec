/**
 * The parts of an annual report on its page (src/web/pages/report.tsx) and the published ones on
 * the reports page: the six parts as text (a text area while the agency writes it), what they
 * show from the record (the appropriation in all, per post beside the accounts with the sums),
 * the head's signature under parts I and VI with the button to sign when the server says the
 * user may, and the Word and PDF files. Nothing here is computed: the sums, the differences and
 * who may sign come from the server.
 */
import { useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Link,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Textfield,
} from '@digdir/designsystemet-react';
import type { AnnualPart, SignedPart } from '../../contract/enums';
import type { Report, ReportSummary } from '../../contract/report';
import { annualReportUrl, signReport } from '../api';
import { formatDateTime, formatNumber } from '../format';
import { t, type MessageKey } from '../locales/nb';
import { LOCALES } from '../../locales/render';
import { useReportWrite } from './report-write';
import { AppLink, ScrollRegion, Section } from './ui';
import { paths } from '../router';

export const PART_TITLES: Record<AnnualPart, MessageKey> = {
  leader: 'annual.part.leader',
  introduction: 'annual.part.introduction',
  activities: 'annual.part.activities',
  governance: 'annual.part.governance',
  outlook: 'annual.part.outlook',
  accounts: 'annual.part.accounts',
};
export const PART_SHORT: Record<SignedPart, MessageKey> = {
  leader: 'annual.partShort.leader',
  accounts: 'annual.partShort.accounts',
};
const SIGN_BUTTON: Record<SignedPart, MessageKey> = {
  leader: 'annual.sign.leader',
  accounts: 'annual.sign.accounts',
};

/** The id of a part's section, for links to it (problems name the signatures). */
export const partId = (part: AnnualPart) => `del-${part}`;
export const signatureId = (part: SignedPart) => `signatur-${part}`;

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');

/** One part: its text as saved (printed), and the text area while the agency writes it. */
export function AnnualPartSection({
  part,
  report,
  value,
  editable,
  onChange,
  children,
}: {
  part: AnnualPart;
  report: Report;
  value: string;
  editable: boolean;
  onChange: (text: string) => void;
  children?: ReactNode;
}) {
  const saved = paragraphs(report.content.annual?.[part] ?? '');
  const prose =
    saved.length === 0 ? (
      <Paragraph className="muted">{t('annual.notWritten')}</Paragraph>
    ) : (
      saved.map((p, i) => <Paragraph key={i}>{p}</Paragraph>)
    );
  return (
    <Section id={partId(part)} title={t(PART_TITLES[part])}>
      {editable ? (
        <>
          <div className="print-only">{prose}</div>
          <Textfield
            className="report-edit"
            id={`${partId(part)}-tekst`}
            label={t('annual.text')}
            multiline
            rows={6}
            maxLength={20000}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        </>
      ) : (
        prose
      )}
      {children}
    </Section>
  );
}

/** Part VI: the appropriation per post of the period beside the accounts given, with sums. */
export function AnnualAccountsTable({ report }: { report: Report }) {
  const annual = report.derived.annual;
  if (!annual || annual.accounts.length === 0) return null;
  const caption = t('annual.accounts.caption');
  const amount = (n: number | null) => (n === null ? '–' : formatNumber(n));
  return (
    <ScrollRegion label={caption}>
      <Table>
        <caption>{caption}</caption>
        <TableHead>
          <TableRow>
            <TableHeaderCell>{t('annual.accounts.post')}</TableHeaderCell>
            <TableHeaderCell className="num">{t('annual.accounts.appropriation')}</TableHeaderCell>
            <TableHeaderCell className="num">{t('annual.accounts.accounts')}</TableHeaderCell>
            <TableHeaderCell className="num">{t('annual.accounts.difference')}</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {annual.accounts.map((a) => (
            <TableRow key={`${a.chapter}:${a.post}`}>
              <TableCell>
                {t('report.post', {
                  chapter: a.chapter,
                  post: String(a.post).padStart(2, '0'),
                  name: a.postName,
                })}
              </TableCell>
              <TableCell className="num">{amount(a.appropriation)}</TableCell>
              <TableCell className="num">{amount(a.accounts)}</TableCell>
              <TableCell className="num">{amount(a.difference)}</TableCell>
            </TableRow>
          ))}
          <TableRow className="sum-row">
            <TableHeaderCell scope="row">{t('annual.accounts.sum')}</TableHeaderCell>
            <TableCell className="num">{amount(annual.accountsTotal.appropriation)}</TableCell>
            <TableCell className="num">{amount(annual.accountsTotal.accounts)}</TableCell>
            <TableCell className="num">{amount(annual.accountsTotal.difference)}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}

/**
 * The head's signature of part I or VI, or that it is not signed; with the button to sign when
 * the server says the user may (not while the page has unsaved changes).
 */
export function AnnualSignature({
  report,
  part,
  dirty,
  adopt,
}: {
  report: Report;
  part: SignedPart;
  dirty: boolean;
  adopt: (r: Report) => void;
}) {
  const signature = report.signatures.find((s) => s.part === part);
  const [title, setTitle] = useState(
    // The agency's own text, so Norwegian whatever language the pages are read in.
    signature?.title ?? LOCALES.nb.annualReport.signatoryTitle,
  );
  const [missing, setMissing] = useState(false);
  const { busy, notice, noticeRef, run } = useReportWrite(report.id, adopt);
  const sign = async () => {
    if (!title.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    await run(() =>
      signReport(report.id, { part, title: title.trim(), expectedVersion: report.version }),
    );
  };
  return (
    <div className="stack annual-signature" id={signatureId(part)} tabIndex={-1}>
      <Paragraph>
        <strong>{t('annual.signature')}: </strong>
        {signature
          ? t('annual.signed', {
              name: signature.name,
              title: signature.title,
              at: formatDateTime(signature.signedAt),
            })
          : t('annual.unsigned')}
      </Paragraph>
      <div ref={noticeRef} tabIndex={-1} aria-live="polite">
        {notice?.kind === 'done' && (
          <Alert data-color="success">
            <Paragraph>{t('annual.sign.done', { part: t(PART_SHORT[part]) })}</Paragraph>
          </Alert>
        )}
        {notice?.kind === 'stale' && (
          <Alert data-color="warning" role="alert">
            <Paragraph>{t('annual.sign.stale')}</Paragraph>
          </Alert>
        )}
        {notice?.kind === 'error' && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{notice.message}</Paragraph>
          </Alert>
        )}
      </div>
      {report.abilities.sign && (
        <div className="stack no-print">
          <Textfield
            label={t('annual.sign.title')}
            maxLength={200}
            value={title}
            error={missing ? t('annual.sign.titleMissing') : undefined}
            onChange={(e) => setTitle(e.target.value)}
          />
          {dirty && <Paragraph data-size="sm">{t('annual.sign.saveFirst')}</Paragraph>}
          <div>
            <Button disabled={busy || dirty} loading={busy} onClick={() => void sign()}>
              {t(SIGN_BUTTON[part])}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

/** The annual report as Word and PDF, as the server writes it. */
export function AnnualDownloads({ report }: { report: Pick<Report, 'id' | 'published'> }) {
  return (
    <div className="stack no-print">
      {report.published && (
        <Alert data-color="success">
          <Paragraph>{t('annual.published')}</Paragraph>
        </Alert>
      )}
      <Paragraph>
        {t('annual.download')}:{' '}
        <Link href={annualReportUrl(report.id, 'pdf')} download>
          {t('annual.download.pdf')}
        </Link>
        {' · '}
        <Link href={annualReportUrl(report.id, 'docx')} download>
          {t('annual.download.docx')}
        </Link>
      </Paragraph>
    </div>
  );
}

/** The published (accepted) annual reports, for everyone. */
export function PublishedAnnualReports({ reports }: { reports: ReportSummary[] }) {
  const caption = t('reports.published.caption');
  return (
    <Section id="published-annual-reports" title={t('reports.published')}>
      <Paragraph>{t('reports.published.about')}</Paragraph>
      {reports.length === 0 ? (
        <Paragraph>{t('reports.published.none')}</Paragraph>
      ) : (
        <ScrollRegion label={caption}>
          <Table>
            <caption className="visually-hidden">{caption}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t('reports.published.report')}</TableHeaderCell>
                <TableHeaderCell>{t('reports.published.agency')}</TableHeaderCell>
                <TableHeaderCell className="num">{t('reports.published.period')}</TableHeaderCell>
                <TableHeaderCell>{t('reports.published.files')}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {reports.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>
                    <AppLink href={paths.report(r.id)}>{r.title}</AppLink>
                  </TableCell>
                  <TableCell>{r.agencyName}</TableCell>
                  <TableCell className="num">{r.periodYear}</TableCell>
                  <TableCell>
                    <span className="row">
                      <Link
                        href={annualReportUrl(r.id, 'pdf')}
                        download
                        aria-label={t('reports.published.fileLabel', {
                          title: `${r.title}, ${r.agencyName}`,
                          format: 'PDF',
                        })}
                      >
                        {t('reports.published.pdf')}
                      </Link>
                      <Link
                        href={annualReportUrl(r.id, 'docx')}
                        download
                        aria-label={t('reports.published.fileLabel', {
                          title: `${r.title}, ${r.agencyName}`,
                          format: 'Word',
                        })}
                      >
                        {t('reports.published.docx')}
                      </Link>
                    </span>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollRegion>
      )}
    </Section>
  );
}
