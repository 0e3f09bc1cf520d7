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

  it('reads a Roundcube message view (the preview iframe): subject without its hidden prefix, sender from the contact link', () => {
    const d = doc(
      '<html><head><title>Roundcube Webmail :: Invoice 7781</title></head><body><div id="message-header"><h2 class="subject"><span class="voice">Subject: </span> Invoice 7781 for order P00042 <a class="extwin"><span class="inner">Open in new window</span></a></h2><div class="header-summary"><span>From <span class="adr"><a href="mailto:invoices@brightwater-packaging.test" class="rcmContactAddress" title="invoices@brightwater-packaging.test">Brightwater Packaging GmbH</a></span> on 2025-03-12</span></div></div><div id="messagebody"><div class="message-part"><div class="pre">Invoice 7781</div></div></div></body></html>',
    );
    const adapter = pickAdapter(d, 'mail.example.org');
    expect(adapter.name).toBe('roundcube');
    const ctx = adapter.context(d);
    expect(ctx.subject).toBe('Invoice 7781 for order P00042');
    expect(ctx.sender).toEqual({ name: 'Brightwater Packaging GmbH', address: 'invoices@brightwater-packaging.test' });
    expect(adapter.vendor(ctx)).toBe('Brightwater Packaging GmbH');
  });

  it('Roundcube: a role name shown for the sender gives way to the domain; the address may come from the mailto link', () => {
    const d = doc(
      '<html><body><div id="message-header"><h2 class="subject">Your invoice</h2><table class="headers-table"><tr><td class="header-title">From</td><td class="header from"><span class="adr"><a href="mailto:billing@halvorsen-marine.test" class="rcmContactAddress">Billing</a></span></td></tr></table></div></body></html>',
    );
    const adapter = pickAdapter(d, 'webmail.example.org');
    const ctx = adapter.context(d);
    expect(ctx.sender).toEqual({ address: 'billing@halvorsen-marine.test' });
    expect(adapter.vendor(ctx)).toBe('Halvorsen Marine');
  });

  it("Roundcube's message list page is read by the generic adapter: its rows name many senders", () => {
    const d = doc(
      '<html><body><table id="messagelist"><tr class="message"><td class="subject"><span class="adr"><span title="a@b.test" class="rcmContactAddress">A</span></span></td></tr></table><iframe id="messagecontframe"></iframe></body></html>',
    );
    expect(pickAdapter(d, 'webmail.example.org').name).toBe('generic');
  });
});
