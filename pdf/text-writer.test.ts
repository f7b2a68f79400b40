import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PdfTextWriter, encodable, wrap } from './text-writer';

describe('pdf text writer', () => {
  it('replaces what WinAnsi cannot draw with "?" and keeps Italian letters and typographic quotes', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    expect(encodable(font, 'Perché l’accordo “è” valido — 10 €')).toBe('Perché l’accordo “è” valido — 10 €');
    expect(encodable(font, 'Zhōng 中文 ✓')).toBe('Zh?ng ?? ?');
  });

  it('wraps on word boundaries within the width, never splitting a word', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const text = 'uno due tre quattro cinque sei sette otto nove dieci';
    const lines = wrap(font, 10, text, 60);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe(text);
    for (const l of lines) if (l.includes(' ')) expect(font.widthOfTextAtSize(l, 10)).toBeLessThanOrEqual(60);
    expect(wrap(font, 10, 'supercalifragilistichespiralidoso', 20)).toEqual(['supercalifragilistichespiralidoso']);
  });

  it('breaks pages when the text runs past the bottom margin, with identical bytes for identical calls', async () => {
    const render = async () => {
      const doc = await PDFDocument.create();
      doc.setCreationDate(new Date('2026-01-01T00:00:00Z'));
      doc.setModificationDate(new Date('2026-01-01T00:00:00Z'));
      const w = await PdfTextWriter.create(doc);
      for (let i = 0; i < 120; i++) w.text(`Riga ${i}`, { size: 10 });
      w.signatureLine('Il mediatore');
      return { pages: doc.getPageCount(), bytes: Buffer.from(await doc.save({ useObjectStreams: false })) };
    };
    const a = await render();
    const b = await render();
    expect(a.pages).toBe(3);
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });
});
