/**
 * Roles a user holds in a body and the permissions each grants. The mapping below is the default
 * written for a new body; each body can then edit its own ("customisable access levels", A1).
 */
export const roles = [
  'admin',
  'secretariat',
  'manager',
  'protocol_officer',
  /** Responsabile della gestione documentale / del servizio di protocollo (art. 61): annuls, closes the day, configures. */
  'protocol_manager',
  'mediator',
  'crisis_manager',
  'lawyer',
  'party',
  'expert',
  'auditor',
] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'cases.read',
  'cases.read_own',
  'cases.file',
  'cases.advance',
  'cases.conduct',
  'appointments.answer',
  'registry.read',
  'registry.write',
  'protocol.read',
  'protocol.register',
  'protocol.annul',
  'protocol.close_day',
  'protocol.admin',
  'audit.read',
  'body.admin',
  'roles.manage',
  'communications.send',
  'mailings.manage',
  'signatures.manage',
  'preservation.read',
  'preservation.manage',
] as const;
export type Permission = (typeof permissions)[number];

export const defaultRolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions,
  secretariat: ['cases.read', 'cases.file', 'cases.advance', 'cases.conduct', 'registry.read', 'registry.write', 'protocol.read', 'signatures.manage', 'preservation.read', 'communications.send', 'mailings.manage'],
  manager: ['cases.read', 'cases.file', 'cases.advance', 'cases.conduct', 'registry.read', 'registry.write', 'protocol.read', 'audit.read', 'signatures.manage', 'preservation.read', 'preservation.manage', 'communications.send', 'mailings.manage'],
  protocol_officer: ['protocol.read', 'protocol.register', 'registry.read', 'preservation.read'],
  protocol_manager: ['protocol.read', 'protocol.register', 'protocol.annul', 'protocol.close_day', 'protocol.admin', 'registry.read', 'audit.read', 'preservation.read'],
  mediator: ['cases.read_own', 'cases.conduct', 'appointments.answer', 'registry.read', 'signatures.manage'],
  crisis_manager: ['cases.read_own', 'cases.conduct', 'appointments.answer', 'registry.read'],
  lawyer: ['cases.read_own'],
  party: ['cases.read_own'],
  expert: ['cases.read_own'],
  auditor: ['cases.read', 'registry.read', 'protocol.read', 'audit.read', 'preservation.read'],
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
