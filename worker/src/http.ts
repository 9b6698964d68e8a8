// JSON envelope, typed API errors and request-body handling shared by every route.

export type ErrorCode =
  | "BAD_REQUEST"
  | "INVALID_JSON"
  | "INVALID_PARAMETER"
  | "UNAUTHORIZED"
  | "NOT_FOUND"
  | "RACE_NOT_FOUND"
  | "DRIVER_NOT_FOUND"
  | "TEAM_NOT_FOUND"
  | "CIRCUIT_NOT_FOUND"
  | "SEASON_NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RACE_HAS_RESULTS"
  | "UNPROCESSABLE"
  | "INTERNAL"
  | "DATABASE_UNAVAILABLE";

/** A failure the client should see as-is; anything else thrown becomes a bare 500. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badParam = (message: string) => new ApiError(400, "INVALID_PARAMETER", message);
export const badBody = (message: string) => new ApiError(400, "BAD_REQUEST", message);

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

export function ok(data: unknown, meta: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ data, meta }), { status: 200, headers: JSON_HEADERS });
}

export function errorResponse(err: ApiError): Response {
  return new Response(JSON.stringify({ error: { code: err.code, message: err.message } }), {
    status: err.status,
    headers: { ...JSON_HEADERS, ...err.headers },
  });
}

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a POST body as JSON: 415 unless the content type is application/json, 413 over 1 MiB
 * (checked on Content-Length first, then while streaming, so a lying or absent length cannot
 * make us buffer more), 400 INVALID_JSON when it does not parse.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "POST bodies must be sent with Content-Type: application/json");
  }
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) throw tooLarge();

  const bytes = await readCapped(request.body, MAX_BODY_BYTES);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError(400, "INVALID_JSON", "Body is not valid UTF-8");
  }
  if (text.trim() === "") throw new ApiError(400, "INVALID_JSON", "Body is empty; a JSON object is expected");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "INVALID_JSON", "Body is not valid JSON");
  }
}

const tooLarge = () => new ApiError(413, "PAYLOAD_TOO_LARGE", `Body exceeds ${MAX_BODY_BYTES} bytes`);

async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
