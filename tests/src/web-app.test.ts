import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '@supergraph/gateway';
import { buildWebApp, serveWebApp, type WebApp } from '@supergraph/platform';
import { WEB_MANIFEST } from '@supergraph/web/paths';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { skippedBecause, startTestPlatform, type TestPlatform } from './harness/index.ts';

/**
 * The reference web app (apps/web) in a real browser: Debian's Chromium driven by playwright-core,
 * against the real platform. A customer signs in, sees their profile from all four domains (the
 * metrics deferred), pages through their orders, places an order, is declined by one test card and
 * pays with another, and watches the order become CONFIRMED without reloading; a staff member's
 * browser sees it arrive on the store board and moves it along while the customer's page follows.
 * A new customer registers, adds an address, orders, downloads their personal data and erases their account.
 * Run against a gateway in both postures of persisted operations: the development one (the
 * manifest's ids and anything else, logged) and the production one (only the manifest's operations).
 * Screenshots of each main screen: tests/output/web/<mode>/*.png.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];
const SCREENSHOTS = resolve(REPO_ROOT, 'tests/output/web');

const manifest = JSON.parse(readFileSync(WEB_MANIFEST, 'utf8')) as { operations: { id: string; name: string; body: string }[] };
const nameById = new Map(manifest.operations.map((o) => [o.id, o.name]));
const idOf = (name: string) => manifest.operations.find((o) => o.name === name)!.id;

const MODES = [
  { mode: 'audit', title: 'development posture (audit: the manifest by id, anything else logged)', env: {} },
  {
    mode: 'safelist',
    title: 'production posture (safelist: only the manifest), with 30-second access tokens the app refreshes',
    env: { ACCESS_TOKEN_TTL_SECONDS: '30' },
  },
] as const;

describe.skipIf(!existsSync(CHROMIUM))(
  `the web app in Chromium${skippedBecause(!existsSync(CHROMIUM) && `${CHROMIUM} is missing: apt-get install chromium`)}`,
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    });
    afterAll(async () => {
      await browser?.close();
    });

    describe.each(MODES)('$title', ({ mode, env }) => {
      let platform: TestPlatform;
      let web: WebApp;
      const contexts: BrowserContext[] = [];
      /** Every GraphQL request the pages sent, by operation name, and whether any carried a query's text. */
      const sent: { name: string; withText: boolean }[] = [];
      const shots = resolve(SCREENSHOTS, mode);
      /** What the pages threw, or logged as errors or warnings: none expected. */
      const consoleProblems: string[] = [];

      beforeAll(async () => {
        mkdirSync(shots, { recursive: true });
        platform = await startTestPlatform({
          env: { WEB_APP: 'true', PERSISTED_OPERATIONS_MANIFEST: WEB_MANIFEST, PERSISTED_OPERATIONS: mode, ...env },
        });
        web = await serveWebApp({ dir: await buildWebApp(), host: '127.0.0.1', port: 0, gatewayUrl: platform.gatewayUrl });
      }, 120_000);
      afterAll(async () => {
        for (const context of contexts) await context.close().catch(() => undefined);
        await web?.close();
        await platform?.stop();
      });

      const open = async (): Promise<Page> => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        contexts.push(context);
        const page = await context.newPage();
        page.on('request', (request) => {
          if (!request.url().startsWith(platform.gatewayUrl) || request.method() !== 'POST') return;
          const body = JSON.parse(request.postData() ?? '{}') as {
            query?: string;
            extensions?: { persistedQuery?: { sha256Hash?: string } };
          };
          const id = body.extensions?.persistedQuery?.sha256Hash;
          sent.push({ name: (id && nameById.get(id)) ?? '(not in the manifest)', withText: typeof body.query === 'string' });
        });
        page.on('pageerror', (error) => consoleProblems.push(`the page threw: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(`${message.type()}: ${message.text()}`);
        });
        await page.goto(web.url);
        return page;
      };

      /** One of the app's operations, by its manifest id, as the app sends it. */
      const persisted = async (name: string, variables: Record<string, unknown>, token?: string) => {
        const response = await fetch(platform.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ operationName: name, variables, extensions: { persistedQuery: { version: 1, sha256Hash: idOf(name) } } }),
        });
        return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
      };

      const orderFromElsewhere = async () => {
        const { data } = await persisted('SignIn', {
          input: { storeSlug: 'napoli', email: 'ada@napoli.example', password: 'supergraph-demo' },
        });
        const token = data.login.token as string;
        const checkout = await persisted('Checkout', {}, token);
        const address = checkout.data.me.addresses[0];
        const item = checkout.data.me.store.menu.find((m: { available: boolean }) => m.available);
        const placed = await persisted(
          'PlaceOrder',
          {
            input: {
              items: [{ menuItemId: item.id, quantity: 1 }],
              deliveryAddress: { line1: address.line1, city: address.city, postalCode: address.postalCode, country: address.country },
              idempotencyKey: `web-test-${mode}-${Date.now()}`,
            },
          },
          token,
        );
        const order = placed.data.placeOrder as { id: string; orderNumber: string };
        const input = { orderId: order.id, paymentMethodToken: 'tok_visa', idempotencyKey: `web-test-pay-${mode}-${Date.now()}` };
        for (let attempt = 0; attempt < 20; attempt += 1) {
          const paid = await persisted('PayOrder', { input }, token);
          if (paid.errors?.[0]?.extensions?.code !== 'NOT_FOUND') break;
          await new Promise((r) => setTimeout(r, 200));
        }
        return order;
      };

      const signIn = async (page: Page, email: string) => {
        await page.getByLabel('Store').selectOption('napoli');
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Password').fill('supergraph-demo');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByTestId('signed-in-as').waitFor();
      };

      test('a customer orders and pays, and follows the order live while staff move it along', async () => {
        const customer = await open();
        let navigations = 0;
        customer.on('framenavigated', (frame) => {
          if (frame === customer.mainFrame()) navigations += 1;
        });
        await customer.screenshot({ path: resolve(shots, '1-sign-in.png') });

        // A wrong password is refused in words, and the form stays.
        await customer.getByLabel('Store').selectOption('napoli');
        await customer.getByLabel('Email').fill('ada@napoli.example');
        await customer.getByLabel('Password').fill('not-the-password');
        await customer.getByRole('button', { name: 'Sign in' }).click();
        await expect.poll(() => customer.getByRole('alert').textContent()).toMatch(/email or password/i);

        await signIn(customer, 'ada@napoli.example');
        const profile = customer.getByTestId('profile');
        await expect.poll(() => profile.textContent()).toContain('Ada Lovelace');
        // The metrics come in the deferred part: shown when they arrive.
        await customer.getByTestId('total-spent').waitFor();
        expect(await customer.getByTestId('order-count').textContent()).toBe('12');

        // Order history, five at a time.
        const rows = customer.getByTestId('order-row');
        await expect.poll(() => rows.count()).toBe(5);
        await customer.getByRole('button', { name: 'Show older orders' }).click();
        await expect.poll(() => rows.count()).toBe(10);
        await customer.getByRole('button', { name: 'Show older orders' }).click();
        await expect.poll(() => rows.count()).toBe(12);
        expect(await customer.getByRole('button', { name: 'Show older orders' }).count()).toBe(0);
        await customer.screenshot({ path: resolve(shots, '2-profile-and-orders.png'), fullPage: true });

        // Place an order from the menu.
        const order = customer.getByTestId('place-order');
        await order.getByRole('spinbutton').first().fill('2');
        await order.getByRole('button', { name: /Place order/ }).click();
        await customer.getByTestId('pay').waitFor();
        const live = customer.getByTestId('live-status');
        await expect.poll(() => live.textContent()).toBe('Pending payment');
        const orderNumber = /Order (\S+):/.exec((await customer.getByTestId('pay').textContent()) ?? '')?.[1];
        expect(orderNumber).toBeDefined();

        // A declined card is said to be declined; the order still waits for payment.
        await customer.getByLabel('Card').selectOption('tok_chargeDeclined');
        await customer.getByRole('button', { name: 'Pay' }).click();
        await expect.poll(() => customer.getByTestId('payment-declined').textContent()).toMatch(/declined/i);
        await customer.screenshot({ path: resolve(shots, '3-card-declined.png'), fullPage: true });
        expect(await live.textContent()).toBe('Pending payment');

        // Another card pays; the status becomes CONFIRMED by itself (the payment's event, then the subscription).
        await customer.getByLabel('Card').selectOption('tok_visa');
        await customer.getByRole('button', { name: 'Pay' }).click();
        await customer.getByTestId('paid').waitFor();
        await expect.poll(() => live.textContent(), { timeout: 20_000 }).toBe('Confirmed');
        // The history shows the new order on top, and the count went up.
        await expect.poll(() => rows.first().textContent()).toContain(orderNumber!);
        await expect.poll(() => customer.getByTestId('order-count').textContent()).toBe('13');
        await customer.screenshot({ path: resolve(shots, '4-order-confirmed.png'), fullPage: true });

        // Staff: the order is on the board, among the confirmed ones.
        const staff = await open();
        await signIn(staff, 'staff@napoli.example');
        const ticket = staff.locator(`[data-testid="ticket"][data-order-number="${orderNumber}"]`);
        await expect.poll(() => ticket.count(), { timeout: 20_000 }).toBe(1);
        expect(await staff.getByTestId('column-CONFIRMED').locator(ticket).count()).toBe(1);
        await staff.getByTestId('top-customers').locator('li').first().waitFor();
        expect(Number(await staff.getByTestId('analytics-orders').textContent())).toBeGreaterThan(0);
        await staff.screenshot({ path: resolve(shots, '5-staff-board.png'), fullPage: true });

        if (mode === 'safelist') {
          // Both pages refresh their 30-second tokens by themselves (rotating the refresh token) and
          // start their subscriptions again with the new ones: what follows is seen live all the same.
          const refreshes = () => sent.filter((r) => r.name === 'RefreshSession').length;
          await expect.poll(refreshes, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
        }

        // Staff move it along; the customer's page follows, live.
        await ticket.getByRole('button', { name: 'Accepted' }).click();
        await expect.poll(() => staff.getByTestId('column-ACCEPTED').locator(ticket).count()).toBe(1);
        await expect.poll(() => live.textContent(), { timeout: 20_000 }).toBe('Accepted');
        await ticket.getByRole('button', { name: 'Preparing' }).click();
        await expect.poll(() => live.textContent(), { timeout: 20_000 }).toBe('Preparing');
        await staff.screenshot({ path: resolve(shots, '6-staff-moved-it.png'), fullPage: true });
        await customer.screenshot({ path: resolve(shots, '7-customer-follows.png'), fullPage: true });

        // A new order placed elsewhere (by the app's own operations, sent by id from here) arrives on the board by itself.
        const placed = await orderFromElsewhere();
        const arrived = staff.locator(`[data-testid="ticket"][data-order-number="${placed.orderNumber}"]`);
        await expect.poll(() => staff.getByTestId('column-CONFIRMED').locator(arrived).count(), { timeout: 20_000 }).toBe(1);

        // Nothing of this reloaded the customer's page, and neither page threw or logged a problem.
        expect(navigations).toBe(0);
        expect(consoleProblems).toEqual([]);
      }, 180_000);

      test('a new customer registers, downloads everything kept about them, and erases their account', async () => {
        const page = await open();
        const email = `web-${mode}-${Date.now()}@example.com`;
        const password = 'a long enough password';
        await page.getByRole('button', { name: 'New here? Create an account' }).click();
        await page.getByLabel('Store').selectOption('napoli');
        await page.getByLabel('First name').fill('Grace');
        await page.getByLabel('Last name').fill('Hopper');
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Create account' }).click();
        await page.getByTestId('signed-in-as').waitFor();
        await expect.poll(() => page.getByTestId('profile').textContent()).toContain('Grace Hopper');

        // A new account has no address yet: the order form asks for one, then orders and pays.
        await page.getByLabel('Street and number').fill('7 Harbour Road');
        await page.getByLabel('City').fill('Napoli');
        await page.getByLabel('Postal code').fill('80100');
        await page.getByLabel('Country').fill('it');
        await page.getByRole('button', { name: 'Save address' }).click();
        const order = page.getByTestId('place-order');
        await order.getByRole('spinbutton').first().fill('1');
        await order.getByRole('button', { name: /Place order/ }).click();
        await page.getByLabel('Card').selectOption('tok_mastercard');
        await page.getByRole('button', { name: 'Pay' }).click();
        await page.getByTestId('paid').waitFor();
        await expect.poll(() => page.getByTestId('live-status').textContent(), { timeout: 20_000 }).toBe('Confirmed');

        // The export: one file from the gateway's /personal-data, a part from every domain.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Download my data' }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/^personal-data-.+\.json$/);
        const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
          format: string;
          parts: {
            customers?: { account?: { email?: string }; addresses?: { line1: string }[] };
            orders?: { orders?: { deliveryAddress?: { line1?: string } }[] };
            payments?: { payments?: { card?: { last4?: string } }[] };
          };
          errors: unknown[];
        };
        expect(exported.format).toBe('supergraph-personal-data');
        expect(exported.errors).toEqual([]);
        expect(Object.keys(exported.parts).sort()).toEqual(['analytics', 'customers', 'orders', 'payments']);
        expect(exported.parts.customers?.account?.email).toBe(email);
        expect(exported.parts.customers?.addresses?.[0]?.line1).toBe('7 Harbour Road');
        expect(exported.parts.orders?.orders?.[0]?.deliveryAddress?.line1).toBe('7 Harbour Road');
        expect(exported.parts.payments?.payments?.[0]?.card?.last4).toBe('4444');
        await page.screenshot({ path: resolve(shots, '8-your-data.png'), fullPage: true });

        // Erasure asks for the password again: a wrong one is refused in words and erases nothing.
        await page.getByRole('button', { name: 'Delete my account…' }).click();
        await page.getByLabel('Your password, to confirm').fill('not my password at all');
        await page.getByRole('button', { name: 'Erase my account for good' }).click();
        await expect.poll(() => page.getByTestId('your-data').getByRole('alert').textContent()).toMatch(/password/i);
        await page.getByLabel('Your password, to confirm').fill(password);
        await page.getByRole('button', { name: 'Erase my account for good' }).click();
        await page.getByRole('heading', { name: 'Sign in' }).waitFor();
        expect(await page.locator('.notice').textContent()).toMatch(/erased/i);
        await page.screenshot({ path: resolve(shots, '9-account-erased.png') });

        // The account cannot sign in any more.
        await page.getByLabel('Store').selectOption('napoli');
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/email or password/i);
        expect(consoleProblems).toEqual([]);
      }, 120_000);

      test('the app sent only its manifest’s operation ids, never a query’s text', () => {
        expect(sent.length).toBeGreaterThan(10);
        expect(sent.filter((r) => r.name === '(not in the manifest)' || r.withText)).toEqual([]);
        for (const name of [
          'SignIn',
          'MyProfile',
          'MyOrders',
          'Checkout',
          'PlaceOrder',
          'PayOrder',
          'OrderUpdates',
          'StoreBoard',
          'MoveOrder',
          'Register',
          'AddAddress',
          'DeleteMyAccount',
        ])
          expect(sent.map((r) => r.name)).toContain(name);
      });

      test(`the gateway ${mode === 'safelist' ? 'refuses' : 'runs'} an operation the manifest does not list`, async () => {
        const answer = await platform.gql('query NotInTheApp { stores { slug } }');
        if (mode === 'safelist') {
          expect(answer.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
        } else {
          expect(answer.errors).toBeUndefined();
          expect((answer.data as { stores: unknown[] }).stores.length).toBeGreaterThan(0);
        }
      });
    });
  },
);
