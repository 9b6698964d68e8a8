/** Bindings of the Worker (wrangler.toml, plus the secret set with `wrangler secret put`). */
export interface Env {
  DB: D1Database;
  /** Key for /api/admin/*; when unset every admin call is refused. Never logged. */
  PREDICTIONS_API_KEY?: string;
}
