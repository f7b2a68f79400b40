import twilio from 'twilio';
import type { Config } from '../../../config';
import { PermanentSendError, type ChannelAdapter } from './types';

/**
 * Twilio's HTTP client pointed at another base URL (TWILIO_API_URL): the SDK's supported extension
 * point is the `httpClient` option (a RequestClient); every REST call funnels through `request()`
 * with an absolute https://api.twilio.com/… URI, which this keeps intact but for the origin. Used by
 * the tests, where a local server stands in for Twilio's REST API.
 */
export class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ timeout: 10_000 });
  }
  override request<TData>(opts: Parameters<twilio.RequestClient['request']>[0]) {
    const u = new URL(opts.uri);
    const base = new URL(this.baseUrl);
    u.protocol = base.protocol;
    u.host = base.host;
    return super.request<TData>({ ...opts, uri: u.toString() } as never);
  }
}

/** Twilio's error codes that will not change on retry (invalid or unreachable number, blocked). */
const permanentTwilioCodes = new Set([21211, 21408, 21610, 21612, 21614, 21601, 21602, 21606]);

export const twilioStatusCallbackPath = '/api/public/sms/status';

/**
 * The status callback URL given to Twilio for one message: the public base URL (PUBLIC_BASE_URL,
 * as Twilio reaches us) with the body and the outbox row, so a callback that beats the recording of
 * the submission still finds its message. Twilio signs this exact URL.
 */
export function twilioStatusCallbackUrl(publicBaseUrl: string, bodyId: string, outboxId: string): string {
  const u = new URL(twilioStatusCallbackPath, publicBaseUrl);
  u.searchParams.set('b', bodyId);
  u.searchParams.set('o', outboxId);
  return u.toString();
}

/** SMS through Twilio's Programmable Messaging; status callbacks come to our webhook (signed). */
export function createTwilioSmsAdapter(config: Config): ChannelAdapter {
  const { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: token, TWILIO_FROM: from } = config;
  if (!sid || !token || !from) throw new Error('SMS_PROVIDER=twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM');
  const client = twilio(sid, token, config.TWILIO_API_URL ? { httpClient: new BaseUrlRequestClient(config.TWILIO_API_URL) } : {});
  return {
    provider: 'twilio',
    async submit(m) {
      try {
        const msg = await client.messages.create({
          to: m.to.address,
          body: m.text,
          statusCallback: twilioStatusCallbackUrl(config.PUBLIC_BASE_URL, m.bodyId, m.outboxId),
          ...(from.startsWith('MG') ? { messagingServiceSid: from } : { from }),
        });
        return { status: 'sent', provider: 'twilio', providerRef: msg.sid, detail: { twilioStatus: msg.status } };
      } catch (err) {
        // 5xx, 429 and network errors are transient: thrown as they are, Temporal retries with backoff.
        const e = err as { status?: number; code?: number };
        if ((e.code !== undefined && permanentTwilioCodes.has(e.code)) || (e.status !== undefined && e.status >= 400 && e.status < 500 && e.status !== 429)) {
          throw new PermanentSendError(`TWILIO_${e.code ?? e.status}`, 'refused by Twilio');
        }
        throw err;
      }
    },
  };
}
