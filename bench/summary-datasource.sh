#!/usr/bin/env bash
# An experiment, not part of the product: batch-loads the query benchmark's history (loaded by
# `bin/canopy bench --only query --load-only`) a second time, into a summary datasource with only
# the dimensions tenant, event, country and device and the events supervisor's metrics, at a
# query granularity of MINUTE or HOUR.
#   bench/summary-datasource.sh MINUTE events_summary [events in the history (50000000)]
#   bench/summary-datasource.sh HOUR events_summary_hour
# The spec is the history task's own (same files, PII input format and metrics), read back from
# the Overlord. Prints the task's time and the datasource's rows, segments and bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
granularity=${1:?MINUTE or HOUR}
datasource=${2:?datasource name}
expected=${3:-50000000}
eval "$(bin/canopy env)"
auth=(-u "$DRUID_OPERATOR_USER:$DRUID_OPERATOR_PASSWORD")
overlord=$DRUID_ROUTER_URL/druid/indexer/v1   # the router proxies the Overlord
sql() { curl -sf "${auth[@]}" -X POST "$DRUID_BROKER_URL/druid/v2/sql" -H 'Content-Type: application/json' -d "$1"; }

history=$(curl -sf "${auth[@]}" "$overlord/tasks?datasource=events&state=complete&max=50" \
  | jq -r '[.[] | select(.id | startswith("canopy-bench-history-")) | select(.statusCode == "SUCCESS")][0].id')
[ "$history" != null ] || { echo "no successful history load found: run bin/canopy bench --only query --load-only" >&2; exit 1; }
task="canopy-summary-$datasource-$(date +%s)"
curl -sf "${auth[@]}" "$overlord/task/$history" | jq --arg id "$task" --arg ds "$datasource" --arg g "$granularity" '
  .payload | {type, id: $id, spec: {
    dataSchema: (.spec.dataSchema | .dataSource = $ds
      | .dimensionsSpec.dimensions = ["tenant", "event", "country", "device"]
      | .granularitySpec.queryGranularity = $g | del(.projections)),
    ioConfig: .spec.ioConfig, tuningConfig: .spec.tuningConfig}}' \
  | curl -sf "${auth[@]}" -X POST "$overlord/task" -H 'Content-Type: application/json' -d @- >/dev/null
echo "submitted $task (from $history)"
while :; do
  status=$(curl -sf "${auth[@]}" "$overlord/task/$task/status" | jq -r '.status.status')
  [ "$status" = RUNNING ] || break
  sleep 10
done
curl -sf "${auth[@]}" "$overlord/task/$task/status" | jq -c '.status | {status, duration_ms: .duration}'
[ "$status" = SUCCESS ] || exit 1
deadline=$((SECONDS + 1800))
until [ "$(sql '{"query":"SELECT SUM(\"count\") AS e FROM \"'"$datasource"'\""}' | jq '.[0].e // 0')" -ge "$expected" ]; do
  [ $SECONDS -lt $deadline ] || { echo "the historicals did not serve $expected events of $datasource in 30 minutes" >&2; exit 1; }
  sleep 5
done
# Rows counted, not read from sys.segments: its num_rows lags for segments just loaded.
sql '{"query":"SELECT COUNT(*) AS n_rows, SUM(\"count\") AS n_events FROM \"'"$datasource"'\""}' | jq -c '.[0]'
sql '{"query":"SELECT COUNT(*) AS n_segments, SUM(\"size\") AS n_bytes FROM sys.segments WHERE is_active = 1 AND datasource = '\'"$datasource"\''"}' | jq -c '.[0]'
