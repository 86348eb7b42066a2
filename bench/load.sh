#!/usr/bin/env bash
# HTTP load test of the packaged server (issue 7). Starts api/target/il7cds-api.jar on loopback with a throw-away
# API key, then drives, with wrk (Debian package `wrk`), for a fixed duration and number of connections:
#   1. POST /v1/eligibility/assessments          (one candidate, the real rules)
#   2. POST /bench/baseline/assessments          (the same JSON in and out, no rules: the baseline)
#   3. POST /v1/eligibility/assessments/batch    (BATCH candidates per request)
#   4. single assessments again while ACTIVATIONS rules activations and rollbacks happen (no request may fail)
# and reports throughput, p50/p99 latency, time to the first successful assessment, activation times and the
# server's RSS after the run. Usage: bench/load.sh [duration, default 30s] [connections, default 16]; the
# server runs with JAVA_OPTS (default @api/jvm.options, the settings the README runs it with). With EDIT_DRL=1 each
# activation also changes a rule file of levy-2009 (otherwise only the version label changes).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-30s}
CONNECTIONS=${2:-16}
THREADS=${THREADS:-2}
BATCH=${BATCH:-100}
ACTIVATIONS=${ACTIVATIONS:-10}
PORT=${PORT:-18181}
JAR=api/target/il7cds-api.jar
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 2; }
[ -f "$JAR" ] || mvn -q -B -ntp package -DskipTests
# The no-rules baseline endpoint is not in the service jar: it is the bench build's baseline jar, put on the
# service's class path through Spring Boot's PropertiesLauncher (loader.path).
BASELINE=$(ls bench/target/il7cds-bench-*-baseline.jar 2>/dev/null | head -1)
[ -n "$BASELINE" ] || { mvn -q -B -ntp -pl bench -am package -DskipTests; BASELINE=$(ls bench/target/il7cds-bench-*-baseline.jar | head -1); }

WORK=$(mktemp -d)
trap 'kill "${SERVER:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/rules" && cp -r rules/bundle.yaml rules/protocols rules/terminology rules/schema "$WORK/rules/"
python3 bench/load/bodies.py "$WORK" "$BATCH"
export KEY="il7_bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
HASH="sha256:$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)"
BASE="http://127.0.0.1:$PORT"

t0=$(date +%s%N)
java ${JAVA_OPTS:-@api/jvm.options} -Dloader.path="$BASELINE" -cp "$JAR" org.springframework.boot.loader.launch.PropertiesLauncher --server.port="$PORT" --rules.dir="$WORK/rules" --il7cds.data-dir="$WORK/data" --il7cds.bench.baseline-endpoint=true \
  "--il7cds.security.api-keys[0].client-id=bench" "--il7cds.security.api-keys[0].hash=$HASH" \
  "--il7cds.security.api-keys[0].roles=screener,informatician" \
  --il7cds.rate-limit.requests-per-second=1000000 --il7cds.rate-limit.burst=1000000 > "$WORK/server.log" 2>&1 &
SERVER=$!
until curl -sf -o /dev/null -H "Authorization: ApiKey $KEY" -H 'Content-Type: application/json' \
    --data-binary @"$WORK/single.json" "$BASE/v1/eligibility/assessments"; do
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 0.05
done
first_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

run() { # name path body duration -> wrk output in $WORK/<name>.txt
  BODY="$WORK/$3" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$4" --latency -s bench/load/post.lua "$BASE$2" > "$WORK/$1.txt"
}
field() { grep -E "$2" "$WORK/$1.txt" | head -1 | awk '{print $2}'; }
errors() { grep -E "Non-2xx|Socket errors" "$WORK/$1.txt" | tr '\n' ' ' || true; }

# The JIT takes minutes to compile the request path (bench/RESULTS.md, 2026-12-02): 10 s warm-ups measured it.
run warmup /v1/eligibility/assessments single.json "${WARMUP:-60s}"
run warmup-baseline /bench/baseline/assessments single.json "${WARMUP:-60s}"
run warmup-batch /v1/eligibility/assessments/batch batch.json "${WARMUP:-60s}"
run single /v1/eligibility/assessments single.json "$DURATION"
run baseline /bench/baseline/assessments single.json "$DURATION"
run batch /v1/eligibility/assessments/batch batch.json "$DURATION"

# Activations under load: wrk keeps assessing while the rules are activated and rolled back.
BODY="$WORK/single.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/load/post.lua \
  "$BASE/v1/eligibility/assessments" > "$WORK/during.txt" &
WRK=$!
sleep 2
: > "$WORK/activations.txt"
for i in $(seq 1 "$ACTIVATIONS"); do
  # An activation is of a new version (a new content hash: compiled, never the build-time precompiled rules); a
  # rollback returns to the packaged version.
  if (( i % 2 )); then
    sed -i "s/^version: .*/version: \"1.0.1-load.$i\"/" "$WORK/rules/bundle.yaml"
    # EDIT_DRL=1: a rule file changes too (a comment line), so the activation compiles a protocol with Drools.
    [ -z "${EDIT_DRL:-}" ] || echo "// bench/load.sh edit $i" >> "$WORK/rules/protocols/levy-2009/eligibility.drl"
    path=/v1/rules/activations; data='{"source":"directory","reason":"bench/load.sh"}'
  else
    path=/v1/rules/rollbacks; data='{"reason":"bench/load.sh"}'
  fi
  curl -s -o /dev/null -w "%{http_code} %{time_total}\n" -X POST -H "Authorization: ApiKey $KEY" \
    -H 'Content-Type: application/json' --data "$data" "$BASE$path" >> "$WORK/activations.txt"
done
wait "$WRK"
rss_kb=$(ps -o rss= -p "$SERVER" | tr -d ' ')

single_rps=$(field single 'Requests/sec'); baseline_rps=$(field baseline 'Requests/sec'); batch_rps=$(field batch 'Requests/sec')
cat <<REPORT
# bench/load.sh $(date -u +%Y-%m-%dT%H:%MZ): $(nproc) cores, $(java -version 2>&1 | head -1), wrk -t$THREADS -c$CONNECTIONS -d$DURATION

| measure | figure |
| --- | --- |
| start to first successful assessment | ${first_ms} ms |
| single assessment: throughput | ${single_rps} req/s |
| single assessment: p50 / p99 latency | $(field single '^ +50%') / $(field single '^ +99%') |
| baseline (same JSON, no rules): throughput | ${baseline_rps} req/s |
| baseline: p50 / p99 latency | $(field baseline '^ +50%') / $(field baseline '^ +99%') |
| single / baseline throughput | $(python3 -c "print(f'{$single_rps/$baseline_rps*100:.1f} %')") |
| batch of $BATCH: throughput | ${batch_rps} req/s = $(python3 -c "print(f'{$batch_rps*$BATCH:,.0f}')") candidates/s |
| batch: p50 / p99 latency | $(field batch '^ +50%') / $(field batch '^ +99%') |
| during $ACTIVATIONS activations/rollbacks: throughput | $(field during 'Requests/sec') req/s |
| during activations: failed requests | $(errors during)$(grep -cE "Non-2xx|Socket errors" "$WORK/during.txt" >/dev/null || echo "none (wrk reported no non-2xx and no socket errors)") |
| activation / rollback answers (status, seconds) | $(tr '\n' ';' < "$WORK/activations.txt") |
| server RSS after the run | $(( rss_kb / 1024 )) MiB |
| errors in the other runs | single: $(errors single) baseline: $(errors baseline) batch: $(errors batch) |
REPORT
