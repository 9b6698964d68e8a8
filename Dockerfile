# The pitwall predictor: one exported model bundle served over HTTP on port 8001 (`pitwall serve`).
#
#   mvn -B -DskipTests package                                  # target/pitwall.jar
#   ./pitwall model export experiments/ensembles.json           # models/ensembles/<version>/
#   docker build -t pitwall-serve --build-arg MODEL=ensembles/<version> .
#   docker run --rm -p 8001:8001 -e WORKER_URL=https://<worker> -e PREDICTIONS_API_KEY=<key> pitwall-serve
#
# WORKER_URL: the Worker data API the history comes from (a Worker on the host: http://host.docker.internal:8787
# with --add-host=host.docker.internal:host-gateway, and wrangler listening on 0.0.0.0). PREDICTIONS_API_KEY is only
# needed for ?store=true. Extra arguments go to `pitwall serve` (e.g. --pre-model /app/models/pre-qualifying/<v>).
FROM eclipse-temurin:25-jre

ARG MODEL
WORKDIR /app
COPY target/pitwall.jar /app/pitwall.jar
COPY models/ /app/models/
RUN useradd --system --no-create-home --home-dir /app pitwall && chown -R pitwall /app
USER pitwall

ENV MODEL=${MODEL} \
    WORKER_URL=http://host.docker.internal:8787 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75"
EXPOSE 8001

# nodelay: without it the JDK HttpServer delays every small response ~40 ms (Nagle).
ENTRYPOINT ["sh", "-c", "if [ -z \"$MODEL\" ]; then echo 'set MODEL (build arg or env) to a bundle under /app/models, e.g. ensembles/20251127-120000' >&2; exit 2; fi; exec java $JAVA_OPTS --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dsun.net.httpserver.nodelay=true -Dpitwall.root=/app -jar /app/pitwall.jar serve --model \"/app/models/$MODEL\" --host 0.0.0.0 --port 8001 \"$@\"", "--"]
