#!/usr/bin/env node
// The `tandem` command. The real code is bundled into out/cli.cjs by `npm run build`
// (which `npm ci` runs through the prepare script).
const fs = require('node:fs');
const path = require('node:path');

const cli = path.join(__dirname, '..', 'out', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('tandem: not built yet. Run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(1);
}
require(cli).runCli();
