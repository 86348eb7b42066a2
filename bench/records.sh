#!/usr/bin/env bash
# Decision-record benchmark (issue 11). Starts the packaged server twice on loopback, each with its own data
# directory (the embedded H2 default) and a throw-away API key:
#   on:  decision recording as shipped;
#   off: il7cds.bench.recording-disabled=true (BENCHMARK ONLY: answers unrecorded, no decisionId; never clinical use)
# and drives them with wrk in the same run:
#   1. POST /v1/eligibility/assessments on "on" and on "off", alternated ROUNDS times (the throughput ratio);
#   2. POST /v1/eligibility/assessments/batch (BATCH candidates per request) on "on", then on "off";
# then verifies the chain of everything "on" recorded, stops it cleanly and reports the database size per 100,000
# decisions. Last, a third server "text" (il7cds.records.keep-answer-text=true: every assessment keeps its whole
# answer) runs the batch load for the size and throughput of that alternative.
# "on" runs as shipped: on the embedded H2 default its records go through the journal (il7cds.records.journal=auto);
# ON_PROPS adds properties to "on" (ON_PROPS=--il7cds.records.journal=off: group commits straight into H2).
# Usage: bench/records.sh [duration, default 20s] [connections, default 16]; JAVA_OPTS default @api/jvm.options;
# WARMUP (default 60s) of load per server and endpoint before anything is measured.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-20s}
CONNECTIONS=${2:-16}
THREADS=${THREADS:-2}
BATCH=${BATCH:-100}
ROUNDS=${ROUNDS:-2}
# The JIT takes minutes to compile the request path (272 req/s in the first 20 s of load, 1,300 after 100 s, 2,900
# after 160 s on this machine, 2026-12-02): shorter warm-ups measured the compiler, and whichever server it had
# finished with first.
WARMUP=${WARMUP:-60s}
JAR=api/target/il7cds-api.jar
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 2; }
[ -f "$JAR" ] || mvn -q -B -ntp package -DskipTests

WORK=$(mktemp -d)
declare -A PID PORT
trap 'for p in "${PID[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
python3 bench/load/bodies.py "$WORK" "$BATCH"
export KEY="il7_bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
HASH="sha256:$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)"

