#!/usr/bin/env python3
"""An experiment, not part of the product: replays the native queries the control plane sent to
Druid for a tenant's widgets (read from the broker's request log) on another table, as the
operator, with Druid's caches off. Prints each query's time, an md5 of its answer (equal md5 =
the same answer, sketches included) and each widget's sum.

  python3 bench/replay-widgets.py TABLE ROUNDS SINCE WIDGET=UNTIL [WIDGET=UNTIL ...]

SINCE and each UNTIL are UTC times (HH:MM:SS.mmm) of today's request log: the queries of the first
widget are those logged from SINCE to its UNTIL, the next widget's up to its own UNTIL, and so on.
Only queries of tenant bench-query-50m with a control-plane query id are replayed; the table
`events` in them is replaced by TABLE, and the tenant's row policy by its own filter (already in
every query the control plane sends). How it was used: docs/benchmarks.md, "A summary datasource
for the split widgets, measured".
"""
import base64, datetime, hashlib, json, os, sys, time, urllib.request

table, rounds, since = sys.argv[1], int(sys.argv[2]), sys.argv[3]
widgets = [tuple(w.split("=", 1)) for w in sys.argv[4:]]
log = os.path.join(".canopy/logs/druid-requests", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d.log"))
broker = os.environ["DRUID_BROKER_URL"]
auth = "Basic " + base64.b64encode(
    f'{os.environ["DRUID_OPERATOR_USER"]}:{os.environ["DRUID_OPERATOR_PASSWORD"]}'.encode()).decode()


def widget(at):
    for name, until in widgets:
        if at < until:
            return name
    return None


def retable(ds):
    if ds["type"] == "restrict":
        return retable(ds["base"])
    if ds["type"] == "table" and ds["name"] == "events":
        return {"type": "table", "name": table}
    if ds["type"] == "query":
        ds["query"]["dataSource"] = retable(ds["query"]["dataSource"])
    return ds


queries = []
for line in open(log):
    fields = line.rstrip("\n").split("\t")
    at = fields[0][11:23]
    if '"queryType"' not in fields[-1] or at < since or widget(at) is None:
        continue
    q = json.loads(fields[-1])
    if "bench-query-50m" in fields[-1] and q.get("context", {}).get("sqlQueryId", "").startswith("canopy-"):
        queries.append((widget(at), q))

for r in range(rounds):
    sums = {}
    for name, logged in queries:
        q = json.loads(json.dumps(logged))
        q["dataSource"] = retable(q["dataSource"])
        q["context"] = {"useCache": False, "populateCache": False, "timeout": 120000}
        req = urllib.request.Request(broker + "/druid/v2", json.dumps(q).encode(),
                                     {"Content-Type": "application/json", "Authorization": auth})
        start = time.perf_counter()
        body = urllib.request.urlopen(req, timeout=130).read()
        ms = (time.perf_counter() - start) * 1000
        sums[name] = sums.get(name, 0) + ms
        print(f"{table}\tround {r}\t{name}\t{q['queryType']}\t{ms:7.0f} ms\tmd5 {hashlib.md5(body).hexdigest()[:8]}",
              flush=True)
    print(f"{table}\tround {r}\tSUMS " + "  ".join(f"{k} {v:,.0f} ms" for k, v in sums.items()), flush=True)
