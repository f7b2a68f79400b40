import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * Users' tax code (codice fiscale): a mediator signs the minutes as a natural person, and Italian
 * certificates carry the holder's tax code, so the signer candidate built from the designated
 * mediator needs it. Nullable (operators and many users never sign); the API validates it with
 * domain/registry/tax-code.ts; the check below only keeps the stored form normalised.
 */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
ALTER TABLE users ADD COLUMN tax_code text CHECK (tax_code ~ '^[A-Z0-9]{16}$');
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query('ALTER TABLE users DROP COLUMN tax_code;');
};
