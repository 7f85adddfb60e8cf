import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../../../scripts/lib/free-port';
import { startHarness, type Harness } from '../../support/harness';

/**
 * The real stack for a browser test file: PostgreSQL, Temporal, SMTP, a worker, and the API (which
 * serves the built web app) listening on a loopback port, so e-mail links point at it; plus the
 * operating system's Chromium driven by Playwright. Nothing is downloaded: the set-up script installs
 * Debian's chromium package (docs/web-app.md).
 */
export interface BrowserStack {
  h: Harness;
  baseUrl: string;
  browser: Browser;
  /** Script errors and console errors of every page so far: a test expects none. */
  pageProblems: string[];
  /** A fresh browser context (its own cookies), desktop-sized unless told otherwise. */
  newPage(options?: { phone?: boolean }): Promise<Page>;
  stop(): Promise<void>;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'demo-pass-123';

export async function startBrowserStack(options: { env?: Record<string, string> } = {}): Promise<BrowserStack> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: run \`bash scripts/ensure-setup.sh\` (installs Debian's chromium)`,
    );
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const h = await startHarness({ worker: true, env: { ...options.env, PUBLIC_BASE_URL: baseUrl } });
  const handler = h.server;
  const server: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // The machine has no internet: keep Chromium from trying (and logging) Google's services.
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-gpu',
      '--disable-dev-shm-usage',
    ],
  });
  const contexts: BrowserContext[] = [];
  const pageProblems: string[] = [];
  return {
    h,
    baseUrl,
    browser,
    pageProblems,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        ...(options.phone
          ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
          : { viewport: { width: 1280, height: 900 } }),
      });
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      const page = await context.newPage();
      // A script error or a refused resource (CSP) would otherwise surface only as a timeout.
      page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // Chromium logs every refused fetch ("the server responded with a status of 4xx"): the app shows
        // those refusals on screen and the tests assert them there. A 5xx stays a problem.
        if (/status of 4\d\d/.test(message.text())) return;
        pageProblems.push(`console: ${message.text()} (${message.location().url})`);
      });
      return page;
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await h.stop();
    },
  };
}

/** Signs in through the sign-in screen and waits for the signed-in layout. */
export async function signIn(page: Page, username: string, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Username or e-mail').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** var/screenshots/, or docs/screenshots/ under `npm run screenshots` (SCREENSHOTS_DIR). */
const screenshotDir = path.resolve(
  path.join(__dirname, '..', '..', '..'),
  process.env.SCREENSHOTS_DIR ?? path.join('var', 'screenshots'),
);

/**
 * Saves a screenshot of the page; the README's pictures of the main screens are these, written by
 * `npm run screenshots` (so they are made by the browser tests, never by hand).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
