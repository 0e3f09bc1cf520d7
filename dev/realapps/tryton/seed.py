"""Seeds a fresh Tryton database from the plan given as JSON on stdin (dev/realapps/plan.ts).

Prints one JSON object: the number Tryton gave each purchase and each supplier invoice record, in
plan order. Uses proteus and the set-up helpers Tryton's own modules ship for their scenarios.
"""
import datetime
import os
import json
import sys
from decimal import Decimal

from proteus import Model, Wizard, config as pconfig

conf_file, database = sys.argv[1], sys.argv[2]
# The modules' scenario helpers import Tryton's test tools, which read the database name from here.
os.environ.setdefault('DB_NAME', database)
plan = json.load(sys.stdin)
cfg = pconfig.set_trytond(database=database, config_file=conf_file)

Module = Model.get('ir.module')
modules = Module.find([('name', 'in', ['purchase', 'account_invoice']), ('state', '!=', 'activated')])
if modules:
    Module.click(modules, 'activate')
    Wizard('ir.module.activate_upgrade').execute('upgrade')

from trytond.modules.company.tests.tools import create_company, get_company  # noqa: E402
from trytond.modules.account.tests.tools import create_fiscalyear, create_chart, get_accounts  # noqa: E402
from trytond.modules.account_invoice.tests.tools import (  # noqa: E402
    set_fiscalyear_invoice_sequences, create_payment_term)

Currency = Model.get('currency.currency')
eur = Currency(name='Euro', code='EUR', symbol='€', rounding=Decimal('0.01'), digits=2)
eur.save()
Party = Model.get('party.party')
us = Party(name='Tieout Trading Co')
us.save()
create_company(party=us, currency=eur)
company = get_company()

today = datetime.date.fromisoformat(plan['purchases'][0]['date'])
fiscalyear = set_fiscalyear_invoice_sequences(create_fiscalyear(company, today=today))
fiscalyear.click('create_period')
create_chart(company)
accounts = get_accounts(company)

ProductCategory = Model.get('product.category')
category = ProductCategory(name='Purchased goods')
category.accounting = True
category.account_expense = accounts['expense']
category.account_revenue = accounts['revenue']
category.save()

Uom = Model.get('product.uom')
unit, = Uom.find([('name', '=', 'Unit')])
Template = Model.get('product.template')
products = {}


def product(name, cents):
    if name not in products:
        template = Template(name=name, default_uom=unit, type='service', purchasable=True,
                            list_price=Decimal(cents) / 100, account_category=category)
        template.save()
        products[name] = template.products[0]
    return products[name]


payment_term = create_payment_term()
payment_term.save()

vendors = []
for name in plan['vendors']:
    party = Party(name=name)
    party.save()
    vendors.append(party)

Purchase = Model.get('purchase.purchase')
purchase_numbers = []
for p in plan['purchases']:
    purchase = Purchase(party=vendors[p['vendor']], payment_term=payment_term,
                        purchase_date=datetime.date.fromisoformat(p['date']), invoice_method='manual')
    for line in p['lines']:
        pl = purchase.lines.new()
        pl.product = product(line['product'], line['unitCents'])
        pl.quantity = line['quantity']
        pl.unit_price = Decimal(line['unitCents']) / 100
    purchase.save()
    purchase.click('quote')
    purchase.click('confirm')
    purchase_numbers.append(purchase.number)

Invoice = Model.get('account.invoice')
invoice_numbers = []
for inv in plan['invoices']:
    description = None
    if inv.get('purchase') is not None:
        description = 'PO ' + purchase_numbers[inv['purchase']]
    invoice = Invoice(type='in', party=vendors[inv['vendor']], payment_term=payment_term,
                      invoice_date=datetime.date.fromisoformat(inv['date']), reference=inv['reference'],
                      description=description)
    for line in inv['lines']:
        il = invoice.lines.new()
        il.product = product(line['product'], line['unitCents'])
        il.quantity = line['quantity']
        il.unit_price = Decimal(line['unitCents']) / 100
    invoice.save()
    invoice.click('validate_invoice')
    invoice_numbers.append(invoice.number)

# A new database greets its first login with the configuration wizard: the seed has done its work.
ConfigItem = Model.get('ir.module.config_wizard.item')
for item in ConfigItem.find([('state', '!=', 'done')]):
    item.state = 'done'
    item.save()

print(json.dumps({'purchases': purchase_numbers, 'invoices': invoice_numbers}))
