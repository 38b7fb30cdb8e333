/**
 * Stripe: the same calls through Stripe's official SDK (npm `stripe`) and
 * through the package generated from a slice of Stripe's public spec
 * (test/fixtures/specs/real/stripe.slice.json), against one recording
 * loopback server. Method, path, the decoded and sorted query and body pairs
 * and the credential must be byte-for-byte equal. Stripe's own headers
 * (User-Agent, Stripe-Version, Idempotency-Key, telemetry) are not in the
 * spec and are not compared.
 *
 * Stripe's spec marks every nested form field and nested query parameter
 * `style: deepObject, explode: true`; the generated descriptors carry that to
 * the runtime's `styledForm` / `styledQuery`, which write the bracket form
 * Stripe's SDK writes (`metadata[plan]=pro`, `line_items[0][price]=…`,
 * `expand[0]=…`, `created[gte]=…`).
 */
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { useFaultServer } from '../support/fault-server.js';
import { useGeneratedPackage, wire, type Wire } from './support.js';

type Client = Record<string, (params?: object) => Promise<unknown>>;
const generated = useGeneratedPackage<{ createClient(options: object): Client }>('stripe.slice.json', 'stripe');
const server = await useFaultServer();

const SECRET = 'sk_test_51Hx0WireConformance';

const sdk = () => {
  const { hostname, port } = new URL(server.url);
  return new Stripe(SECRET, { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0, telemetry: false });
};
/**
 * Stripe's spec declares `basicAuth` (the secret key as username, no
 * password) and `bearerAuth`, either one per operation; the SDK sends
 * `Bearer <key>`. The generated client is given the basic credentials here
 * (the first alternative, and an empty password must count); the bearer
 * alternative is checked to match the SDK's header exactly below.
 */
const ours = (credentials: object = { username: SECRET, password: '' }) => generated().createClient({ baseUrl: server.url, env: {}, maxRetries: 0, ...credentials });

/** Sends one call through each client and returns both requests as the server saw them. */
async function both(viaSdk: (stripe: Stripe) => Promise<unknown>, viaOurs: (client: Client) => Promise<unknown>) {
  server.clear();
  await viaSdk(sdk());
  await viaOurs(ours());
  expect(server.requests).toHaveLength(2);
  const [theirs, mine] = server.requests as [(typeof server.requests)[0], (typeof server.requests)[0]];
  return { theirs, mine, theirWire: await wire(theirs), ourWire: await wire(mine) };
}

const PARIS = { line1: '8 rue de l’Exemple', line2: 'Bât. B & C', city: 'Paris', postal_code: '75001', country: 'FR' };
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);

interface Case {
  name: string;
  sdk: (stripe: Stripe) => Promise<unknown>;
  ours: (client: Client) => Promise<unknown>;
  /** Lines the decoded body or query must contain (the convention under test, seen on the wire). */
  shows: string[];
}

