/**
 * A small real HTTP server standing in for Twilio's Programmable Messaging REST API, for tests. The
 * product reaches it through the twilio SDK itself (TWILIO_API_URL → the SDK's `httpClient`), so the
 * SDK builds the request, authenticates and parses the answer as it does with Twilio.
 *
 * It implements `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`: HTTP Basic auth with the
 * account SID and auth token, form fields `To` (E.164), `Body`, `From` or `MessagingServiceSid`,
 * optional `StatusCallback`; answers 201 with Twilio-shaped JSON (an `SM…` SID, status `queued`).
 * It records every request, can fail the next requests with a status (transient 5xx), refuses
 * listed numbers with Twilio's error 21211 (a final 4xx), and fires status callbacks signed with
 * Twilio's algorithm (the SDK's getExpectedTwilioSignature) to the StatusCallback URL it was given.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import twilio from 'twilio';

export interface StandInRequest {
  accountSid: string;
  /** Whether the Basic credentials matched. */
  authorized: boolean;
  form: Record<string, string>;
  status: number;
}

export interface StandInMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
}

export interface TwilioStandIn {
  url: string;
  accountSid: string;
  authToken: string;
  requests: StandInRequest[];
  messages: StandInMessage[];
  /** The next `count` message requests answer `status` (e.g. 503) without creating a message. */
  failNext(count: number, status: number): void;
  /** Numbers Twilio would call invalid (error 21211, HTTP 400). */
  invalidNumbers: Set<string>;
  /** POSTs a signed status callback for a message (the way Twilio does); returns the app's HTTP status. */
  sendStatusCallback(sid: string, messageStatus: string, extra?: Record<string, string>, opts?: { signatureToken?: string }): Promise<number>;
  close(): Promise<void>;
}

const e164 = /^\+[1-9]\d{6,14}$/;

function twilioError(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

export async function startTwilioStandIn(opts: { accountSid?: string; authToken?: string } = {}): Promise<TwilioStandIn> {
  const accountSid = opts.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = opts.authToken ?? randomBytes(16).toString('hex');
  const requests: StandInRequest[] = [];
  const messages: StandInMessage[] = [];
  const invalidNumbers = new Set<string>();
  const failures: number[] = [];

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: unknown, record?: StandInRequest) => {
        if (record) {
          record.status = status;
          requests.push(record);
        }
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const m = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec((req.url ?? '').split('?')[0]!);
      if (!m || req.method !== 'POST') return answer(404, twilioError(404, 20404, 'The requested resource was not found'));
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const auth = req.headers.authorization ?? '';
      const [user, pass] = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
      const record: StandInRequest = { accountSid: m[1]!, authorized: auth.startsWith('Basic ') && user === accountSid && pass === authToken && m[1] === accountSid, form, status: 0 };
      if (!record.authorized) return answer(401, twilioError(401, 20003, 'Authenticate'), record);
      const failure = failures.shift();
      if (failure !== undefined) return answer(failure, twilioError(failure, 20500, 'Internal Server Error'), record);
      const to = form.To ?? '';
      if (!e164.test(to) || invalidNumbers.has(to)) return answer(400, twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`), record);
      if (!form.Body) return answer(400, twilioError(400, 21602, 'Message body is required.'), record);
      if (!form.From && !form.MessagingServiceSid) return answer(400, twilioError(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required"), record);
      const sid = `SM${randomBytes(16).toString('hex')}`;
      messages.push({ sid, to, from: form.From ?? null, messagingServiceSid: form.MessagingServiceSid ?? null, body: form.Body, statusCallback: form.StatusCallback ?? null });
      const now = new Date().toUTCString();
      answer(
        201,
        {
          sid,
          account_sid: accountSid,
          api_version: '2010-04-01',
          body: form.Body,
          date_created: now,
          date_updated: now,
          date_sent: null,
          direction: 'outbound-api',
          error_code: null,
          error_message: null,
          from: form.From ?? null,
          messaging_service_sid: form.MessagingServiceSid ?? null,
          num_media: '0',
          num_segments: '1',
          price: null,
          price_unit: 'EUR',
          status: 'queued',
          to,
          uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
        },
        record,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    requests,
    messages,
    invalidNumbers,
    failNext(count, status) {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    async sendStatusCallback(sid, messageStatus, extra = {}, o = {}) {
      const msg = messages.find((x) => x.sid === sid);
      if (!msg?.statusCallback) throw new Error(`no status callback for ${sid}`);
      const params: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        From: msg.from ?? '',
        MessageSid: sid,
        MessageStatus: messageStatus,
        SmsSid: sid,
        SmsStatus: messageStatus,
        To: msg.to,
        ...extra,
      };
      const signature = twilio.getExpectedTwilioSignature(o.signatureToken ?? authToken, msg.statusCallback, params);
      const res = await fetch(msg.statusCallback, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
        body: new URLSearchParams(params).toString(),
      });
      await res.arrayBuffer();
      return res.status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
