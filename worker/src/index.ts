// pitwall data API: the Cloudflare Worker serving the D1 database as JSON (contract: ../API.md).
import type { Env } from "./env";
import { router } from "./router";
import { routes } from "./routes";

export type { Env } from "./env";

const handle = router(routes);

export default {
  fetch: (request: Request, env: Env) => handle(request, env),
} satisfies ExportedHandler<Env>;
