/**
 * Cold start of `tandem serve` to the first page rendered in Chromium, and the core's idle footprint.
 * Side by side in the same run: a bare Node static file server serving the same built page, so the
 * ratio shows what Tandem's own start-up (store, migrations, core) costs on top of Node + Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { cpuMs, printResults, round, rssMb, summarize } from './support';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 10_000);
const root = process.cwd();
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function startServe(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/tandem.cjs', 'serve', '--port', '0', '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`tandem serve exited with ${code}: ${out}`)));
  });
}

/** A plain static server for the same files: the baseline. */
function startBaseline(): Promise<{ server: http.Server; url: string }> {
  const dir = path.join(root, 'out', 'renderer');
  const server = http.createServer((req, res) => {
    const p = path.join(dir, req.url === '/' ? 'index.html' : (req.url ?? '').split('?')[0]!);
    fs.readFile(p, (err, data) => {
      if (err) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': p.endsWith('.js') ? 'text/javascript' : p.endsWith('.css') ? 'text/css' : 'text/html' }).end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

async function main() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const tandem: { ready: number; painted: number }[] = [];
  const baseline: number[] = [];
  let idle = { rss: NaN, cpuPct: NaN };

  for (let i = 0; i < RUNS; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-'));
    const context = await browser.newContext();
    const page = await context.newPage();
    const t0 = performance.now();
    const { child, url } = await startServe(dataDir);
    const ready = performance.now() - t0;
    await page.goto(url);
    // The frame is up when React has rendered the app shell.
    await page.waitForSelector('#root > *', { state: 'attached' });
    const painted = performance.now() - t0;
    tandem.push({ ready, painted });

    if (i === RUNS - 1) {
      await new Promise((r) => setTimeout(r, 2000));
      const cpu0 = cpuMs(child.pid!);
      await new Promise((r) => setTimeout(r, IDLE_MS));
      idle = { rss: rssMb(child.pid!), cpuPct: ((cpuMs(child.pid!) - cpu0) / IDLE_MS) * 100 };
    }
    await context.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });

    const { server, url: baseUrl } = await startBaseline();
    const ctx2 = await browser.newContext();
    const page2 = await ctx2.newPage();
    const b0 = performance.now();
    await page2.goto(baseUrl);
    await page2.waitForSelector('#root', { state: 'attached' });
    baseline.push(performance.now() - b0);
    await ctx2.close();
    server.close();
  }
  await browser.close();

  const ready = summarize(tandem.map((t) => t.ready));
  const painted = summarize(tandem.map((t) => t.painted));
  const base = summarize(baseline);
  printResults(
    'startup: tandem serve cold start → first page in Chromium',
    [
      ['runs', RUNS],
      ['serve ready (URL printed), p50 ms', ready.p50],
      ['first page rendered, p50 ms', painted.p50],
      ['first page rendered, max ms', painted.max],
      ['baseline static page load, p50 ms', base.p50],
      ['idle RSS of the serve process, MB', idle.rss],
      [`idle CPU over ${IDLE_MS / 1000} s, % of one core`, idle.cpuPct],
    ],
    { runs: RUNS, serveReadyP50Ms: round(ready.p50), firstPageP50Ms: round(painted.p50), firstPageMaxMs: round(painted.max), baselinePageP50Ms: round(base.p50), idleRssMb: round(idle.rss), idleCpuPct: round(idle.cpuPct, 2) },
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
