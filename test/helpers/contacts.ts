import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';

/** Adds `n` persons with an e-mail address and a mobile number to a body's registry, in one statement. */
export async function addContacts(sequelize: Sequelize, bodyId: string, n: number, prefix: string) {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    body_id: bodyId,
    kind: 'person',
    first_name: 'Contatto',
    last_name: `${prefix}${i}`,
    // Unique per body; the registry's checksum rules apply at the API, not to these fixtures.
    tax_code: `T${prefix}${i}`.toUpperCase().slice(0, 16),
    email: `${prefix}${i}@example.it`,
    phone: `+39333${String(1000000 + i).slice(-7)}`,
  }));
  await sequelize.query(
    `INSERT INTO subjects (id, body_id, kind, first_name, last_name, tax_code, email, phone)
     SELECT id, body_id, kind, first_name, last_name, tax_code, email, phone FROM json_populate_recordset(NULL::subjects, :rows)`,
    { replacements: { rows: JSON.stringify(rows) } },
  );
  return rows;
}
