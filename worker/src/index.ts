export interface Env { DB: D1Database; PREDICTIONS_API_KEY?: string }
export default {
  async fetch(_req: Request, env: Env): Promise<Response> {
    const n = await env.DB.prepare("SELECT count(*) AS n FROM races").first<{ n: number }>();
    return Response.json({ data: { races: n?.n ?? 0 }, meta: {} });
  },
};
