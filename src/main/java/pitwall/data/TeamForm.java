package pitwall.data;

/** {@code GET /api/data/team/{team}}: a constructor and its as-of statistics. */
public record TeamForm(Constructor constructor, AsOfCutoff asOf, TeamStats stats) {}
