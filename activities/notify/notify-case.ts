import { QueryTypes, type Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { getCase } from '../../db/repositories/cases';
import type { SubjectView } from '../../domain/views/case';
import { adhesionCodeFor, invitationIdFor, signAdhesionToken } from '../../links/adhesion-link';
import { caseNotice, type CaseEvent, type NoticeFacts } from './case-notices';
import type { SendEmailInput, SendEmailResult } from './send-email';

/** Who receives a notice about a case. */
export type Audience = 'applicants' | 'invited' | 'lawyers' | 'mediator' | 'secretariat';

export interface NotifyCaseInput {
  bodyId: string;
  caseId: string;
  workflowId: string;
  /** The workflow step, unique within the case (e.g. `convened`, `adhesion-2`): part of every idempotency key. */
  step: string;
  event: CaseEvent;
  audience: Audience[];
  facts?: Partial<NoticeFacts>;
  /** Convocation: the invited parties' positions with the end of their term to answer. */
  invitations?: { position: number; dueAt: string }[];
  /** Limit party and lawyer recipients to these positions. */
  positions?: number[];
  /** Invited parties whose convocation goes by PEC (not e-mailed here; their lawyers still are). */
  byPec?: number[];
}

/** The personal part of a convocation: the adhesion code and signed link, derived when the message is composed. */
function personalConvocationFacts(config: Config, bodyId: string, caseId: string, position: number, dueAt: string, meetingStartsAt: string | null): Partial<NoticeFacts> {
  const token = signAdhesionToken(
    config.LINK_SIGNING_SECRET,
    { inv: invitationIdFor(caseId, position), bid: bodyId, cid: caseId, pos: position },
    new Date(Math.max(Date.parse(dueAt), Date.parse(meetingStartsAt ?? dueAt))),
  );
  return {
    code: adhesionCodeFor(config.LINK_SIGNING_SECRET, caseId, position),
    link: `${config.PUBLIC_BASE_URL.replace(/\/$/, '')}/adesione?t=${encodeURIComponent(token)}`,
    dueAt,
  };
}

/** A case notice to compose when it is sent (the notification service calls it): nothing personal travels in workflow history. */
export interface CaseNoticeRef {
  caseId: string;
  event: 'convocation';
  /** The invited party's position in the filing. */
  position: number;
  /** End of the party's term to answer. */
  dueAt: string;
  facts?: Partial<NoticeFacts>;
}

/** Composes a convocation for one invited party, with its personal code and link. */
export function createCaseNoticeComposer(deps: { sequelize: Sequelize; config: Config }) {
  return async function composeCaseNotice(bodyId: string, ref: CaseNoticeRef, recipientName: string | null): Promise<ReturnType<typeof caseNotice>> {
    const found = await getCase(deps.sequelize, bodyId, ref.caseId);
    if (!found) throw new Error(`case ${ref.caseId} not found in this body`);
    const party = found.parties[ref.position];
    const facts: NoticeFacts = {
      caseNumber: found.caseNumber,
      subject: found.subject,
      mediatorName: found.mediator?.fullName,
      ...ref.facts,
      ...personalConvocationFacts(deps.config, bodyId, found.id, ref.position, ref.dueAt, ref.facts?.meeting?.startsAt ?? null),
      recipientName: recipientName ?? (party ? nameOf(party.person) : ''),
    };
    return caseNotice(ref.event, 'it', facts);
  };
}

interface Recipient {
  key: string;
  address: string;
  name: string;
  facts?: Partial<NoticeFacts>;
}

const nameOf = (s: SubjectView) => (s.kind === 'person' ? `${s.firstName} ${s.lastName}` : (s.companyName ?? ''));
/** A party is written to at its e-mail address, else at its PEC; a lawyer at the PEC. */
const addressOf = (s: SubjectView) => s.email ?? s.pec;

/**
 * Sends one notice about a case to its audience: parties, lawyers, the mediator, the secretariat.
 * Each recipient has its own idempotency key (`<workflow>:<step>:<recipient>`), so a retry after a
 * crash sends only what was not sent. The invited parties' convocation carries their personal
 * code and signed link, derived here (never stored in clear, never in the workflow history).
 */
export function createNotifyCase(deps: { sequelize: Sequelize; config: Config; sendEmail: (i: SendEmailInput) => Promise<SendEmailResult> }) {
  return async function notifyCase(input: NotifyCaseInput): Promise<{ sent: number; failed: number }> {
    const found = await getCase(deps.sequelize, input.bodyId, input.caseId);
    if (!found) return { sent: 0, failed: 0 };
    const inScope = (i: number) => !input.positions || input.positions.includes(i);
    const recipients: Recipient[] = [];
    found.parties.forEach((p, position) => {
      if (!inScope(position)) return;
      const party = input.audience.includes(p.role === 'applicant' ? 'applicants' : 'invited');
      let personal: Partial<NoticeFacts> | undefined;
      if (input.event === 'convocation' && p.role === 'invited') {
        const due = input.invitations?.find((x) => x.position === position);
        if (!due) return;
        personal = personalConvocationFacts(deps.config, input.bodyId, found.id, position, due.dueAt, input.facts?.meeting?.startsAt ?? null);
      }
      const address = addressOf(p.person);
      // Parties convened by PEC get their convocation through the notification workflow instead.
      if (party && address && !input.byPec?.includes(position)) recipients.push({ key: `party-${position}`, address, name: nameOf(p.person), ...(personal ? { facts: personal } : {}) });
      if (input.audience.includes('lawyers') || (party && personal)) {
        if (p.lawyer?.pec) recipients.push({ key: `lawyer-${position}`, address: p.lawyer.pec, name: `Avv. ${nameOf(p.lawyer)}`, ...(personal ? { facts: personal } : {}) });
      }
    });
    const users = await deps.sequelize.query<{ id: string; email: string; full_name: string; role: string }>(
      `SELECT u.id, u.email, u.full_name, m.role FROM users u JOIN memberships m ON m.user_id = u.id
       WHERE m.body_id = :bodyId AND NOT u.disabled AND (m.role = 'secretariat' OR u.id = :mediatorId) ORDER BY u.id`,
      { type: QueryTypes.SELECT, replacements: { bodyId: input.bodyId, mediatorId: found.mediator?.id ?? '00000000-0000-0000-0000-000000000000' } },
    );
    for (const u of users) {
      const isMediator = u.id === found.mediator?.id;
      if ((isMediator && input.audience.includes('mediator')) || (u.role === 'secretariat' && input.audience.includes('secretariat'))) {
        if (!recipients.some((r) => r.key === `user-${u.id}`)) recipients.push({ key: `user-${u.id}`, address: u.email, name: u.full_name });
      }
    }

    let sent = 0;
    let failed = 0;
    for (const r of recipients) {
      const facts: NoticeFacts = {
        caseNumber: found.caseNumber,
        subject: found.subject,
        mediatorName: found.mediator?.fullName,
        ...input.facts,
        ...r.facts,
        recipientName: r.name,
      };
      const notice = caseNotice(input.event, 'it', facts);
      try {
        await deps.sendEmail({
          idempotencyKey: `${input.workflowId}:${input.step}:${r.key}`,
          bodyId: input.bodyId,
          caseId: input.caseId,
          workflowId: input.workflowId,
          to: { address: r.address, name: r.name },
          template: 'notice',
          data: { event: input.event },
          notice,
        });
        sent++;
      } catch (err) {
        // A rejected address is recorded in the outbox and does not hold the others up; transient errors retry the activity.
        if ((err as { type?: string }).type !== 'EMAIL_REJECTED') throw err;
        failed++;
      }
    }
    return { sent, failed };
  };
}
