/**
 * A signer of a cycle signing one-shot through the public API, as a person would: the invitation
 * e-mail's link, a code asked by e-mail and read from the SMTP sink, the signature.
 */
import type { Express } from 'express';
import request from 'supertest';
import { waitFor } from './mediation-flow';
import type { SmtpSink } from './smtp-sink';

export function mailTo(sink: SmtpSink, subject: RegExp | string, address: string, after = 0) {
  const matches = (s: string) => (typeof subject === 'string' ? s.includes(subject) : subject.test(s));
  return waitFor(
    async () => sink.messages.slice(after).find((m) => matches(m.subject ?? '') && JSON.stringify(m.to).toLowerCase().includes(address.toLowerCase())),
    (m) => m !== undefined,
    30_000,
  );
}

/** Signs one-shot the cycle titled `title` as the signer invited at `address`; returns the signer's link token. */
export async function signOneShot(app: Express, sink: SmtpSink, address: string, title: string): Promise<string> {
  const invite = await mailTo(sink, `Documento da firmare: ${title}`, address);
  if (!invite) throw new Error(`no invitation for ${address}`);
  const link = /\/firma\/([A-Za-z0-9._-]+)/.exec(invite.text ?? '')![1]!;
  const before = sink.messages.length;
  const sent = await request(app).post(`/api/public/signature/${link}/code`).send({ channel: 'email' });
  if (sent.status !== 200) throw new Error(`code: ${sent.status} ${JSON.stringify(sent.body)}`);
  const codeMail = await mailTo(sink, /Codice per la firma/, address, before);
  const code = /\b(\d{6})\b/.exec(codeMail?.text ?? '')?.[1];
  if (!code) throw new Error(`no code for ${address}`);
  const signed = await request(app).post(`/api/public/signature/${link}/sign`).send({ code });
  if (signed.status !== 200 || signed.body.signer.status !== 'signed') throw new Error(`sign: ${signed.status} ${JSON.stringify(signed.body)}`);
  return link;
}