const CASES: Case[] = [
  {
    name: 'create a customer: nested address, metadata, arrays of scalars',
    sdk: (s) => s.customers.create({ email: 'jenny+1@example.com', name: 'Jenny Rosen', address: PARIS, metadata: { plan: 'pro', 'team id': '42' }, preferred_locales: ['fr', 'en'] }),
    ours: (c) => c.postCustomers!({ body: { email: 'jenny+1@example.com', name: 'Jenny Rosen', address: PARIS, metadata: { plan: 'pro', 'team id': '42' }, preferred_locales: ['fr', 'en'] } }),
    shows: ['address[city]=Paris', 'metadata[plan]=pro', 'metadata[team id]=42', 'preferred_locales[0]=fr', 'preferred_locales[1]=en'],
  },
  {
    name: 'create a customer: shipping, arrays of objects, expand',
    sdk: (s) =>
      s.customers.create({
        shipping: { name: 'Jenny', phone: '+33 1 23 45 67 89', address: PARIS },
        tax_id_data: [{ type: 'eu_vat', value: 'FR12345678901' }],
        invoice_settings: { custom_fields: [{ name: 'PO', value: '1/2' }], footer: 'Merci !' },
        expand: ['tax_ids', 'invoice_settings.default_payment_method'],
      }),
    ours: (c) =>
      c.postCustomers!({
        body: {
          shipping: { name: 'Jenny', phone: '+33 1 23 45 67 89', address: PARIS },
          tax_id_data: [{ type: 'eu_vat', value: 'FR12345678901' }],
          invoice_settings: { custom_fields: [{ name: 'PO', value: '1/2' }], footer: 'Merci !' },
          expand: ['tax_ids', 'invoice_settings.default_payment_method'],
        },
      }),
    shows: ['shipping[address][city]=Paris', 'tax_id_data[0][type]=eu_vat', 'invoice_settings[custom_fields][0][value]=1/2', 'expand[1]=invoice_settings.default_payment_method'],
  },
  {
    name: 'update a customer: path parameter, empty string unsets a metadata key',
    sdk: (s) => s.customers.update('cus_NffrFeUfNV2Hib', { metadata: { plan: '', source: 'wire' }, description: '' }),
    ours: (c) => c.postCustomersCustomer!({ customer: 'cus_NffrFeUfNV2Hib', body: { metadata: { plan: '', source: 'wire' }, description: '' } }),
    shows: ['metadata[plan]=', 'description='],
  },
  {
    name: 'retrieve a customer: expand in the query',
    sdk: (s) => s.customers.retrieve('cus_NffrFeUfNV2Hib', { expand: ['default_source', 'invoice_settings.default_payment_method'] }),
    ours: (c) => c.getCustomersCustomer!({ customer: 'cus_NffrFeUfNV2Hib', expand: ['default_source', 'invoice_settings.default_payment_method'] }),
    shows: ['expand[0]=default_source'],
  },
  {
    name: 'list customers: deepObject range filter on created',
    sdk: (s) => s.customers.list({ created: { gte: 1_700_000_000, lt: 1_800_000_000 }, email: 'jenny+1@example.com', limit: 3, starting_after: 'cus_1' }),
    ours: (c) => c.getCustomers!({ created: { gte: 1_700_000_000, lt: 1_800_000_000 }, email: 'jenny+1@example.com', limit: 3, starting_after: 'cus_1' }),
    shows: ['created[gte]=1700000000', 'created[lt]=1800000000', 'email=jenny+1@example.com'],
  },
  {
    name: 'search customers: a query with quotes, brackets and spaces',
    sdk: (s) => s.customers.search({ query: `email:'jenny+1@example.com' AND metadata['plan']:'pro'`, limit: 10, expand: ['data.tax_ids'] }),
    ours: (c) => c.getCustomersSearch!({ query: `email:'jenny+1@example.com' AND metadata['plan']:'pro'`, limit: 10, expand: ['data.tax_ids'] }),
    shows: [`query=email:'jenny+1@example.com' AND metadata['plan']:'pro'`],
  },
  {
    name: 'create a checkout session: line items with nested price data',
    sdk: (s) =>
      s.checkout.sessions.create({
        mode: 'payment',
        success_url: 'https://example.com/ok?session_id={CHECKOUT_SESSION_ID}',
        line_items: [
          { price: 'price_1', quantity: 2 },
          { price_data: { currency: 'eur', unit_amount: 500, product_data: { name: 'T-shirt', metadata: { size: 'M' } } }, quantity: 1, adjustable_quantity: { enabled: true, maximum: 5 } },
        ],
        shipping_address_collection: { allowed_countries: ['FR', 'DE'] },
        metadata: { order: '6735' },
      }),
    ours: (c) =>
      c.postCheckoutSessions!({
        body: {
          mode: 'payment',
          success_url: 'https://example.com/ok?session_id={CHECKOUT_SESSION_ID}',
          line_items: [
            { price: 'price_1', quantity: 2 },
            { price_data: { currency: 'eur', unit_amount: 500, product_data: { name: 'T-shirt', metadata: { size: 'M' } } }, quantity: 1, adjustable_quantity: { enabled: true, maximum: 5 } },
          ],
          shipping_address_collection: { allowed_countries: ['FR', 'DE'] },
          metadata: { order: '6735' },
        },
      }),
    shows: ['line_items[0][price]=price_1', 'line_items[1][price_data][product_data][metadata][size]=M', 'line_items[1][adjustable_quantity][enabled]=true', 'shipping_address_collection[allowed_countries][1]=DE'],
  },
  {
    name: 'create a payment intent: booleans and numbers in nested objects',
    sdk: (s) => s.paymentIntents.create({ amount: 2000, currency: 'eur', automatic_payment_methods: { enabled: true, allow_redirects: 'never' }, capture_method: 'manual', metadata: { order_id: '6735' } }),
    ours: (c) => c.postPaymentIntents!({ body: { amount: 2000, currency: 'eur', automatic_payment_methods: { enabled: true, allow_redirects: 'never' }, capture_method: 'manual', metadata: { order_id: '6735' } } }),
    shows: ['amount=2000', 'automatic_payment_methods[enabled]=true'],
  },
  {
    name: 'create a subscription: items, tax rates, deep expand',
    sdk: (s) => s.subscriptions.create({ customer: 'cus_1', items: [{ price: 'price_1', quantity: 2 }, { price: 'price_2', metadata: { seat: 'extra' } }], default_tax_rates: ['txr_1'], expand: ['latest_invoice.payment_intent'] }),
    ours: (c) => c.postSubscriptions!({ body: { customer: 'cus_1', items: [{ price: 'price_1', quantity: 2 }, { price: 'price_2', metadata: { seat: 'extra' } }], default_tax_rates: ['txr_1'], expand: ['latest_invoice.payment_intent'] } }),
    shows: ['items[1][metadata][seat]=extra', 'default_tax_rates[0]=txr_1'],
  },
  {
    name: 'list charges: filter, range and expand',
    sdk: (s) => s.charges.list({ customer: 'cus_1', created: { gte: 1_700_000_000 }, expand: ['data.customer'], limit: 100 }),
    ours: (c) => c.getCharges!({ customer: 'cus_1', created: { gte: 1_700_000_000 }, expand: ['data.customer'], limit: 100 }),
    shows: ['created[gte]=1700000000', 'expand[0]=data.customer'],
  },
  {
    name: 'search invoices: page token',
    sdk: (s) => s.invoices.search({ query: 'total>1000 AND status:"open"', page: 'next_page_token==' }),
    ours: (c) => c.getInvoicesSearch!({ query: 'total>1000 AND status:"open"', page: 'next_page_token==' }),
    shows: ['page=next_page_token=='],
  },
  {
    name: 'upload a file: multipart with a deepObject field',
    sdk: (s) => s.files.create({ purpose: 'dispute_evidence', file: { data: Buffer.from(png), name: 'receipt.png', type: 'image/png' }, file_link_data: { create: true, metadata: { order: '6735' } } }),
    ours: (c) => c.postFiles!({ body: { purpose: 'dispute_evidence', file: new File([png], 'receipt.png', { type: 'image/png' }), file_link_data: { create: true, metadata: { order: '6735' } } } }),
    shows: ['file_link_data[create]=true', 'file_link_data[metadata][order]=6735', 'purpose=dispute_evidence'],
  },
];

describe('Stripe wire conformance (stripe@23.2.0 vs the generated client)', () => {
  it.each(CASES)('$name', async ({ sdk: viaSdk, ours: viaOurs, shows }) => {
    const { theirs, mine, theirWire, ourWire } = await both(viaSdk, viaOurs);
    expect(ourWire).toEqual(theirWire);
    const seen = `${ourWire.query}\n${ourWire.body}`.split('\n');
    for (const line of shows) expect(seen).toContain(line);
    // The credential: the SDK's bearer token is our basic-auth username, with an empty password.
    expect(theirs.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(mine.headers.authorization).toBe(`Basic ${Buffer.from(`${SECRET}:`).toString('base64')}`);
  });

  it('sends the SDK’s Authorization header byte for byte through the bearerAuth alternative', async () => {
    server.clear();
    await sdk().customers.del('cus_1');
    await (ours({ bearerToken: SECRET }) as Client).deleteCustomersCustomer!({ customer: 'cus_1' });
    const [theirs, mine] = server.requests;
    expect(await wire(mine!)).toEqual<Wire>(await wire(theirs!));
    expect(mine!.headers.authorization).toBe(theirs!.headers.authorization);
  });
});
