// Types of what the tests see: the Worker's bindings plus the test-only ones from vitest.config.ts,
// and the Worker's own exports (for `exports.default.fetch`).
import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../src/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
    interface GlobalProps {
      mainModule: typeof import("../src/index");
    }
  }
}
