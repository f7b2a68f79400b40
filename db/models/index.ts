import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { enforceTenantScope } from '../tenancy';

const common = { underscored: true, timestamps: false } as const;

export class Body extends Model<InferAttributes<Body>, InferCreationAttributes<Body>> {
  declare id: string;
  declare code: string;
  declare name: string;
  declare kind: 'mediation_body' | 'occ' | 'order';
  declare taxCode: string | null;
  declare registryNumber: string | null;
  declare createdAt: CreationOptional<Date>;
}

export class Branch extends Model<InferAttributes<Branch>, InferCreationAttributes<Branch>> {
  declare id: string;
  declare bodyId: string;
  declare name: string;
  declare address: string | null;
  declare city: string | null;
  declare createdAt: CreationOptional<Date>;
}

export class Room extends Model<InferAttributes<Room>, InferCreationAttributes<Room>> {
  declare id: string;
  declare bodyId: string;
  declare branchId: string;
  declare name: string;
  declare capacity: number;
  declare createdAt: CreationOptional<Date>;
}

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: string;
  declare email: string;
  declare fullName: string;
  declare passwordHash: string;
  declare isOperator: CreationOptional<boolean>;
  declare failedLogins: CreationOptional<number>;
  declare lockedUntil: Date | null;
  declare disabled: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
}

export class Membership extends Model<InferAttributes<Membership>, InferCreationAttributes<Membership>> {
  declare userId: string;
  declare bodyId: string;
  declare role: string;
  declare createdAt: CreationOptional<Date>;
}

export class RolePermission extends Model<InferAttributes<RolePermission>, InferCreationAttributes<RolePermission>> {
  declare bodyId: string;
  declare role: string;
  declare permission: string;
}

export class RefreshToken extends Model<InferAttributes<RefreshToken>, InferCreationAttributes<RefreshToken>> {
  declare id: string;
  declare userId: string;
  declare familyId: string;
  declare tokenHash: string;
  declare bodyId: string;
  declare expiresAt: Date;
  declare usedAt: Date | null;
  declare revokedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
}

