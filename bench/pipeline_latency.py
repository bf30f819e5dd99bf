"""End-to-end latency of submissions on a running local stack (`./xinbao up` first).

    python bench/pipeline_latency.py [--items 20] [--intake http://127.0.0.1:8001]

Logs in as a demo unit head (who may submit directly), submits items one at a time through
intake's API and measures, for each,
the time until intake shows its score, ledger entries and the author's score notification
(i.e. the full hop intake → scoring → incentives/notify → intake). Prints p50, p95, max.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import httpx

BODY = (
    "截至11月20日，河山镇已收购秋粮1.2万吨，占年度计划的56%，同比增长12%。\n\n"
    "一是设立收购点8个，覆盖全镇23个行政村。二是引入烘干设备3台，日烘干能力达到300吨。\n\n"
    "通过以上措施，秋粮收购进度比去年同期提前10天。"
)


def processed(client: httpx.Client, sid: str) -> bool:
    down = client.get(f"/submissions/{sid}").json()["downstream"]
    kinds = {n["kind"] for n in down["notifications"]}
    return bool(down["score"] and down["ledger"] and "score" in kinds)


def measure_one(client: httpx.Client, unit: str, n: int) -> float:
    began = time.perf_counter()
    item = {"unit_id": unit, "title": f"秋粮收购进度（测量{n}）", "body": BODY, "draft": False}
    response = client.post("/submissions", json=item)
    response.raise_for_status()
    sid = response.json()["submission_id"]
    while not processed(client, sid):
        if time.perf_counter() - began > 60:
            raise TimeoutError(f"item {sid} not processed within 60 s")
        time.sleep(0.02)
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--intake", default="http://127.0.0.1:8001")
    parser.add_argument("--unit", default="jn-lj-dx-qs", help="a demo township")
    parser.add_argument("--person", default="jn-lj-dx-qs.pengbo", help="the township's unit head")
    parser.add_argument("--password", default="xinbao-demo")
    args = parser.parse_args()
    with httpx.Client(base_url=args.intake, timeout=10.0) as client:
        login = client.post("/auth/login", json={"person_id": args.person, "password": args.password})
        login.raise_for_status()
        client.headers["Authorization"] = f"Bearer {login.json()['token']}"
        seconds = [measure_one(client, args.unit, n) for n in range(args.items)]
    ordered = sorted(seconds)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(f"items {len(seconds)}  p50 {statistics.median(seconds) * 1000:.0f} ms  "
          f"p95 {p95 * 1000:.0f} ms  max {max(seconds) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
