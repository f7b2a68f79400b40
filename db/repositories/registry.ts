import { Op } from 'sequelize';
import type { SubjectView } from '../../domain/views/case';
import { Subject } from '../models';

export function toSubjectView(s: Subject): SubjectView {
  return {
    id: s.id,
    kind: s.kind,
    firstName: s.firstName,
    lastName: s.lastName,
    companyName: s.companyName,
    taxCode: s.taxCode,
    vatNumber: s.vatNumber,
    email: s.email,
    pec: s.pec,
    phone: s.phone,
  };
}

/** The body's registry of persons and companies, searched by name, tax code or VAT number. */
export async function searchRegistry(bodyId: string, q: { text?: string | undefined; limit: number; offset: number }) {
  const where: Record<string | symbol, unknown> = { bodyId };
  if (q.text) {
    const like = `%${q.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where[Op.or] = ['lastName', 'firstName', 'companyName', 'taxCode', 'vatNumber'].map((f) => ({ [f]: { [Op.iLike]: like } }));
  }
  const { rows, count } = await Subject.findAndCountAll({
    where,
    order: [['lastName', 'ASC'], ['companyName', 'ASC'], ['firstName', 'ASC']],
    limit: q.limit,
    offset: q.offset,
  });
  return { items: rows.map(toSubjectView), total: count };
}
