// X-API-Key check for /api/admin/*. The key is the Worker secret PREDICTIONS_API_KEY; it is never logged.
import { ApiError } from "./http";
import type { Env } from "./env";

export async function requireApiKey(request: Request, env: Env): Promise<void> {
  const expected = env.PREDICTIONS_API_KEY;
  const given = request.headers.get("x-api-key");
  // No configured secret means no admin access at all, rather than an empty key that matches.
  if (!expected || given === null || !(await sameSecret(given, expected))) {
    throw new ApiError(401, "UNAUTHORIZED", "Missing or wrong X-API-Key");
  }
}

/** Constant-time comparison: hashing first gives equal lengths, so neither content nor length leaks. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}
