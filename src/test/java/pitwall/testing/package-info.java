/** Test support shared by all test packages: the real dump and a live local Worker loaded with it. */
package pitwall.testing;
