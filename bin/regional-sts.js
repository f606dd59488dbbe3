#!/bin/sh
":" //; if [ -n "${NODE_EXTRA_CA_CERTS:-}" ]; then REGIONAL_STS_DEFERRED_CA_CERTS=$NODE_EXTRA_CA_CERTS; export REGIONAL_STS_DEFERRED_CA_CERTS; unset NODE_EXTRA_CA_CERTS; fi
":" //; REGIONAL_STS_BIN=1 exec node "$0" "$@"
/*
 * npm's entry, read twice: first by sh (the two lines above), then by node (from here on).
 *
 * Node 20 reads and parses the whole NODE_EXTRA_CA_CERTS bundle before running any JavaScript:
 * about 40 ms at every start on a machine with the system bundle there, for a cache hit that
 * makes no TLS connection at all. So sh hands the variable to node under another name; on a
 * cache miss src/main.ts puts it back for child processes and src/credentials/http.ts adds those
 * certificates to Node's own, which is what the variable means to Node. Node 22 and later load
 * it only on first use, and the standalone binary is not started through this file.
 * Run directly with node (`node bin/regional-sts.js`), the two lines above are inert.
 */
require("../dist/cli.js");
