/**
 * The file's deadlines as durable timers: sleeps until the next reminder or due instant, e-mails
 * the reminder, and when a term runs out marks a duty expired (and e-mails it) or applies what a
 * window's end means: the vote is tallied, the observations report falls due, the draft stato
 * passivo becomes executive, the debtor is discharged, the monitoring ends. Keeps the next deadline
 * visible (search attribute NextDeadline and cases.next_deadline).
 */
import { condition, log, upsertSearchAttributes } from '@temporalio/workflow';
import { catalogueEntry } from '../../domain/occ/deadlines';
import type { OccDeadlineState } from '../../domain/views/occ-state';
import { NextDeadlineAttr } from '../shared/search-attributes';
import { nextOccurrence } from './court';
import { economics, occ, type FileEnv } from './state';

export function deadlineLoop(env: FileEnv & { version(): number }, stopping: () => boolean): Promise<void> {
  const { s, input, workflowId } = env;
  const ref = { bodyId: input.bodyId, caseId: input.caseId };
  let shownNext: string | null | undefined;

  const notice = (d: OccDeadlineState, kind: 'reminder' | 'expired') =>
    env.background(
      occ
        .sendOccDeadlineNotice({ ...ref, workflowId, caseNumber: s.caseNumber ?? '', procedure: s.procedure, crisisManagerId: s.crisisManagerId, deadlineId: d.id, code: d.code, dueDate: d.dueDate, kind })
        .catch((err: unknown) => log.warn('deadline notice not sent', { deadline: d.id, error: String((err as Error).name) })),
    );

  async function expire(d: OccDeadlineState) {
    const entry = catalogueEntry(d.code);
    const closedOn = d.dueDate;
    if (entry.kind === 'duty') {
      d.status = 'expired';
      notice(d, 'expired');
      if (d.code === 'EXECUTION_REPORT' || d.code === 'ANNUAL_DECLARATION') await nextOccurrence(env, d.code, d);
      env.changed();
      return;
    }
    // A window: its end is the event.
    if (d.code === 'VOTE' && s.stage === 'VOTAZIONE') {
      const result = await economics.closeOccVote(ref);
      // The timeline shows why the proposal passed or failed (figures and explanation), not only that it did.
      const { approved, admittedCents, consentingCents, dissentingCents, silentCents, lateVotes, explanation } = result;
      await env.step({
        action: 'vote_closed',
        by: null,
        stage: 'VOTAZIONE_CHIUSA',
        kind: 'VOTAZIONE_CHIUSA',
        date: closedOn,
        details: { approved, admittedCents, consentingCents, dissentingCents, silentCents, lateVotes, explanation },
      });
      s.vote = { ...s.vote!, result };
    } else if (d.code === 'CREDITOR_OBSERVATIONS' && s.stage === 'FINESTRA_OSSERVAZIONI') {
      await env.step({ action: 'observations_window_closed', by: null, stage: 'RELAZIONE_OSSERVAZIONI', kind: 'FINESTRA_OSSERVAZIONI_CHIUSA', date: closedOn });
      await env.startDeadline('OBSERVATIONS_REPORT', d.dueAt);
    } else if (d.code === 'STATO_PASSIVO_OBSERVATIONS' && s.stage === 'PROGETTO_STATO_PASSIVO' && s.statoPassivoObservations === 0) {
      // No observations within 15 days: the draft becomes executive (art. 273) and liquidation goes on.
      await env.step({ action: 'stato_passivo_executive', by: null, stage: 'LIQUIDAZIONE', kind: 'STATO_PASSIVO_ESECUTIVO', date: closedOn });
    } else if (d.code === 'DISCHARGE' && !s.discharged) {
      await env.step({ action: 'discharged', by: null, kind: 'ESDEBITAZIONE', date: closedOn, file: { dischargedAt: new Date().toISOString() } });
      s.discharged = true;
    } else if (d.code === 'MONITORING_END' && s.stage === 'MONITORAGGIO_4_ANNI') {
      await env.step({ action: 'monitoring_ended', by: null, stage: 'MONITORAGGIO_CONCLUSO', kind: 'MONITORAGGIO_CONCLUSO', date: closedOn, file: { outcome: 'MONITORAGGIO_CONCLUSO' } });
      s.outcome = { stage: 'MONITORAGGIO_CONCLUSO', reason: null, at: new Date().toISOString() };
      env.dropPending('ANNUAL_DECLARATION');
    }
    d.status = 'done';
    d.doneAt = new Date().toISOString();
    env.changed();
  }

  /** The earliest pending term due by `now`; on the same instant a duty comes before the window it falls in. */
  function nextDue(now: number): OccDeadlineState | null {
    const rank = (d: OccDeadlineState) => (catalogueEntry(d.code).kind === 'duty' ? 0 : 1);
    const due = s.deadlines.filter((d) => d.status === 'pending' && Date.parse(d.timerAt) <= now);
    due.sort((a, b) => Date.parse(a.timerAt) - Date.parse(b.timerAt) || rank(a) - rank(b));
    return due[0] ?? null;
  }

  async function showNext() {
    const pending = s.deadlines.filter((d) => d.status === 'pending').sort((a, b) => Date.parse(a.timerAt) - Date.parse(b.timerAt));
    const next = pending[0] ?? null;
    s.nextDeadline = next ? { id: next.id, code: next.code, dueAt: next.dueAt, timerAt: next.timerAt } : null;
    const key = next ? next.timerAt : null;
    if (key === shownNext) return;
    shownNext = key;
    upsertSearchAttributes([{ key: NextDeadlineAttr, value: next ? new Date(next.timerAt) : null }]);
    await occ.setOccNextDeadline({ ...ref, dueAt: next ? next.timerAt : null });
  }

  return (async () => {
    while (!stopping()) {
      await condition(() => !env.busy.on || stopping());
      if (stopping()) break;
      const now = Date.now();
      const remind = s.deadlines.filter((d) => d.status === 'pending' && !d.reminded && d.reminderAt && Date.parse(d.reminderAt) <= now && Date.parse(d.timerAt) > now);
      if (nextDue(now) || remind.length) {
        env.busy.on = true;
        try {
          for (const d of remind) {
            d.reminded = true;
            notice(d, 'reminder');
          }
          // One at a time in time order: an expiry may plan the next occurrence of a recurring term
          // that is already due too (a late worker), and it must come before a window ending with it.
          for (let d = nextDue(now); d; d = nextDue(now)) await expire(d);
        } finally {
          env.busy.on = false;
        }
      }
      await showNext();
      const seen = env.version();
      const instants = s.deadlines
        .filter((d) => d.status === 'pending')
        .flatMap((d) => [Date.parse(d.timerAt), ...(d.reminderAt && !d.reminded ? [Date.parse(d.reminderAt)] : [])]);
      const wake = Math.min(...instants);
      if (!Number.isFinite(wake)) await condition(() => stopping() || env.version() !== seen);
      else await condition(() => stopping() || env.version() !== seen, Math.max(1, wake - Date.now()));
    }
  })();
}
