/**
 * Demo data for the embedded default (`npm start`): three bodies of different kinds, branches and
 * rooms, and users for the main roles. Idempotent: runs on every start, creates only what is missing.
 */
import type { Sequelize } from 'sequelize';
import { hashPassword } from '../api/auth/passwords';
import { createBody, createUser, findBodyByCode, type NewBody } from '../db/repositories/bodies';
import { ensureBodySigningKeys } from '../db/repositories/signing-credentials';
import { findUserByEmail } from '../db/repositories/users';
import type { Role } from '../domain/access/roles';
import { matters } from '../domain/mediation/matters';
import { createRegister, listRegisters } from '../db/repositories/protocol/registers';

const bodies: NewBody[] = [
  {
    code: 'odm-roma',
    name: 'Organismo di Mediazione Forense di Roma',
    kind: 'mediation_body',
    registryNumber: '1001',
    branches: [
      { name: 'Sede centrale', address: 'Via Mazzini 11', city: 'Roma', rooms: [{ name: 'Sala Beccaria', capacity: 8 }, { name: 'Sala Calamandrei', capacity: 6 }] },
      { name: 'Sede di Ostia', address: 'Piazza Anco Marzio 3', city: 'Roma', rooms: [{ name: 'Sala 1', capacity: 6 }] },
    ],
  },
  {
    code: 'occ-milano',
    name: 'OCC dei Commercialisti di Milano',
    kind: 'occ',
    branches: [{ name: 'Sede', address: 'Corso Europa 11', city: 'Milano', rooms: [{ name: 'Sala riunioni', capacity: 10 }] }],
  },
  { code: 'ordine-roma', name: 'Ordine degli Avvocati di Roma', kind: 'order', branches: [{ name: 'Sede', city: 'Roma' }] },
];

export const demoUsers: { email: string; fullName: string; operator?: boolean; roles: [string, Role][] }[] = [
  { email: 'segreteria@demo.mediazione.it', fullName: 'Giulia Bianchi', roles: [['odm-roma', 'secretariat'], ['occ-milano', 'secretariat']] },
  { email: 'responsabile@demo.mediazione.it', fullName: 'Marco Verdi', roles: [['odm-roma', 'manager']] },
  { email: 'mediatore@demo.mediazione.it', fullName: 'Laura Neri', roles: [['odm-roma', 'mediator']] },
  { email: 'mediatore2@demo.mediazione.it', fullName: 'Andrea Galli', roles: [['odm-roma', 'mediator']] },
  // OCC dei Commercialisti di Milano: the referente (manager) and two crisis managers (gestori della crisi).
  { email: 'referente.occ@demo.mediazione.it', fullName: 'Silvia Ferrari', roles: [['occ-milano', 'manager']] },
  { email: 'gestore1@demo.mediazione.it', fullName: 'Roberto Colombo', roles: [['occ-milano', 'crisis_manager']] },
  { email: 'gestore2@demo.mediazione.it', fullName: 'Chiara Ricci', roles: [['occ-milano', 'crisis_manager']] },
  { email: 'protocollo@demo.mediazione.it', fullName: 'Paolo Russo', roles: [['ordine-roma', 'protocol_officer']] },
  { email: 'responsabile.protocollo@demo.mediazione.it', fullName: 'Elena Conti', roles: [['ordine-roma', 'protocol_manager']] },
  {
    email: 'admin@demo.mediazione.it',
    fullName: 'Amministratore Piattaforma',
    operator: true,
    roles: [['odm-roma', 'admin'], ['occ-milano', 'admin'], ['ordine-roma', 'admin']],
  },
];

export async function seedDemo(sequelize: Sequelize, password: string, signingKeysSecret?: string): Promise<void> {
  const ids = new Map<string, string>();
  for (const b of bodies) {
    const existing = await findBodyByCode(b.code);
    ids.set(b.code, existing ? existing.id : await createBody(sequelize, b, null));
    // Onboarding of the signing keys: the body's CA and seal (created once, kept sealed).
    if (signingKeysSecret) await ensureBodySigningKeys(sequelize, ids.get(b.code)!, signingKeysSecret);
  }
  const passwordHash = await hashPassword(password);
  for (const u of demoUsers) {
    if (await findUserByEmail(u.email)) continue;
    const userId = await createUser(sequelize, {
      email: u.email,
      fullName: u.fullName,
      passwordHash,
      isOperator: u.operator ?? false,
      memberships: u.roles.map(([code, role]) => ({ bodyId: ids.get(code)!, role })),
    });
    // Demo mediators are competent for every matter, so designation has someone to choose.
    for (const [code, role] of u.roles) {
      if (role !== 'mediator') continue;
      await sequelize.query('INSERT INTO mediator_profiles (body_id, user_id, competences) VALUES (:bodyId, :userId, :competences) ON CONFLICT DO NOTHING', {
        replacements: { bodyId: ids.get(code)!, userId, competences: `{${matters.map((m) => m.code).join(',')}}` },
      });
    }
  }
  // The order's general protocol register (with the default titolario), once.
  const order = ids.get('ordine-roma')!;
  if ((await listRegisters(sequelize, order)).length === 0) {
    await createRegister(sequelize, order, { code: 'GEN', name: 'Protocollo generale dell’Ordine', administrationCode: 'oav_rm', aooCode: 'A000001', autoClose: true }, null);
  }
}
