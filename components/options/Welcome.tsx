import { Legend } from '@/components/Legend';
import { SitesPanel } from './Sites';

/** The first thing a newcomer sees after installing (runtime.onInstalled opens options.html#welcome). */
export function Welcome() {
  return (
    <section aria-labelledby="welcome-heading" class="stack welcome">
      <h2 id="welcome-heading">Welcome to Tieout</h2>
      <p>
        Tieout finds PO and invoice numbers on the pages you already read — supplier portals, Gmail, Outlook — and ties
        every invoice to its purchase order. It flags what to check before paying: over-billing, price and quantity
        variances, unknown POs and duplicate invoices.
      </p>
      <p class="notice" data-testid="privacy">
        <strong>Your data never leaves this browser.</strong> The ledger lives in this browser’s storage: no server, no
        account, no network request. Back it up or wipe it from the Data section.
      </p>
      <ol class="stack steps">
        <li>
          <strong>Turn Tieout on where you read invoices.</strong> It reads nothing until you enable a site. To enable
          the site in front of you, click the Tieout button in the toolbar and choose “Enable on this site”.
          <SitesPanel headingLevel={3} />
        </li>
        <li>
          <strong>Import your open POs.</strong> Export them from your ERP as CSV (SAP, NetSuite, QuickBooks, Xero, Odoo
          or a spreadsheet) and <a href="#data">import them in Data</a>, so invoices tie out from the first page.
        </li>
        <li>
          <strong>Read your invoices as usual.</strong> Tieout marks every PO and invoice number it finds on an enabled
          site. Point at a number for its card: its status, the PO balance and what to do. The toolbar button lists the
          numbers on the page and everything that needs attention.
        </li>
      </ol>
      <section aria-labelledby="legend-heading">
        <h3 id="legend-heading">What the marks on a page mean</h3>
        <Legend headingId="legend-heading" />
      </section>
      <p>
        <a href="#matching">Review the matching tolerances</a> when you are ready; the defaults allow 2% on price and
        1.00 of rounding on totals.
      </p>
    </section>
  );
}
