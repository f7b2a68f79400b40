import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import mjml2html from 'mjml';

export type Locale = 'it' | 'en';
export const emailTemplates = ['case-registered', 'signature-invitation', 'signature-reminder', 'signature-code', 'protocol-day-failed'] as const;
export type EmailTemplate = (typeof emailTemplates)[number];

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const dir = join(__dirname, 'templates');

const escapeHtml = (v: string) =>
  v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function fill(template: string, data: Record<string, string>, escape: (v: string) => string): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`template variable ${name} is missing`);
    return escape(value);
  });
}

/**
 * Renders an e-mail from its editable files: `templates/<name>.<locale>.mjml` (first line
 * `<!-- subject: … -->`) and the plain-text alternative `<name>.<locale>.txt`. Values are escaped
 * for HTML; mjml validates strictly, so a broken template fails loudly instead of sending garbage.
 */
export async function renderEmail(template: EmailTemplate, locale: Locale, data: Record<string, string>): Promise<RenderedEmail> {
  const [source, textSource] = await Promise.all([
    readFile(join(dir, `${template}.${locale}.mjml`), 'utf8'),
    readFile(join(dir, `${template}.${locale}.txt`), 'utf8'),
  ]);
  const subjectLine = /^<!--\s*subject:\s*(.+?)\s*-->/.exec(source);
  if (!subjectLine) throw new Error(`template ${template}.${locale} has no subject line`);
  const { html, errors } = await mjml2html(fill(source, data, escapeHtml), { validationLevel: 'strict' });
  if (errors.length > 0) throw new Error(`template ${template}.${locale}: ${errors.map((e) => e.message).join('; ')}`);
  return { subject: fill(subjectLine[1]!, data, (v) => v.replace(/[\r\n]+/g, ' ')), html, text: fill(textSource, data, (v) => v) };
}
