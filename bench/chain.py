"""The longest chain of requests in a proxy log where each one started only
after the one before it had ended: the calls that waited for one another.

Usage: chain.py LOG_FILE -> prints "calls N chain M"
"""

import json
import sys

requests = [json.loads(line) for line in open(sys.argv[1])]
requests.sort(key=lambda r: r["start"])
# Scheduling jitter of a few milliseconds is not a dependency.
SLACK = 0.005
longest = []
for i, r in enumerate(requests):
    before = [longest[j] for j in range(i) if requests[j]["end"] <= r["start"] + SLACK]
    longest.append(1 + max(before, default=0))
print(f"calls {len(requests)} chain {max(longest, default=0)}")
