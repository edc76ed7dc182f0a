#!/usr/bin/env bash
# Soak test against a running `bin/canopy up` stack:
#   bench/soak.sh [events/s (5000)] [minutes (30)] [handoff every N minutes (5)]
# A steady rate through the ingest API for the whole time (bin/canopy bench --only capacity, one
# step), a forced handoff of the events supervisor every few minutes, and before/after: the RSS of
# every process, the segments not yet handed off, failed streaming tasks, and any
# OutOfMemoryError or failed merge in the logs. Prints a summary for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-5000}
minutes=${2:-30}
every=${3:-5}
eval "$(bin/canopy env)"

rss() {
  for f in .canopy/run/*.pid; do
    pid=$(cut -d' ' -f1 "$f")
    printf '%-22s %6d MiB\n' "$(basename "$f" .pid)" $(( $(ps -o rss= -p "$pid" 2>/dev/null || echo 0) / 1024 ))
  done
}
sql() {
  curl -s -u "$DRUID_OPERATOR_USER:$DRUID_OPERATOR_PASSWORD" -X POST "$DRUID_BROKER_URL/druid/v2/sql" -H 'Content-Type: application/json' -d "{\"query\":\"$1\"}"
}

echo "== RSS at start"; rss | tee /tmp/canopy-soak-rss-start.txt
start=$(date -u +%FT%TZ)
(
  while sleep $(( every * 60 )); do
    curl -s -u "$DRUID_OPERATOR_USER:$DRUID_OPERATOR_PASSWORD" --max-time 30 -o /dev/null -w "handoff requested at $(date -u +%T): HTTP %{http_code}\n" -X POST \
      "$DRUID_ROUTER_URL/druid/indexer/v1/supervisor/events/taskGroups/handoff" \
      -H 'Content-Type: application/json' -d '{"taskGroupIds":[0]}'
  done
) &
handoffs=$!
trap 'kill $handoffs 2>/dev/null || true' EXIT
bin/canopy bench --only capacity --rates "$rate" --step-seconds $(( minutes * 60 ))
kill $handoffs 2>/dev/null || true
echo "== RSS at end"; rss | tee /tmp/canopy-soak-rss-end.txt
echo "== segments by state (events)"
sql "SELECT is_published, is_realtime, is_available, COUNT(*) AS segments, SUM(num_rows) AS row_count FROM sys.segments WHERE datasource = 'events' GROUP BY 1, 2, 3"
echo
echo "== streaming tasks since $start"
sql "SELECT status, COUNT(*) AS tasks FROM sys.tasks WHERE type = 'index_kafka' AND created_time >= '$start' GROUP BY 1"
echo
echo "== OutOfMemoryError or failed merges in the logs"
grep -c -E 'OutOfMemoryError|Failed to push merged index' .canopy/logs/*.log || true
