package pitwall.data;

/** The Worker's answer to {@code POST /api/admin/predictions}: how many rows were inserted or updated. */
public record PredictionUpsert(int raceId, String modelVersion, int upserted) {}
