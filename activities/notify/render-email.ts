import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import mjml2html from 'mjml';

export type Locale = 'it' | 'en';
export const emailTemplates = ['case-registered', 'signature-invitation', 'signature-reminder', 'signature-code', 'generic', 'newsletter', 'pec-not-delivered', 'protocol-day-failed', 'occ-deadline'] as const;
export type EmailTemplate = (typeof emailTemplates)[number];
export const isEmailTemplate = (v: string): v is EmailTemplate => (emailTemplates as readonly string[]).includes(v);

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const dir = join(__dirname, 'templates');

const escapeHtml = (v: string) =>
  v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!).replace(/\r?\n/g, '<br />');
const oneLine = (v: string) => v.replace(/[\r\n]+/g, ' ');

function fill(template: string, data: Record<string, string>, escape: (v: string) => string): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`template variable ${name} is missing`);
    return escape(value);
  });
}

/** A template rendered by mjml once, filled per recipient: mass mailings render mjml once, not 10,000 times. */
export interface CompiledEmail {
  render(perRecipient: Record<string, string>): RenderedEmail;
}

const marker = (name: string) => `@@${name}@@`;

/**
 * Compiles `templates/<name>.<locale>.mjml` (first line `<!-- subject: … -->`) and the plain-text
 * alternative `<name>.<locale>.txt` with the shared `data`; the `perRecipient` names stay open and are
 * filled by `render`. Values are escaped for HTML; mjml validates strictly, so a broken template fails
 * loudly instead of sending garbage.
 */
export async function compileEmail(template: EmailTemplate, locale: Locale, data: Record<string, string>, perRecipient: readonly string[]): Promise<CompiledEmail> {
  const [source, textSource] = await Promise.all([
    readFile(join(dir, `${template}.${locale}.mjml`), 'utf8'),
    readFile(join(dir, `${template}.${locale}.txt`), 'utf8'),
  ]);
  const subjectLine = /^<!--\s*subject:\s*(.+?)\s*-->/.exec(source);
  if (!subjectLine) throw new Error(`template ${template}.${locale} has no subject line`);
  const open = Object.fromEntries(perRecipient.map((n) => [n, marker(n)]));
  const keepMarkers = (escape: (v: string) => string) => (v: string) => (/^@@\w+@@$/.test(v) ? v : escape(v));
  const merged = { ...data, ...open };
  const { html, errors } = await mjml2html(fill(source, merged, keepMarkers(escapeHtml)), { validationLevel: 'strict' });
  if (errors.length > 0) throw new Error(`template ${template}.${locale}: ${errors.map((e) => e.message).join('; ')}`);
  const subject = fill(subjectLine[1]!, merged, keepMarkers(oneLine));
  const text = fill(textSource, merged, keepMarkers((v) => v));
  const put = (s: string, values: Record<string, string>, escape: (v: string) => string) =>
    s.replace(/@@(\w+)@@/g, (m, name: string) => {
      if (!(name in open)) return m;
      const v = values[name];
      if (v === undefined) throw new Error(`template variable ${name} is missing`);
      return escape(v);
    });
  return {
    render: (values) => ({ subject: put(subject, values, oneLine), html: put(html, values, escapeHtml), text: put(text, values, (v) => v) }),
  };
}

/** Renders one e-mail (see compileEmail). */
export async function renderEmail(template: EmailTemplate, locale: Locale, data: Record<string, string>): Promise<RenderedEmail> {
  return (await compileEmail(template, locale, data, [])).render({});
}
