import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { z } from 'zod';
import type { companySchema, personSchema } from '../../domain/registry/contact';

type SubjectInput = z.infer<typeof personSchema> | z.infer<typeof companySchema>;

/**
 * Finds the registry entry of a person (by tax code) or company (by VAT number) in the body, or
 * creates it; contact details given now replace older ones. Returns the subject ID.
 */
export async function upsertSubject(
  sequelize: Sequelize,
  bodyId: string,
  s: SubjectInput,
  transaction: Transaction,
): Promise<string> {
  const isPerson = s.kind === 'person';
  const rows = await sequelize.query<{ id: string }>(
    `INSERT INTO subjects (id, body_id, kind, first_name, last_name, company_name, tax_code, vat_number, email, pec, phone)
     VALUES (:id, :bodyId, :kind, :firstName, :lastName, :companyName, :taxCode, :vatNumber, :email, :pec, :phone)
     ON CONFLICT ${isPerson ? '(body_id, tax_code) WHERE kind = \'person\'' : '(body_id, vat_number) WHERE kind = \'company\''}
     DO UPDATE SET
       email = COALESCE(EXCLUDED.email, subjects.email),
       pec = COALESCE(EXCLUDED.pec, subjects.pec),
       phone = COALESCE(EXCLUDED.phone, subjects.phone),
       updated_at = now()
     RETURNING id`,
    {
      type: QueryTypes.SELECT,
      transaction,
      replacements: {
        id: randomUUID(),
        bodyId,
        kind: s.kind,
        firstName: isPerson ? s.firstName : null,
        lastName: isPerson ? s.lastName : null,
        companyName: isPerson ? null : s.companyName,
        taxCode: s.taxCode ?? null,
        vatNumber: isPerson ? null : s.vatNumber,
        email: s.email ?? null,
        pec: s.pec ?? null,
        phone: s.phone ?? null,
      },
    },
  );
  return rows[0]!.id;
}
