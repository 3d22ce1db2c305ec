/**
 * One write to a report from a part of its page (the ministry's comments, the head's
 * signature): busy while it runs, then the page adopts the saved report, or reloads it when
 * someone saved since (stale), or tells why it was refused; the notice takes the focus.
 */
import { useState } from 'react';
import type { Report } from '../../contract/report';
import { getReport, type ReportChangeOutcome } from '../api';
import { useFocusAfterRender } from '../hooks';
import { errorMessage } from './ui';

export type ReportWriteNotice =
  { kind: 'done' } | { kind: 'stale' } | { kind: 'error'; message: string };

export function useReportWrite(reportId: string, adopt: (r: Report) => void) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<ReportWriteNotice | null>(null);
  const [noticeRef, focusNotice] = useFocusAfterRender<HTMLDivElement>();
  const run = async (write: () => Promise<ReportChangeOutcome>) => {
    setBusy(true);
    try {
      const out = await write();
      if (out.kind === 'saved') {
        adopt(out.report);
        setNotice({ kind: 'done' });
      } else if (out.kind === 'stale') {
        adopt(await getReport(reportId));
        setNotice({ kind: 'stale' });
      } else {
        setNotice({ kind: 'error', message: out.message });
      }
    } catch (e) {
      setNotice({ kind: 'error', message: errorMessage(e) });
    }
    setBusy(false);
    focusNotice();
  };
  return { busy, notice, noticeRef, run };
}
