import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { hashPassword } from '../../api/auth/passwords';
import { createBody, createUser } from '../../db/repositories/bodies';
import type { Role } from '../../domain/access/roles';
import { matters } from '../../domain/mediation/matters';

export const TEST_PASSWORD = 'Password-di-prova-1';

export interface Tenant {
  bodyId: string;
  code: string;
  users: Record<string, { id: string; email: string }>;
}

/** A fresh body (its own tenant) with one user per requested role; each suite makes its own. */
export async function createTenant(sequelize: Sequelize, userRoles: Role[] = ['secretariat', 'mediator'], opts: { operator?: boolean } = {}): Promise<Tenant> {
  const suffix = randomUUID().slice(0, 8);
  const code = `t-${suffix}`;
  const bodyId = await createBody(sequelize, { code, name: `Organismo di prova ${suffix}`, kind: 'mediation_body', branches: [{ name: 'Sede', city: 'Roma', rooms: [{ name: 'Sala A', capacity: 6 }] }] }, null);
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const users: Tenant['users'] = {};
  for (const role of userRoles) {
    const email = `${role}.${suffix}@prova.it`;
    const id = await createUser(sequelize, { email, fullName: `Utente ${role}`, passwordHash, isOperator: opts.operator ?? false, memberships: [{ bodyId, role }] });
    users[role] = { id, email };
  }
  return { bodyId, code, users };
}

export interface FilingBody {
  parties: { role: string; person: Record<string, string>; lawyer?: Record<string, string> }[];
  [field: string]: unknown;
}

/** A valid filing: one applicant person (with lawyer) and one invited company. */
export function sampleFiling(overrides: Record<string, unknown> = {}): FilingBody {
  return {
    mediationType: 'OBBLIGATORIA',
    matter: 'condominio',
    subject: 'Ripartizione spese straordinarie del tetto',
    facts: 'Il condominio ha deliberato lavori straordinari ripartiti in modo contestato.',
    valueCents: 1_250_000,
    valueIndeterminable: false,
    parties: [
      {
        role: 'applicant',
        person: { kind: 'person', firstName: 'Mario', lastName: 'Rossi', taxCode: 'RSSMRA80A01H501U', email: 'mario.rossi@example.it', phone: '+39 333 1234567' },
        lawyer: { firstName: 'Anna', lastName: 'Bruno', taxCode: 'BNCLRA85M52F205I', pec: 'anna.bruno@pec.example.it' },
      },
      { role: 'invited', person: { kind: 'company', companyName: 'Alfa Immobiliare S.r.l.', vatNumber: '00743110157', pec: 'alfa@pec.example.it' } },
    ],
    ...overrides,
  };
}

/** A mediator of the body with a profile (competent for every matter unless told otherwise). */
export async function addMediator(sequelize: Sequelize, bodyId: string, opts: { competences?: string[]; available?: boolean } = {}) {
  const suffix = randomUUID().slice(0, 8);
  const email = `mediatore.${suffix}@prova.it`;
  const id = await createUser(sequelize, { email, fullName: `Mediatore ${suffix}`, passwordHash: await hashPassword(TEST_PASSWORD), memberships: [{ bodyId, role: 'mediator' }] });
  await sequelize.query('INSERT INTO mediator_profiles (body_id, user_id, competences, available) VALUES (:bodyId, :id, :competences, :available)', {
    replacements: { bodyId, id, competences: `{${(opts.competences ?? matters.map((m) => m.code)).join(',')}}`, available: opts.available ?? true },
  });
  return { id, email };
}
