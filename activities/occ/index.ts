import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { createNotifyActivities } from '../notify';
import { createOccProcessActivities } from './process';

/** The OCC workflow's process activities (the economics activities are registered by their own factory). */
export function createOccActivities({ sequelize, config }: { sequelize: Sequelize; config: Config }) {
  const { sendEmail } = createNotifyActivities({ sequelize, config });
  return createOccProcessActivities({ sequelize, config, sendEmail });
}
