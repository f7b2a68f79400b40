import mjml2html from 'mjml';
import type { Locale, RenderedEmail } from './render-email';

export interface Notice {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** A call to action (e.g. the adhesion link). */
  action?: { label: string; url: string };
  footer: string;
  bodyName: string;
}

const escapeHtml = (v: string) =>
  v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The procedure's notices (convocation, adhesion, meetings, reminders, closing) share one layout,
 * the same as the registration e-mail: header with the body's name, greeting, paragraphs, an
 * optional button, footer. Every value is escaped; the texts come from case-notices.ts per locale.
 */
export async function renderNotice(locale: Locale, n: Notice): Promise<RenderedEmail> {
  const text = (t: string, attrs = '') => `<mj-text${attrs}>${escapeHtml(t)}</mj-text>`;
  const source = `<mjml lang="${locale}">
  <mj-head><mj-attributes>
    <mj-all font-family="Titillium Web, Helvetica, Arial, sans-serif" />
    <mj-text font-size="16px" line-height="24px" color="#1a1a1a" />
  </mj-attributes></mj-head>
  <mj-body background-color="#f2f2f2">
    <mj-section background-color="#0066cc"><mj-column>${text(n.bodyName, ' color="#ffffff" font-size="20px" font-weight="600"')}</mj-column></mj-section>
    <mj-section background-color="#ffffff"><mj-column>
      ${text(n.greeting)}
      ${n.paragraphs.map((p) => text(p)).join('\n      ')}
      ${n.action ? `<mj-button background-color="#0066cc" href="${escapeHtml(n.action.url)}">${escapeHtml(n.action.label)}</mj-button>` : ''}
      ${text(n.footer, ' font-size="14px" color="#5c6f82"')}
    </mj-column></mj-section>
  </mj-body>
</mjml>`;
  const { html, errors } = await mjml2html(source, { validationLevel: 'strict' });
  if (errors.length > 0) throw new Error(`notice: ${errors.map((e) => e.message).join('; ')}`);
  const plain = [n.greeting, '', ...n.paragraphs.flatMap((p) => [p, '']), ...(n.action ? [`${n.action.label}: ${n.action.url}`, ''] : []), n.footer].join('\n');
  return { subject: n.subject.replace(/[\r\n]+/g, ' '), html, text: plain };
}
