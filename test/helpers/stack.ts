import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { createApp } from '../../api/app';
import { connectTemporal, type TemporalGateway } from '../../api/temporal-client';
import { createWorker } from '../../activities/worker';
import { connectDatabase } from '../../db/connect';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { testConfig } from './test-config';

export interface Stack {
  config: Config;
  sequelize: Sequelize;
  temporal: TemporalGateway;
  app: Express;
  worker?: Worker;
  /** The suite's SMTP server, when it did not pass SMTP_URL. */
  sink?: SmtpSink;
  stop(): Promise<void>;
}

/** The real API (createApp) against real PostgreSQL and Temporal, plus an in-process worker unless told not to. */
export async function startStack(opts: { worker?: boolean; config?: Record<string, string>; clock?: () => Date } = {}): Promise<Stack> {
  // Outgoing mail reaches a real SMTP server of the suite's own unless the suite brings one.
  const sink = opts.config?.SMTP_URL ? undefined : await startSmtpSink();
  const config = testConfig({ ...(sink ? { SMTP_URL: sink.url } : {}), ...opts.config });
  const sequelize = connectDatabase(config.DATABASE_URL, 5);
  const temporal = await connectTemporal(config);
  const app = createApp({ config, sequelize, temporal, logger: pino({ level: 'silent' }), ...(opts.clock ? { clock: opts.clock } : {}) });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let connection: NativeConnection | undefined;
  if (opts.worker !== false) {
    connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    worker = await createWorker({ config, sequelize, connection });
    running = worker.run();
  }
  return {
    config,
    sequelize,
    temporal,
    app,
    ...(worker ? { worker } : {}),
    ...(sink ? { sink } : {}),
    async stop() {
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection?.close();
      await temporal.close();
      await sequelize.close();
      await sink?.close();
    },
  };
}

export async function login(app: Express, email: string, password: string, bodyId?: string) {
  const res = await request(app).post('/api/auth/login').send({ email, password, ...(bodyId ? { bodyId } : {}) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.accessToken as string, cookie: res.headers['set-cookie'] as unknown as string[], session: res.body };
}
