// What clients see when D1 itself fails. This file breaks its own (per-file, isolated) database.
import { env } from "cloudflare:workers";
import { beforeAll, describe, it } from "vitest";
import { expectError, get } from "./helpers";

describe("database faults", () => {
  beforeAll(async () => {
    await env.DB.prepare("DROP TABLE model_metrics").run();
    await env.DB.prepare("DROP TABLE driver_standings").run();
  });

  it("health answers 503 DATABASE_UNAVAILABLE", async () => {
    expectError(await get("/api/health"), 503, "DATABASE_UNAVAILABLE");
  });

  it("other endpoints answer 500 INTERNAL without any detail", async () => {
    const res = await get("/api/data/driver/830");
    expectError(res, 500, "INTERNAL");
    // Neither the SQL nor the D1 message reaches the client.
    if (/driver_standings|SQLITE|D1_/i.test(res.body.error.message)) throw new Error(res.body.error.message);
  });
});