export class Subject extends Model<InferAttributes<Subject>, InferCreationAttributes<Subject>> {
  declare id: string;
  declare bodyId: string;
  declare kind: 'person' | 'company';
  declare firstName: string | null;
  declare lastName: string | null;
  declare companyName: string | null;
  declare taxCode: string | null;
  declare vatNumber: string | null;
  declare email: string | null;
  declare pec: string | null;
  declare phone: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class AuditEntry extends Model<InferAttributes<AuditEntry>, InferCreationAttributes<AuditEntry>> {
  declare id: CreationOptional<string>;
  declare bodyId: string | null;
  declare userId: string | null;
  declare action: string;
  declare entityType: string;
  declare entityId: string | null;
  declare requestId: string | null;
  declare workflowId: string | null;
  declare details: CreationOptional<Record<string, unknown>>;
  declare at: CreationOptional<Date>;
}

export class Case extends Model<InferAttributes<Case>, InferCreationAttributes<Case>> {
  declare id: string;
  declare bodyId: string;
  declare kind: 'mediation' | 'occ';
  declare year: number;
  declare number: number;
  declare caseNumber: string;
  declare workflowId: string;
  declare mediationType: string | null;
  declare matter: string | null;
  declare subject: string;
  declare facts: string | null;
  declare valueCents: string | null; // bigint comes back as string from pg
  declare valueIndeterminable: boolean;
  declare stage: string;
  declare nextDeadline: Date | null;
  declare mediatorId: CreationOptional<string | null>;
  declare filedBy: string | null;
  declare filedAt: Date;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class CaseParty extends Model<InferAttributes<CaseParty>, InferCreationAttributes<CaseParty>> {
  declare id: string;
  declare bodyId: string;
  declare caseId: string;
  declare subjectId: string;
  declare role: 'applicant' | 'invited';
  declare lawyerSubjectId: string | null;
  declare position: number;
}

// Sequelize mutates attribute definitions (it writes `field` into them): never share one object.
const uuidPk = () => ({ type: DataTypes.UUID, primaryKey: true });
const timestamp = () => ({ type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW });

/** Defines every model once, at boot, and installs the tenant guard on body-scoped ones. */
export function initModels(sequelize: Sequelize) {
  if ((Body as { sequelize?: Sequelize }).sequelize) throw new Error('models are already bound: one Sequelize instance per process');
  Body.init(
    { id: uuidPk(), code: DataTypes.TEXT, name: DataTypes.TEXT, kind: DataTypes.TEXT, taxCode: DataTypes.TEXT,
      registryNumber: DataTypes.TEXT, createdAt: timestamp() },
    { sequelize, tableName: 'bodies', ...common },
  );
  Branch.init(
    { id: uuidPk(), bodyId: DataTypes.UUID, name: DataTypes.TEXT, address: DataTypes.TEXT, city: DataTypes.TEXT, createdAt: timestamp() },
    { sequelize, tableName: 'branches', ...common },
  );
  Room.init(
    { id: uuidPk(), bodyId: DataTypes.UUID, branchId: DataTypes.UUID, name: DataTypes.TEXT, capacity: DataTypes.INTEGER, createdAt: timestamp() },
    { sequelize, tableName: 'rooms', ...common },
  );
  User.init(
    { id: uuidPk(), email: DataTypes.TEXT, fullName: DataTypes.TEXT, passwordHash: DataTypes.TEXT,
      isOperator: { type: DataTypes.BOOLEAN, defaultValue: false }, failedLogins: { type: DataTypes.INTEGER, defaultValue: 0 },
      lockedUntil: DataTypes.DATE, disabled: { type: DataTypes.BOOLEAN, defaultValue: false }, createdAt: timestamp() },
    { sequelize, tableName: 'users', ...common },
  );
  Membership.init(
    { userId: { type: DataTypes.UUID, primaryKey: true }, bodyId: { type: DataTypes.UUID, primaryKey: true },
      role: { type: DataTypes.TEXT, primaryKey: true }, createdAt: timestamp() },
    { sequelize, tableName: 'memberships', ...common },
  );
  RolePermission.init(
    { bodyId: { type: DataTypes.UUID, primaryKey: true }, role: { type: DataTypes.TEXT, primaryKey: true },
      permission: { type: DataTypes.TEXT, primaryKey: true } },
    { sequelize, tableName: 'role_permissions', ...common },
  );
  RefreshToken.init(
    { id: uuidPk(), userId: DataTypes.UUID, familyId: DataTypes.UUID, tokenHash: DataTypes.TEXT, bodyId: DataTypes.UUID,
      expiresAt: DataTypes.DATE, usedAt: DataTypes.DATE, revokedAt: DataTypes.DATE, createdAt: timestamp() },
    { sequelize, tableName: 'refresh_tokens', ...common },
  );
  Subject.init(
    { id: uuidPk(), bodyId: DataTypes.UUID, kind: DataTypes.TEXT, firstName: DataTypes.TEXT, lastName: DataTypes.TEXT,
      companyName: DataTypes.TEXT, taxCode: DataTypes.TEXT, vatNumber: DataTypes.TEXT, email: DataTypes.TEXT,
      pec: DataTypes.TEXT, phone: DataTypes.TEXT, createdAt: timestamp(), updatedAt: timestamp() },
    { sequelize, tableName: 'subjects', ...common },
  );
  AuditEntry.init(
    { id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true }, bodyId: DataTypes.UUID, userId: DataTypes.UUID,
      action: DataTypes.TEXT, entityType: DataTypes.TEXT, entityId: DataTypes.TEXT, requestId: DataTypes.TEXT,
      workflowId: DataTypes.TEXT, details: { type: DataTypes.JSONB, defaultValue: {} }, at: timestamp() },
    { sequelize, tableName: 'audit_log', ...common },
  );
  Case.init(
    { id: uuidPk(), bodyId: DataTypes.UUID, kind: DataTypes.TEXT, year: DataTypes.INTEGER, number: DataTypes.INTEGER,
      caseNumber: DataTypes.TEXT, workflowId: DataTypes.TEXT, mediationType: DataTypes.TEXT, matter: DataTypes.TEXT,
      subject: DataTypes.TEXT, facts: DataTypes.TEXT, valueCents: DataTypes.BIGINT,
      valueIndeterminable: DataTypes.BOOLEAN, stage: DataTypes.TEXT, nextDeadline: DataTypes.DATE, mediatorId: DataTypes.UUID,
      filedBy: DataTypes.UUID, filedAt: DataTypes.DATE, createdAt: timestamp(), updatedAt: timestamp() },
    { sequelize, tableName: 'cases', ...common },
  );
  CaseParty.init(
    { id: uuidPk(), bodyId: DataTypes.UUID, caseId: DataTypes.UUID, subjectId: DataTypes.UUID, role: DataTypes.TEXT,
      lawyerSubjectId: DataTypes.UUID, position: DataTypes.INTEGER },
    { sequelize, tableName: 'case_parties', ...common },
  );
  for (const m of [Branch, Room, RolePermission, Subject, Case, CaseParty]) enforceTenantScope(m as never);
}
