/**
 * Ergast-format CSV dump to D1: read, validate everything, then replace the data in one SQL script via wrangler;
 * plus pulling the pinned dump with checksums and locating the dump to use.
 */
package pitwall.ingest;
