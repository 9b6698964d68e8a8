/** Point-in-time (as-of) pre-race features: every value of race R is computed only from races that started before R. */
package pitwall.features;
