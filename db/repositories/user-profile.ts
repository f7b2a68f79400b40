import { QueryTypes, type Sequelize } from 'sequelize';
import { appendAudit } from './audit';

export interface UserProfile {
  id: string;
  email: string;
  fullName: string;
  taxCode: string | null;
}

export async function getUserProfile(sequelize: Sequelize, userId: string): Promise<UserProfile | null> {
  const [row] = await sequelize.query<{ id: string; email: string; full_name: string; tax_code: string | null }>(
    'SELECT id, email, full_name, tax_code FROM users WHERE id = :userId',
    { type: QueryTypes.SELECT, replacements: { userId } },
  );
  return row ? { id: row.id, email: row.email, fullName: row.full_name, taxCode: row.tax_code } : null;
}

/**
 * Sets (or clears) a user's tax code with its audit row, in one transaction. `by` is the user making
 * the change (the user or a body admin); the audit row names the body the change was made from.
 */
export async function setUserTaxCode(
  sequelize: Sequelize,
  change: { userId: string; taxCode: string | null; by: string; bodyId: string; requestId: string },
): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    await sequelize.query('UPDATE users SET tax_code = :taxCode WHERE id = :userId', { transaction, replacements: { userId: change.userId, taxCode: change.taxCode } });
    await appendAudit(
      { bodyId: change.bodyId, userId: change.by, action: 'user.tax_code_set', entityType: 'user', entityId: change.userId, requestId: change.requestId, details: { cleared: change.taxCode === null } },
      transaction,
    );
  });
}
