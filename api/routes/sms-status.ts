import express, { Router } from 'express';
import type { Sequelize } from 'sequelize';
import twilio from 'twilio';
import { z } from 'zod';
import type { Config } from '../../config';
import { applySmsStatus } from '../../db/repositories/sms-status';
import { twilioMessageStatuses } from '../../domain/notify/sms';
import { ApiError } from '../errors';
import { parseInput } from '../validation';

const querySchema = z.object({ b: z.uuid(), o: z.uuid() });
const callbackSchema = z.object({
  AccountSid: z.string(),
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-f]{32}$/),
  MessageStatus: z.enum(twilioMessageStatuses),
  ErrorCode: z.string().regex(/^\d{1,6}$/).optional(),
});

/**
 * Twilio's SMS status callbacks (POST /api/public/sms/status?b=<body>&o=<outbox ID>, form-encoded).
 * Accepted only with a valid X-Twilio-Signature: HMAC-SHA1 with the account's auth token over the
 * exact public URL Twilio was given (PUBLIC_BASE_URL + path + query) and the sorted form fields,
 * checked by the SDK's validateRequest. A bad or missing signature is refused (403
 * SIGNATURE_INVALID) before anything is read or written. Without Twilio configured there is no endpoint.
 */
export function smsStatusRoutes(sequelize: Sequelize, config: Config): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '16kb' }));

  router.post('/status', async (req, res) => {
    const token = config.TWILIO_AUTH_TOKEN;
    if (config.SMS_PROVIDER !== 'twilio' || !token) throw new ApiError('NOT_FOUND');
    const signature = req.header('X-Twilio-Signature') ?? '';
    const url = new URL(req.originalUrl, config.PUBLIC_BASE_URL).toString();
    const params = (req.body ?? {}) as Record<string, string>;
    if (!signature || !twilio.validateRequest(token, signature, url, params) || params.AccountSid !== config.TWILIO_ACCOUNT_SID) {
      throw new ApiError('SIGNATURE_INVALID');
    }
    const q = parseInput(querySchema, req.query);
    const form = parseInput(callbackSchema, params);
    const applied = await applySmsStatus(sequelize, { bodyId: q.b, outboxId: q.o, messageSid: form.MessageSid, reported: form.MessageStatus, errorCode: form.ErrorCode ?? null });
    if (applied.result === 'unknown') throw new ApiError('NOT_FOUND');
    res.status(204).end();
  });
  return router;
}
