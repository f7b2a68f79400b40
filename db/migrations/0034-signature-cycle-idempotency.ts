import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * Idempotent cycle starts: the request's Idempotency-Key (optional) and a digest of the request, so
 * a retry after a failed workflow start reuses the reserved row (and number) instead of leaving it
 * `starting` and taking another; the same key with another request is refused.
 */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
ALTER TABLE signature_cycles ADD COLUMN idempotency_key uuid, ADD COLUMN request_sha256 char(64);
CREATE UNIQUE INDEX signature_cycles_idempotency ON signature_cycles (body_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
DROP INDEX signature_cycles_idempotency;
ALTER TABLE signature_cycles DROP COLUMN idempotency_key, DROP COLUMN request_sha256;`);
};
