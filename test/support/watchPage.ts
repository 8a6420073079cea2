import type { Browser, Page } from 'puppeteer-core';

/** What a page did while a spec drove it. */
export interface WatchedPage {
  page: Page;
  /** Every request whose URL is not on `origin`: none of them was let through. */
  foreignRequests: string[];
  /** Console messages of type error or warning (Chromium reports Content-Security-Policy violations there) and uncaught page errors. */
  problems: string[];
}

/**
 * A new tab of `browser` that may load only from `origin`: any other request
 * is refused and recorded, as are console errors and warnings and page
 * errors, so that a spec can say the page needed nothing else and broke no
 * rule. `acceptLanguage`, when given, is the tab's Accept-Language.
 */
export async function watchPage(browser: Browser, origin: string, acceptLanguage?: string): Promise<WatchedPage> {
  const page = await browser.newPage();
  const watched: WatchedPage = { page, foreignRequests: [], problems: [] };
  if (acceptLanguage !== undefined) await page.setExtraHTTPHeaders({ 'accept-language': acceptLanguage });
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (new URL(request.url()).origin === origin) return void request.continue();
    watched.foreignRequests.push(request.url());
    void request.abort();
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warn') watched.problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => watched.problems.push(`page error: ${String(error)}`));
  return watched;
}
