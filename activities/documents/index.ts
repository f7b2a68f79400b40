import { QueryTypes, type Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { getCase } from '../../db/repositories/cases';
import { createFileStore } from '../../db/file-store';
import { createDocumentRepository } from '../../db/repositories/documents';
import { findMatter, mediationTypes } from '../../domain/mediation/matters';
import { isAgreement, meetingModeLabels, outcomeLabels, type MeetingMode, type OutcomeCode } from '../../domain/mediation/outcomes';
import type { SubjectView } from '../../domain/views/case';
import { renderMinutesPdf } from './minutes-pdf';

const nameOf = (s: SubjectView) => (s.kind === 'person' ? `${s.firstName} ${s.lastName}` : (s.companyName ?? ''));

/** Documents the procedures produce (minutes now; the fee quote and registers later). */
export function createDocumentActivities({ sequelize, config }: { sequelize: Sequelize; config: Config }) {
  const documents = createDocumentRepository(sequelize, createFileStore(config.FILE_STORE_DIR));
  return {
    /** Lays out the minutes from the case and stores them in its file; returns the document's id. */
    async produceMinutes(input: {
      bodyId: string;
      caseId: string;
      outcome: OutcomeCode;
      text: string | null;
      /** Party positions present at the last meeting (null when no meeting was held). */
      present: number[] | null;
      producedAt: string;
    }): Promise<{ documentId: string }> {
      const found = await getCase(sequelize, input.bodyId, input.caseId);
      if (!found) throw new Error('case not found');
      const [body] = await sequelize.query<{ name: string }>('SELECT name FROM bodies WHERE id = :id', { type: QueryTypes.SELECT, replacements: { id: input.bodyId } });
      const meetings = await sequelize.query<{ starts_at: Date; mode: MeetingMode; room: string | null; branch: string | null }>(
        `SELECT m.starts_at, m.mode, r.name AS room, b.name AS branch FROM meetings m
         LEFT JOIN rooms r ON r.id = m.room_id LEFT JOIN branches b ON b.id = r.branch_id
         WHERE m.body_id = :bodyId AND m.case_id = :caseId AND m.status = 'held' ORDER BY m.starts_at`,
        { type: QueryTypes.SELECT, replacements: { bodyId: input.bodyId, caseId: input.caseId } },
      );
      const pdf = await renderMinutesPdf({
        bodyName: body?.name ?? '',
        caseNumber: found.caseNumber,
        subject: found.subject,
        matterLabel: (found.matter && findMatter(found.matter)?.label.it) || '—',
        mediationTypeLabel: mediationTypes.find((t) => t.code === found.mediationType)?.label.it ?? '—',
        filedAt: found.filedAt,
        mediatorName: found.mediator?.fullName ?? '—',
        parties: found.parties.map((p, i) => ({
          role: p.role,
          name: nameOf(p.person),
          lawyer: p.lawyer ? nameOf(p.lawyer) : null,
          present: input.present === null ? null : input.present.includes(i),
        })),
        meetings: meetings.map((m) => ({ startsAt: new Date(m.starts_at).toISOString(), modeLabel: meetingModeLabels[m.mode].it, place: m.room ? `${m.branch ?? ''}, ${m.room}` : null })),
        outcomeLabel: outcomeLabels[input.outcome].it,
        agreement: isAgreement(input.outcome),
        text: input.text,
        producedAt: input.producedAt,
      });
      const record = await documents.saveDocument({
        bodyId: input.bodyId,
        ownerKind: 'case',
        ownerId: input.caseId,
        category: 'minutes',
        filename: `Verbale ${found.caseNumber.replace(/\//g, '-')}.pdf`,
        bytes: pdf,
        createdBy: null,
        admitted: ['application/pdf'],
      });
      return { documentId: record.id };
    },
  };
}
