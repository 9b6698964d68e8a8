// The endpoints of API.md: each handler parses and validates its input, then calls a query module.
import { requireApiKey } from "./auth";
import { badBody, badParam, ok, readJsonBody } from "./http";
import {
  decodeSegment, parseAsOf, parseId, parseIdOrRef, parseWindow, parseYear, queryParams,
} from "./params";
import type { Route } from "./router";
import { circuitPatterns } from "./queries/circuit";
import { manyRaceFeatures, raceFeatures } from "./queries/features";
import { health } from "./queries/health";
import {
  MODEL_VERSION, parsePredictionBatch, readPredictions, seasonPredictions, storePredictions,
} from "./queries/predictions";
import { driverProfile, teamProfile } from "./queries/profiles";
import { seasonDetail, seasonList } from "./queries/seasons";
import { asObject, onlyKeys, positiveInt } from "./validate";

const MAX_RACES_PER_REQUEST = 25;

function modelVersionParam(raw: string | undefined): string | null {
  if (raw !== undefined && !MODEL_VERSION.test(raw)) {
    throw badParam("model_version must be 1-100 characters of A-Z a-z 0-9 . _ : -");
  }
  return raw ?? null;
}

export const routes: Route[] = [
  {
    path: "/api/health",
    methods: {
      GET: async ({ env, url }) => {
        queryParams(url, []);
        return ok(await health(env.DB));
      },
    },
  },
  {
    path: "/api/data/seasons",
    methods: {
      GET: async ({ env, url }) => {
        queryParams(url, []);
        const seasons = await seasonList(env.DB);
        return ok(seasons, { count: seasons.length });
      },
    },
  },
  {
    path: "/api/data/seasons/:year",
    methods: {
      GET: async ({ env, url, params }) => {
        const year = parseYear(decodeSegment(params.year!));
        queryParams(url, []);
        const { data, counts } = await seasonDetail(env.DB, year);
        return ok(data, { counts });
      },
    },
  },
  {
    path: "/api/data/seasons/:year/predictions",
    methods: {
      GET: async ({ env, url, params }) => {
        const year = parseYear(decodeSegment(params.year!));
        const q = queryParams(url, ["model_version"]);
        const { data, meta } = await seasonPredictions(env.DB, year, modelVersionParam(q.model_version));
        return ok(data, meta);
      },
    },
  },
  {
    path: "/api/data/driver/:driver",
    methods: {
      GET: async ({ env, url, params }) => {
        const key = parseIdOrRef(decodeSegment(params.driver!), "driver");
        const q = queryParams(url, ["as_of", "window"]);
        return ok(await driverProfile(env.DB, key, parseAsOf(q.as_of), parseWindow(q.window)));
      },
    },
  },
  {
    path: "/api/data/team/:team",
    methods: {
      GET: async ({ env, url, params }) => {
        const key = parseIdOrRef(decodeSegment(params.team!), "team");
        const q = queryParams(url, ["as_of", "window"]);
        return ok(await teamProfile(env.DB, key, parseAsOf(q.as_of), parseWindow(q.window)));
      },
    },
  },
  {
    path: "/api/data/race/:raceId/features",
    methods: {
      GET: async ({ env, url, params }) => {
        const raceId = parseId(decodeSegment(params.raceId!), "raceId");
        queryParams(url, []);
        return ok(await raceFeatures(env.DB, raceId));
      },
    },
  },
  {
    path: "/api/data/race/:raceId/predictions",
    methods: {
      GET: async ({ env, url, params }) => {
        const raceId = parseId(decodeSegment(params.raceId!), "raceId");
        const q = queryParams(url, ["model_version"]);
        return ok(await readPredictions(env.DB, raceId, modelVersionParam(q.model_version)));
      },
    },
  },
  {
    path: "/api/data/circuit/:circuit/patterns",
    methods: {
      GET: async ({ env, url, params }) => {
        const key = parseIdOrRef(decodeSegment(params.circuit!), "circuit");
        const q = queryParams(url, ["as_of"]);
        return ok(await circuitPatterns(env.DB, key, parseAsOf(q.as_of)));
      },
    },
  },
  {
    path: "/api/data/ml-prediction-data",
    methods: {
      POST: async ({ request, env, url }) => {
        queryParams(url, []);
        const body = asObject(await readJsonBody(request), "body");
        onlyKeys(body, ["raceIds"], "body");
        const raceIds = body.raceIds;
        if (!Array.isArray(raceIds) || raceIds.length < 1 || raceIds.length > MAX_RACES_PER_REQUEST) {
          throw badBody(`raceIds must be an array of 1 to ${MAX_RACES_PER_REQUEST} race ids`);
        }
        const ids = raceIds.map((id: unknown, i: number) => positiveInt(id, `raceIds[${i}]`));
        if (new Set(ids).size !== ids.length) throw badBody("raceIds must be distinct");
        const features = await manyRaceFeatures(env.DB, ids);
        return ok(features, { count: features.length });
      },
    },
  },
  {
    path: "/api/admin/predictions",
    methods: {
      POST: async ({ request, env, url }) => {
        await requireApiKey(request, env);
        queryParams(url, []);
        const batch = parsePredictionBatch(await readJsonBody(request));
        return ok(await storePredictions(env.DB, batch));
      },
    },
  },
];
