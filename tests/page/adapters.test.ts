import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseSender, pickAdapter, vendorFromSender } from '@/lib/page/adapters';

const doc = (html: string) => parseHTML(html).document as unknown as Document;

describe('senders and vendors', () => {
  it('splits a display name and an address', () => {
    expect(parseSender('Müller Stahlbau GmbH <Rechnung@Mueller-Stahlbau.example>')).toEqual({
      name: 'Müller Stahlbau GmbH',
      address: 'rechnung@mueller-stahlbau.example',
    });
    expect(parseSender('"Acme" <ar@acme.example>')).toEqual({ name: 'Acme', address: 'ar@acme.example' });
  });

  it.each([
    [{ name: 'Acme Industrial Supply', address: 'billing@acme.example' }, 'Acme Industrial Supply'],
    [{ name: 'Accounts', address: 'ar@globex-components.example' }, 'Globex Components'],
    [{ address: 'invoices@initech.co.uk' }, 'Initech'],
    [{ address: 'jane.doe@gmail.com' }, undefined],
    [{ name: 'Jane Doe', address: 'jane.doe@gmail.com' }, 'Jane Doe'],
    [undefined, undefined],
  ])('%j → %s', (sender, vendor) => expect(vendorFromSender(sender)).toBe(vendor));
});

describe('site adapters', () => {
  it('reads a Gmail message: subject, sender name and address; a role mailbox name is dropped', () => {
    const d = doc(
      '<html><head><title>Inbox</title></head><body><h2 class="hP">Invoice 55120</h2><span class="gD" email="AR@globex-components.example" name="Accounts">Accounts</span><div class="a3s">Invoice number 55120</div></body></html>',
    );
    const adapter = pickAdapter(d, '127.0.0.1');
    expect(adapter.name).toBe('gmail');
    const ctx = adapter.context(d);
    expect(ctx.subject).toBe('Invoice 55120');
    expect(ctx.sender).toEqual({ address: 'ar@globex-components.example' });
    expect(adapter.vendor(ctx)).toBe('Globex Components');
  });

  it('reads an Outlook reading pane: subject heading and sender persona', () => {
    const d = doc(
      '<html><body><main aria-label="Reading Pane"><div role="heading" aria-level="2">Rechnung RE-1</div><span data-testid="SenderPersona" title="Müller Stahlbau GmbH &lt;rechnung@mueller.example&gt;">Müller Stahlbau GmbH</span></main></body></html>',
    );
    const adapter = pickAdapter(d, 'localhost');
    expect(adapter.name).toBe('outlook');
    const ctx = adapter.context(d);
    expect(ctx.subject).toBe('Rechnung RE-1');
    expect(ctx.sender).toEqual({ name: 'Müller Stahlbau GmbH', address: 'rechnung@mueller.example' });
    expect(adapter.vendor(ctx)).toBe('Müller Stahlbau GmbH');
  });

  it('falls back to the generic adapter with the record heading and language', () => {
    const d = doc(
      '<html lang="de"><head><title>ERP</title></head><body><h1>Dashboard</h1><nav class="breadcrumb"><ol><li>Einkauf</li><li>Bestellung</li></ol></nav></body></html>',
    );
    const adapter = pickAdapter(d, 'erp.example');
    expect(adapter.name).toBe('generic');
    expect(adapter.context(d)).toMatchObject({ title: 'ERP', heading: 'Bestellung', lang: 'de' });
    expect(adapter.vendor(adapter.context(d))).toBeUndefined();
  });

  it('is chosen by host name even before the page has rendered', () => {
    expect(pickAdapter(doc('<html><body></body></html>'), 'mail.google.com').name).toBe('gmail');
    expect(pickAdapter(doc('<html><body></body></html>'), 'outlook.office.com').name).toBe('outlook');
  });
});
