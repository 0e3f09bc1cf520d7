/**
 * Reading a PDF or XML file through the same reader the extension runs, with pdf.js for Node:
 * Factur-X PDFs are read exactly from their embedded XML, the printed text through the detector,
 * and where the two disagree the printed value rides along for the ledger to keep.
 */
import { describe, expect, it } from 'vitest';
import { nodePdfEngine } from '@/dev/cli/pdf-node';
import { AttachmentError } from '@/lib/attachments/errors';
import { readAttachment } from '@/lib/attachments/read';
import { invoicePage, makePdf } from '@/tests/fixtures/einvoice/make-pdf';
import { CII_D16B, KSEF_FA2, UBL21 } from '@/tests/fixtures/einvoice/samples';

const read = async (name: string, bytes: Uint8Array | string) =>
  readAttachment(
    { name, bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes },
    { readPdf: await nodePdfEngine() },
  );

describe('PDF and XML attachments', () => {
  it('a Factur-X PDF is read from its factur-x.xml: exact fields, lines, confidence 1, nothing printed disagrees', async () => {
    const pdf = await makePdf({
      pages: [invoicePage('FX-2025-118', '148,15')],
      attachments: [{ name: 'factur-x.xml', bytes: CII_D16B }],
    });
    const r = await read('FX-2025-118.pdf', pdf);
    expect(r.via).toBe('pdf');
    expect(r.einvoice?.source).toBe('factur-x.xml');
    const [invoice, po] = r.detections;
    expect(invoice).toMatchObject({
      kind: 'invoice',
      number: 'FX-2025-118',
      confidence: 1,
      vendor: 'Lumière Électrique SARL',
      total: { minor: 14815, currency: 'EUR' },
      poKeys: ['BC20250071'],
    });
    expect(invoice?.printed).toBeUndefined();
    expect(invoice?.lines).toEqual([
      {
        sku: 'CAB-3',
        description: 'Câble 3 m',
        quantity: 10,
        unit: 'H87',
        unitPrice: { minor: 1235, currency: 'EUR' },
        amount: { minor: 12346, currency: 'EUR' },
        poLine: '2',
      },
    ]);
    expect(po).toMatchObject({ kind: 'po', number: 'BC-2025-0071' });
    expect(r.text).toContain('FX-2025-118');
  });

  it('printed text that names another number or total: the XML is kept, the printed values ride along', async () => {
    const other = await makePdf({
      pages: [invoicePage('FX-2025-119', '150,00')],
      attachments: [{ name: 'factur-x.xml', bytes: CII_D16B }],
    });
    expect((await read('a.pdf', other)).detections[0]?.printed).toEqual({
      number: 'FX-2025-119',
      total: { minor: 15000, currency: 'EUR' },
    });
    const total = await makePdf({
      pages: [invoicePage('FX-2025-118', '150,00')],
      attachments: [{ name: 'factur-x.xml', bytes: CII_D16B }],
    });
    expect((await read('b.pdf', total)).detections[0]?.printed).toEqual({ total: { minor: 15000, currency: 'EUR' } });
  });

  it('XRechnung UBL attached under another name is found too; an XML that is no invoice is passed over', async () => {
    const pdf = await makePdf({
      pages: [[[50, 700, 'Rechnung']]],
      attachments: [
        { name: 'metadata.xml', bytes: '<meta><note>nothing</note></meta>' },
        { name: 'rechnung-ubl.xml', bytes: UBL21 },
      ],
    });
    const r = await read('r.pdf', pdf);
    expect(r.einvoice?.source).toBe('rechnung-ubl.xml');
    expect(r.detections[0]).toMatchObject({ number: 'VF-2291', confidence: 1 });
  });

  it('a PDF without e-invoice is read from its printed text, laid out as pdftotext -layout', async () => {
    const r = await read('plain.pdf', await makePdf({ pages: [invoicePage('FA-7781', '148,15')] }));
    expect(r.einvoice).toBeUndefined();
    expect(r.detections.find((d) => d.kind === 'invoice')).toMatchObject({ number: 'FA-7781' });
    expect(r.text).toMatch(/Facture n°\s{2,}Date\s{2,}Votre commande/);
    expect(r.pages).toBe(1);
  });

  it('a standalone XML file is read exactly (KSeF), with via xml', async () => {
    const r = await read('fv.xml', KSEF_FA2);
    expect(r.via).toBe('xml');
    expect(r.detections[0]).toMatchObject({ number: 'FV/2025/05/118', confidence: 1, poKeys: ['ZAM20250042'] });
  });

  it('an embedded XML that is refused is noted and the printed text still read', async () => {
    const bomb = '<!DOCTYPE a [<!ENTITY a "aaaa">]><Invoice><ID>&a;</ID></Invoice>';
    const pdf = await makePdf({
      pages: [invoicePage('FA-7781', '148,15')],
      attachments: [{ name: 'factur-x.xml', bytes: bomb }],
    });
    const r = await read('x.pdf', pdf);
    expect(r.einvoice).toBeUndefined();
    expect(r.notes.join(' ')).toMatch(/factur-x\.xml inside x\.pdf was not read: .*document type/);
    expect(r.detections.find((d) => d.kind === 'invoice')?.number).toBe('FA-7781');
  });

  it('a standalone XML bomb is taken for XML and refused by the parser, not as an unknown file', async () => {
    const bomb = '<!DOCTYPE a [<!ENTITY a "aaaa">]><Invoice><ID>&a;</ID></Invoice>';
    await expect(read('bomb.xml', bomb)).rejects.toThrow(/^bomb\.xml: .*document type/);
  });

  it('a file that is neither PDF nor XML is refused with a sentence', async () => {
    await expect(read('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))).rejects.toThrow(
      /neither a PDF nor an XML file/,
    );
    await expect(read('photo.jpg', new Uint8Array([0xff, 0xd8]))).rejects.toBeInstanceOf(AttachmentError);
  });
});
