import puppeteer, { type Browser } from 'puppeteer-core';

/** Debian's Chromium (installed by test/prerequisites.mjs); `CHROMIUM_PATH` names another. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a headless Chromium on this kind of machine: no sandbox (the tests run as root), no
 * GPU, and none of the background connections to Google's services (the network is closed here,
 * and they would only be refused). Puppeteer gives each browser an empty profile of its own and
 * removes it on close.
 */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

/** A headless Chromium a spec drives as a person would; `close()` ends it. */
export async function openBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: [...FLAGS, ...extraArgs] });
}
