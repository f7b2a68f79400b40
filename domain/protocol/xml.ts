/** A minimal, escaping XML writer for the documents we produce (segnatura, daily register). */

export type XmlAttrs = Record<string, string | number | boolean | undefined>;
export interface XmlElement {
  name: string;
  attrs?: XmlAttrs;
  /** Text content or child elements. */
  children?: (XmlElement | undefined | false)[] | string;
}

/** Characters XML 1.0 does not allow at all (except TAB, LF, CR). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(s: string): string {
  return s
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function el(name: string, attrsOrChildren?: XmlAttrs | XmlElement['children'], children?: XmlElement['children']): XmlElement {
  if (typeof attrsOrChildren === 'string' || Array.isArray(attrsOrChildren)) return { name, children: attrsOrChildren };
  return { name, ...(attrsOrChildren ? { attrs: attrsOrChildren } : {}), ...(children !== undefined ? { children } : {}) };
}

function render(e: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(e.attrs ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  if (e.children === undefined || (Array.isArray(e.children) && e.children.every((c) => !c))) {
    out.push(`${pad}<${e.name}${attrs}/>`);
  } else if (typeof e.children === 'string') {
    out.push(`${pad}<${e.name}${attrs}>${escapeXml(e.children)}</${e.name}>`);
  } else {
    out.push(`${pad}<${e.name}${attrs}>`);
    for (const c of e.children) if (c) render(c, depth + 1, out);
    out.push(`${pad}</${e.name}>`);
  }
}

export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  render(root, 0, out);
  return `${out.join('\n')}\n`;
}
