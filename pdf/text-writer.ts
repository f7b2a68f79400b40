/**
 * A4 text layout on pdf-lib's standard fonts, shared by every generated document (minutes,
 * verification reports, daily protocol registers, fee quotes): paragraphs wrapped to the page width,
 * automatic page breaks, rules and signature lines. No I/O, no clock: the same calls give the same
 * bytes, so a retried activity stores one document.
 */
import { type PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export const A4: [number, number] = [595.28, 841.89];
export type Rgb = [number, number, number];

export interface TextOptions {
  size?: number;
  bold?: boolean;
  indent?: number;
  /** Extra space after the paragraph, in points. */
  gap?: number;
  center?: boolean;
  color?: Rgb;
}

const INK: Rgb = [0.1, 0.1, 0.1];

/**
 * The standard fonts encode WinAnsi only: a character outside it becomes '?' — replaced, never
 * dropped silently, so the reader sees that something was there.
 */
export function encodable(font: PDFFont, text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => {
      try {
        font.encodeText(ch);
        return ch;
      } catch {
        return '?';
      }
    })
    .join('');
}

/** Splits a paragraph into lines no wider than `width`; a single word wider than the line stays whole. */
export function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/[ \t]+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  lines.push(line);
  return lines;
}

export class PdfTextWriter {
  private page: PDFPage;
  private y: number;

  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly boldFont: PDFFont,
    private readonly margin: number,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - margin;
  }

  static async create(doc: PDFDocument, margin = 50): Promise<PdfTextWriter> {
    return new PdfTextWriter(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold), margin);
  }

  private get width(): number {
    return A4[0] - 2 * this.margin;
  }

  private ensure(height: number): void {
    if (this.y - height < this.margin) {
      this.page = this.doc.addPage(A4);
      this.y = A4[1] - this.margin;
    }
  }

  /** Writes text; each '\n' starts a new paragraph line, long lines wrap. */
  text(content: string, opts: TextOptions = {}): void {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.boldFont : this.regular;
    const indent = opts.indent ?? 0;
    for (const paragraph of content.split('\n')) {
      for (const line of wrap(font, size, encodable(font, paragraph), this.width - indent)) {
        this.ensure(size * 1.45);
        const x = opts.center ? (A4[0] - font.widthOfTextAtSize(line, size)) / 2 : this.margin + indent;
        this.page.drawText(line, { x, y: this.y - size, size, font, color: rgb(...(opts.color ?? INK)) });
        this.y -= size * 1.4;
      }
    }
    this.y -= opts.gap ?? 0;
  }

  gap(height = 8): void {
    this.y -= height;
  }

  /** A thin horizontal rule across the text width. */
  rule(): void {
    this.ensure(8);
    this.page.drawLine({ start: { x: this.margin, y: this.y - 2 }, end: { x: A4[0] - this.margin, y: this.y - 2 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
    this.y -= 8;
  }

  /**
   * One table row: the first cell left-aligned at the margin, each other cell right-aligned at its
   * column's right edge (`edges[i]`, in points from the page's left side); optionally a rule below.
   */
  row(cells: string[], edges: number[], opts: { bold?: boolean; rule?: boolean; size?: number } = {}): void {
    const size = opts.size ?? 8.5;
    const font = opts.bold ? this.boldFont : this.regular;
    this.ensure(size * 1.8);
    cells.forEach((cell, i) => {
      const text = encodable(font, cell);
      const x = i === 0 ? this.margin : (edges[i] ?? A4[0] - this.margin) - font.widthOfTextAtSize(text, size);
      this.page.drawText(text, { x, y: this.y - size, size, font, color: rgb(...INK) });
    });
    this.y -= size * 1.6;
    if (opts.rule) this.page.drawLine({ start: { x: this.margin, y: this.y + 2 }, end: { x: A4[0] - this.margin, y: this.y + 2 }, thickness: 0.4, color: rgb(0.4, 0.4, 0.4) });
  }

  /** A label on the left and a line to sign on, on the right. */
  signatureLine(label: string): void {
    this.ensure(40);
    this.y -= 22;
    this.page.drawLine({ start: { x: this.margin + 220, y: this.y }, end: { x: A4[0] - this.margin, y: this.y }, thickness: 0.6, color: rgb(0.3, 0.3, 0.3) });
    this.page.drawText(encodable(this.regular, label), { x: this.margin, y: this.y + 2, size: 10, font: this.regular });
    this.y -= 8;
  }
}
