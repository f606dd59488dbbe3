#!/usr/bin/env node
// npm's entry: the bundled CLI does everything; see src/main.ts.
require("../dist/cli.js");