start() { # name port [properties...]
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name"
  java ${JAVA_OPTS:-@api/jvm.options} -jar "$JAR" --server.port="$port" --il7cds.data-dir="$WORK/$name" \
    "--il7cds.security.api-keys[0].client-id=bench" "--il7cds.security.api-keys[0].hash=$HASH" \
    "--il7cds.security.api-keys[0].roles=screener,auditor" --il7cds.rate-limit.enabled=false "$@" \
    > "$WORK/$name.log" 2>&1 &
  PID[$name]=$!; PORT[$name]=$port
  until curl -sf -o /dev/null -H "Authorization: ApiKey $KEY" -H 'Content-Type: application/json' \
      --data-binary @"$WORK/single.json" "http://127.0.0.1:$port/v1/eligibility/assessments"; do
    kill -0 "${PID[$name]}" 2>/dev/null || { cat "$WORK/$name.log"; exit 1; }
    sleep 0.1
  done
}
TICK=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system CPU of a process, in clock ticks
run() { # output server path body duration; also notes the server's CPU time over the run
  local t0; t0=$(ticks "${PID[$2]}")
  BODY="$WORK/$4" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$5" --latency -s bench/load/post.lua \
    "http://127.0.0.1:${PORT[$2]}$3" > "$WORK/$1.txt"
  echo $(( $(ticks "${PID[$2]}") - t0 )) > "$WORK/$1.cpu"
}
rps() { grep -E 'Requests/sec' "$WORK/$1.txt" | awk '{print $2}'; }
lat() { echo "$(grep -E '^ +50%' "$WORK/$1.txt" | awk '{print $2}') / $(grep -E '^ +99%' "$WORK/$1.txt" | awk '{print $2}')"; }
# The server's CPU time per request of a run, in ms (a figure less sensitive to the machine's load than req/s).
cpu_per_req() { python3 -c "print(f'{$(cat "$WORK/$1.cpu")/$TICK*1000/$(grep -Eo '[0-9]+ requests in' "$WORK/$1.txt" | cut -d' ' -f1):.3f}')"; }
errors() { grep -E "Non-2xx|Socket errors" "$WORK/$1.txt" | tr '\n' ' ' || true; }
chain() { curl -s -w '\n%{time_total}' -H "Authorization: ApiKey $KEY" "http://127.0.0.1:${PORT[$1]}/v1/decisions/chain"; }
stop() { kill -TERM "${PID[$1]}"; wait "${PID[$1]}" 2>/dev/null || true; unset "PID[$1]"; }
size_per_100k() { # name records
  python3 -c "import os; s=sum(os.path.getsize(os.path.join('$WORK/$1',f)) for f in os.listdir('$WORK/$1') if f.startswith('il7cds')); print(f'{s/1048576:,.1f} MiB for {$2:,} records = {s/$2*100000/1048576:,.1f} MiB per 100,000')"
}
# The H2 file holds, besides the live data, chunks that later writes made partly dead: the embedded default writes
# every commit at once (WRITE_DELAY=0), so H2's background compaction never runs, and freed chunks are reused only
# after H2's 45 s retention. SHUTDOWN COMPACT (the H2 of the jar, on the stopped server's file) leaves the live data.
compact() { # name
  unzip -p "$JAR" 'BOOT-INF/lib/h2-*.jar' > "$WORK/h2.jar"
  java -cp "$WORK/h2.jar" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/$1/il7cds" -user il7cds -password "" \
    -sql "SHUTDOWN COMPACT" > /dev/null
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
start on 18281 ${ON_PROPS:-}
start off 18282 --il7cds.bench.recording-disabled=true
for s in on off; do
  run "warm-$s" "$s" /v1/eligibility/assessments single.json "$WARMUP"
  run "warm-batch-$s" "$s" /v1/eligibility/assessments/batch batch.json "$WARMUP"
done
on_sum=0; off_sum=0; rounds=""
for r in $(seq 1 "$ROUNDS"); do
  run "single-on-$r" on /v1/eligibility/assessments single.json "$DURATION"
  run "single-off-$r" off /v1/eligibility/assessments single.json "$DURATION"
  rounds="$rounds round $r: on $(rps "single-on-$r") / off $(rps "single-off-$r") req/s, p50/p99 on $(lat "single-on-$r"), off $(lat "single-off-$r");"
  on_sum=$(python3 -c "print($on_sum + $(rps "single-on-$r"))"); off_sum=$(python3 -c "print($off_sum + $(rps "single-off-$r"))")
done
run batch-on on /v1/eligibility/assessments/batch batch.json "$DURATION"
run batch-off off /v1/eligibility/assessments/batch batch.json "$DURATION"
chain_on=$(chain on)
records_on=$(python3 -c "import json,sys; print(json.loads(sys.argv[1].split(chr(10))[0])['recordsChecked'])" "$chain_on")
intact_on=$(python3 -c "import json,sys; print(json.loads(sys.argv[1].split(chr(10))[0])['intact'])" "$chain_on")
chain_s=$(echo "$chain_on" | tail -1)
rss_on=$(ps -o rss= -p "${PID[on]}" | tr -d ' ')
stop on; stop off
commits_on="$(grep -o 'decision recorder closed: .*' "$WORK/on.log" | sed 's/decision recorder closed: //')$(grep -o 'decision journal closed: .*' "$WORK/on.log" | sed 's/decision journal closed: /; copied into the database in /')"
size_on=$(size_per_100k on "$records_on")
compact on
compact_on=$(size_per_100k on "$records_on")

start text 18283 --il7cds.records.keep-answer-text=true
run warm-text text /v1/eligibility/assessments/batch batch.json "$WARMUP"
run batch-text text /v1/eligibility/assessments/batch batch.json "$DURATION"
run single-text text /v1/eligibility/assessments single.json "$DURATION"
records_text=$(python3 -c "import json,sys; print(json.loads(sys.argv[1].split(chr(10))[0])['recordsChecked'])" "$(chain text)")
stop text
size_text=$(size_per_100k text "$records_text")
compact text
compact_text=$(size_per_100k text "$records_text")

cand() { python3 -c "print(f'{$(rps "$1")*$BATCH:,.0f}')"; }
cat <<REPORT
# bench/records.sh $(date -u +%Y-%m-%dT%H:%MZ): $(nproc) cores, load average at start ${LOAD_START}, at end $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), wrk -t$THREADS -c$CONNECTIONS -d$DURATION

| measure | figure |
| --- | --- |
| single assessment, recording on / off (mean of $ROUNDS alternated rounds) | $(python3 -c "print(f'{$on_sum/$ROUNDS:,.0f} / {$off_sum/$ROUNDS:,.0f} req/s = {$on_sum/$off_sum*100:.1f} %')") |
| single assessment rounds | ${rounds} |
| server CPU per request, single on / off (round 1) | $(cpu_per_req single-on-1) / $(cpu_per_req single-off-1) ms |
| batch of $BATCH, recording on (embedded H2) | $(rps batch-on) req/s = $(cand batch-on) candidates/s, p50/p99 $(lat batch-on) |
| batch of $BATCH, recording off | $(rps batch-off) req/s = $(cand batch-off) candidates/s, p50/p99 $(lat batch-off) |
| server CPU per batch of $BATCH, on / off | $(cpu_per_req batch-on) / $(cpu_per_req batch-off) ms |
| records written by "on", chain intact, verified in | ${records_on}, ${intact_on}, ${chain_s} s |
| records and transactions of "on" | ${commits_on} |
| database size, default record (verdict, statuses, digest) | ${size_on} |
| the same after SHUTDOWN COMPACT (live data) | ${compact_on} |
| batch of $BATCH with keep-answer-text=true | $(rps batch-text) req/s = $(cand batch-text) candidates/s, p50/p99 $(lat batch-text) |
| single assessment with keep-answer-text=true | $(rps single-text) req/s |
| database size with keep-answer-text=true | ${size_text} |
| the same after SHUTDOWN COMPACT (live data) | ${compact_text} |
| server "on" RSS after its runs | $(( rss_on / 1024 )) MiB |
| errors | $(for f in single-on-1 single-off-1 batch-on batch-off batch-text single-text; do echo -n "$f: $(errors $f) "; done) |
REPORT
