// Shared by the end-to-end scripts: Debian's Chromium through playwright-core (no browser download), step logging,
// screenshots, and the two ways to get the pages: from the gateway (the real thing), or, with SC_E2E_SERVE_FROM set
// to web-client's resources folder, from disk while the API still comes from the gateway (for working on the
// client without rebuilding the gateway).
import {chromium} from 'playwright-core';
import {exec} from 'node:child_process';
import {access, mkdir, readFile, rm} from 'node:fs/promises';
import {promisify} from 'node:util';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const outputDir = process.env.SC_E2E_OUTPUT ?? path.join(here, 'output');
const startedAt = Date.now();

/** Chromium flags for a machine with a closed network and no GPU (see web-client/README.md). */
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection',
  '--auto-select-desktop-capture-source=Entire screen',
];

export function log(message) {
  console.log(`[${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)} s] ${message}`);
}

export async function launch() {
  await mkdir(outputDir, {recursive: true});
  // Pages fulfilled from disk have no address, and Chromium's local network access checks would then keep them
  // from the gateway on loopback; served by the gateway they are loopback themselves and need no exception.
  const diskFlags = process.env.SC_E2E_SERVE_FROM ? ['--disable-features=LocalNetworkAccessChecks'] : [];
  return chromium.launch({
    executablePath: process.env.SC_CHROMIUM ?? '/usr/bin/chromium',
    args: [...FLAGS, ...diskFlags],
    timeout: 60_000,
  });
}

/**
 * A fresh browser profile (its own cookies and storage) for one user, with the console echoed on errors. The camera
 * and microphone are allowed for the site up front, as by a person who chose "always allow": with only the fake UI's
 * one-time grant, Chromium may decide at a peer connection's creation that the page has no media permission and
 * hide local addresses behind mDNS names, and on a machine where nothing resolves those it gathers no candidate.
 */
export async function newUser(browser, name, gateway, viewport = {width: 1100, height: 760}) {
  const context = await browser.newContext({viewport, acceptDownloads: true, baseURL: gateway,
    permissions: ['camera', 'microphone']});
  context.setDefaultTimeout(30_000);
  if (process.env.SC_E2E_SERVE_FROM) await serveFromDisk(context, gateway, process.env.SC_E2E_SERVE_FROM);
  const page = await context.newPage();
  page.on('console', message => {
    if (message.type() === 'error' || message.type() === 'warning') log(`  ${name} console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', error => log(`  ${name} page error: ${error.message}`));
  page.on('dialog', dialog => dialog.accept());
  return {name, context, page};
}

async function serveFromDisk(context, gateway, root) {
  const types = {'.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css'};
  await context.route(url => url.origin === new URL(gateway).origin
      && (url.pathname === '/' || url.pathname === '/index.html' || url.pathname.startsWith('/app/')),
  async route => {
    const {pathname} = new URL(route.request().url());
    const file = path.join(root, pathname === '/' ? 'index.html' : pathname);
    try {
      await route.fulfill({body: await readFile(file), contentType: types[path.extname(file)] ?? 'application/octet-stream'});
    } catch {
      await route.fulfill({status: 404, body: 'not found'});
    }
  });
}

/** Shell commands that restart a service, for runs by hand (e.g. `./secureconnect stop video-service && ...`). */
const RESTART_COMMANDS = {'chat-service': 'SC_E2E_RESTART_CHAT', 'video-service': 'SC_E2E_RESTART_VIDEO'};
const RESTART_TIMEOUT_MS = 300_000;

/**
 * Whether `service` can be made to crash and come back: the runner (system-tests' WebClientIT) lists in
 * SC_E2E_RESTARTS the services it restarts on request, or a shell command is given (RESTART_COMMANDS).
 */
export function canRestart(service) {
  return (process.env.SC_E2E_RESTARTS ?? '').split(',').includes(service) || Boolean(process.env[RESTART_COMMANDS[service]]);
}

/**
 * Has `service` crash and start again; resolves once it is back. With the runner: prints the request line
 * `@@crash-and-restart <service>`, which the runner answers by killing the service (SIGKILL), starting it again on
 * the same port, waiting until it is ready and creating `<service>.restarted` in the output folder.
 */
export async function crashAndRestart(service) {
  if (!(process.env.SC_E2E_RESTARTS ?? '').split(',').includes(service)) {
    await promisify(exec)(process.env[RESTART_COMMANDS[service]]);
    return;
  }
  const done = path.join(outputDir, `${service}.restarted`);
  await rm(done, {force: true});
  console.log(`@@crash-and-restart ${service}`);
  const deadline = Date.now() + RESTART_TIMEOUT_MS;
  while (!await access(done).then(() => true, () => false)) {
    if (Date.now() > deadline) throw new Error(`${service} was not restarted within ${RESTART_TIMEOUT_MS / 1000} s`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  log(`  ${service} is back: ${(await readFile(done, 'utf8')).trim()}`);
}

export async function screenshot(page, name) {
  const file = path.join(outputDir, `${name}.png`);
  await page.screenshot({path: file});
  log(`  screenshot ${file}`);
}

/** Runs the scenario; any failure prints the step, saves a screenshot of every page, and exits with 1. */
export async function run(scenario) {
  const gateway = process.argv[2];
  if (!gateway) {
    console.error('usage: node <script>.mjs <gateway URL, e.g. http://127.0.0.1:8080>');
    process.exit(2);
  }
  const browser = await launch();
  const users = [];
  try {
    await scenario({browser, gateway: gateway.replace(/\/$/, ''), users});
    log('PASSED');
    await browser.close();
    process.exit(0);
  } catch (error) {
    log(`FAILED: ${error.stack ?? error}`);
    for (const user of users) {
      await screenshot(user.page, `failure-${user.name}`).catch(() => {});
    }
    await browser.close().catch(() => {});
    process.exit(1);
  }
}
