/** Model bundles: export the winning variant of an experiment run as a verified, self-describing directory, and load one back. */
package pitwall.export;
