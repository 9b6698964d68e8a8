/**
 * Ergast-format CSV dump to D1: read, validate everything, stage it beside the served tables via wrangler, check the
 * staging, then swap it in with one atomic D1 batch; plus pulling the pinned dump with checksums and locating the
 * dump to use.
 */
package pitwall.ingest;
