/**
 * Data access: the typed client of the Worker data API ({@link pitwall.data.WorkerClient}), the records of its
 * responses, Tablesaw frames built from whole seasons ({@link pitwall.data.F1Frames}), and content-addressed
 * snapshots of what was loaded ({@link pitwall.data.DataSnapshot}).
 *
 * <p>The contract with the Worker is {@code worker/API.md}. Everything else in pitwall reads data through
 * {@link pitwall.data.SeasonSource}, so an experiment can run on the live Worker or, offline, on a snapshot.
 */
package pitwall.data;
