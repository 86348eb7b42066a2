#!/usr/bin/env bash
# A/B of two server configurations (issue 11: group commit), e.g.
#   A_PROPS=--il7cds.records.gather-wait=0ms B_PROPS=--il7cds.records.gather-wait=6ms bench/ab.sh 3 20s 120s
# Starts both packaged servers (embedded H2, each its own data directory), warms each, then alternates rounds of
# single assessments (wrk -t2 -c16); prints req/s, server CPU per request (user + system) and the commits made.
# A_JAR / B_JAR (default api/target/il7cds-api.jar) compare two builds; BODYF=batch.json
# PATHX=/v1/eligibility/assessments/batch measures batches of 100 instead.
# usage: A_PROPS="..." B_PROPS="..." ab.sh [rounds] [duration] [warm]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f api/target/il7cds-api.jar ] || mvn -q -B -ntp package -DskipTests
ROUNDS=${1:-3}; D=${2:-20s}; WARM=${3:-90s}; BODYF=${BODYF:-single.json}; PATHX=${PATHX:-/v1/eligibility/assessments}
W=$(mktemp -d); mkdir -p $W/a $W/b
python3 bench/load/bodies.py $W 100
export KEY="il7_bench_0123456789abcdef0123456789abcdef01234567"
HASH="sha256:$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)"
declare -A PID PORT
trap 'for p in "${PID[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$W"' EXIT
start() { local n=$1 port=$2 jar=$3; shift 3
  java @api/jvm.options -jar "$jar" --server.port=$port --il7cds.data-dir=$W/$n \
    "--il7cds.security.api-keys[0].client-id=bench" "--il7cds.security.api-keys[0].hash=$HASH" \
    "--il7cds.security.api-keys[0].roles=screener,auditor" --il7cds.rate-limit.enabled=false "$@" > $W/$n.log 2>&1 &
  PID[$n]=$!; PORT[$n]=$port
  until curl -sf -o /dev/null -H "Authorization: ApiKey $KEY" -H 'Content-Type: application/json' --data-binary @$W/single.json http://127.0.0.1:$port/v1/eligibility/assessments; do sleep 0.2; done; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { local out=$1 n=$2 d=$3; local t0; t0=$(ticks ${PID[$n]})
  BODY=$W/$BODYF wrk -t2 -c16 -d$d --latency -s bench/load/post.lua http://127.0.0.1:${PORT[$n]}$PATHX > $W/$out.txt
  local t1; t1=$(ticks ${PID[$n]})
  local reqs; reqs=$(grep -Eo '[0-9]+ requests in' $W/$out.txt | cut -d' ' -f1)
  echo "$out $(grep Requests/sec $W/$out.txt | awk '{print $2}') req/s, cpu $(python3 -c "print(f'{($t1-$t0)/100*1e6/$reqs:.0f}')") us/req, p50 $(grep -E '^ +50%' $W/$out.txt | awk '{print $2}') $(grep -E 'Non-2xx|Socket' $W/$out.txt | tr '\n' ' ')"; }
start a 18481 "${A_JAR:-api/target/il7cds-api.jar}" ${A_PROPS:-}
start b 18482 "${B_JAR:-api/target/il7cds-api.jar}" ${B_PROPS:-}
run warm-a a $WARM >/dev/null; run warm-b b $WARM > /dev/null
for r in $(seq 1 $ROUNDS); do run a$r a $D; run b$r b $D; done
for n in a b; do kill ${PID[$n]}; wait ${PID[$n]} 2>/dev/null || true; unset "PID[$n]"; grep -ho 'decision recorder closed: .*' $W/$n.log | sed "s/^/$n: /"; done
