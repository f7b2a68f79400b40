import { Sequelize } from 'sequelize';
import { initModels } from './models';

/** One Sequelize instance per process, models defined once. SQL is never logged (it may hold personal data). */
export function connectDatabase(url: string, poolMax = 10): Sequelize {
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    logging: false,
    pool: { max: poolMax, min: 0, idle: 10_000, acquire: 30_000 },
    define: { underscored: true },
  });
  initModels(sequelize);
  return sequelize;
}
