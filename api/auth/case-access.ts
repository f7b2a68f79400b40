import type { Request } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { CaseDetail } from '../../domain/views/case';
import { getCase } from '../../db/repositories/cases';
import { ApiError } from '../errors';

/**
 * Which cases the caller may read: `cases.read` sees every case of the body; `cases.read_own` only
 * those whose designated mediator is the caller (the mediators' portal). Others are refused.
 */
export function caseScope(req: Request): { mediatorId?: string } {
  if (req.permissions?.has('cases.read')) return {};
  if (req.permissions?.has('cases.read_own')) return { mediatorId: req.auth!.userId };
  throw new ApiError('PERMISSION_DENIED');
}

/** The case if it exists in the body and the caller may see it; 404 otherwise (no existence leak). */
export async function accessibleCase(sequelize: Sequelize, req: Request, caseId: unknown): Promise<CaseDetail> {
  const scope = caseScope(req);
  const id = z.uuid().safeParse(caseId);
  const found = id.success ? await getCase(sequelize, req.auth!.bodyId, id.data) : null;
  if (!found || (scope.mediatorId && found.mediator?.id !== scope.mediatorId)) throw new ApiError('CASE_NOT_FOUND');
  return found;
}
