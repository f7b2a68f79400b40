import type { MediationStage } from '../../domain/mediation/stages';
import type { MediationAction } from './contract';

const openStages: readonly MediationStage[] = ['DEPOSITATA', 'ISCRITTA'];

/** What the current stage allows: used by the state query and by every update validator. */
export function allowedActions(stage: MediationStage): MediationAction[] {
  return openStages.includes(stage) ? ['withdraw'] : [];
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
