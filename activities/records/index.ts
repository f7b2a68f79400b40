import type { Sequelize } from 'sequelize';
import { caseYear } from '../../domain/mediation/case-number';
import { recordCaseStage, registerCase } from '../../db/repositories/cases';
import type { FilingInput } from '../../domain/mediation/matters';
import type { Config } from '../../config';
import { createDesignationActivities } from './designation';
import { createLifecycleActivities } from './lifecycle';
import { createConvocationDeliveryActivities } from './convocation-delivery';
import { createMinutesSignatureActivities } from './minutes-signature';

export interface RecordsDeps {
  sequelize: Sequelize;
  config: Config;
}

/** Read-model writes of the procedures: idempotent, each with its audit row in the same transaction. */
export function createRecordsActivities({ sequelize, config }: RecordsDeps) {
  return {
    ...createDesignationActivities({ sequelize }),
    ...createLifecycleActivities({ sequelize, config }),
    ...createMinutesSignatureActivities({ sequelize, config }),
    ...createConvocationDeliveryActivities({ sequelize, config }),

    async registerCase(input: {
      caseId: string;
      bodyId: string;
      workflowId: string;
      filedAt: string;
      filedBy: string;
      filing: FilingInput;
    }) {
      const filedAt = new Date(input.filedAt);
      return registerCase(sequelize, { ...input, filedAt, year: caseYear(filedAt) });
    },

    async recordStage(change: { bodyId: string; caseId: string; workflowId: string; stage: string; by: string | null; reason?: string }) {
      await recordCaseStage(sequelize, change);
    },
  };
}
