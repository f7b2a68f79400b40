/** The session as the auth endpoints return it (docs/api.md). */
export type BodyKind = 'mediation_body' | 'occ' | 'order';

export interface SessionBody {
  id: string;
  code: string;
  name: string;
  kind: BodyKind;
  roles: string[];
}

export interface SessionUser {
  id: string;
  email: string;
  fullName: string;
  isOperator: boolean;
}

export interface SessionView {
  user: SessionUser;
  bodies: SessionBody[];
  activeBodyId: string;
  permissions: string[];
}

export interface Session extends SessionView {
  accessToken: string;
  expiresIn: number;
}
