"""Load test for `grade --serve` on loopback: CLIENTS concurrent event-stream
clients for SECONDS (bounded in both), against a class of 40 snapshot
students (the simulator's fixtures, no AWS) graded every second.

Measures and checks:
  - every client receives every round's end (the same set of rounds as a
    client that watched the whole time, minus none);
  - the server keeps answering /api/class during the load (latency p50/max);
  - the server's RSS (from /proc) stays bounded: printed at rest, the peak
    under load, and after the clients left.

Usage: python3 bench/serve-load.py LABCHECK_BINARY [CLIENTS=200] [SECONDS=30]
Exit 0 when every check passed.
"""

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "fixtures", "serverless")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


async def sse_client(host, port, ends, stop):
    """Counts the round ends (grading false) it is told of, by round."""
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET /api/events HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    try:
        while not stop.is_set():
            line = await asyncio.wait_for(reader.readline(), timeout=20)
            if not line:
                break
            if line.startswith(b"data: "):
                update = json.loads(line[6:])
                if not update["grading"]:
                    ends.add(update["round"])
    except (asyncio.TimeoutError, ConnectionError):
        pass
    finally:
        writer.close()


async def prober(host, port, stop, latencies, failures):
    while not stop.is_set():
        started = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection(host, port)
            writer.write(f"GET /api/class HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
            await writer.drain()
            body = await asyncio.wait_for(reader.read(), timeout=10)
            writer.close()
            if b" 200 " not in body.split(b"\r\n", 1)[0]:
                failures.append(body[:80])
            else:
                latencies.append(time.perf_counter() - started)
        except (OSError, asyncio.TimeoutError) as e:
            failures.append(str(e))
        await asyncio.sleep(0.5)


async def load(host, port, pid, clients, seconds):
    stop = asyncio.Event()
    ends = [set() for _ in range(clients)]
    tasks = [asyncio.create_task(sse_client(host, port, ends[i], stop)) for i in range(clients)]
    latencies, failures, rss = [], [], []
    probe = asyncio.create_task(prober(host, port, stop, latencies, failures))
    started = time.time()
    while time.time() - started < seconds:
        rss.append(rss_kib(pid))
        await asyncio.sleep(1)
    stop.set()
    # A client leaves at its next line (an event within a second or the 15 s keep-alive).
    await asyncio.wait(tasks + [probe], timeout=20)
    for t in tasks:
        t.cancel()
    return ends, latencies, failures, rss


def main():
    binary = os.path.abspath(sys.argv[1])
    clients = min(int(sys.argv[2]) if len(sys.argv) > 2 else 200, 1000)
    seconds = min(int(sys.argv[3]) if len(sys.argv) > 3 else 30, 300)
    fixtures = sorted(f for f in os.listdir(FIXTURES) if f.endswith(".toml"))
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "class.toml"), "w") as f:
            for i in range(40):
                f.write(f'[[student]]\nid = "s{i + 1:02d}"\nname = "Student {i + 1}"\n'
                        f'snapshot = "{os.path.join(FIXTURES, fixtures[i % len(fixtures)])}"\n\n')
        proc = subprocess.Popen([binary, "grade", "serverless", "--roster", "class.toml", "--serve", "127.0.0.1:0",
                                 "--every", "1s"], cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True, env=dict(os.environ, LABCHECK_LANG="en"))
        try:
            line = proc.stderr.readline()
            m = re.search(r"http://([\d.]+):(\d+)/", line)
            if not m:
                print("no URL:", line)
                return 1
            host, port = m.group(1), int(m.group(2))
            time.sleep(2)
            at_rest = rss_kib(proc.pid)
            ends, latencies, failures, rss = asyncio.run(load(host, port, proc.pid, clients, seconds))
            time.sleep(2)
            after = rss_kib(proc.pid)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    # A round that ended while every client was connected must reach all:
    # the rounds seen by any client, less the first and last (clients were
    # still connecting or already leaving).
    every = set().union(*ends)
    inner = set(range(min(every) + 1, max(every))) if every else set()
    missed = [i for i, e in enumerate(ends) if not inner <= e]
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000 if latencies else float("nan")
    worst = latencies[-1] * 1000 if latencies else float("nan")
    print(f"{clients} event-stream clients for {seconds}s, class of 40 regraded every 1s")
    print(f"round ends seen: {len(inner)} rounds ({min(every) if every else '-'}..{max(every) if every else '-'}); "
          f"clients that missed one: {len(missed)}")
    print(f"/api/class during load: {len(latencies)} answered, {len(failures)} failed, p50 {p50:.1f} ms, max {worst:.1f} ms")
    print(f"RSS: at rest {at_rest / 1024:.1f} MiB, peak under load {max(rss) / 1024:.1f} MiB, after {after / 1024:.1f} MiB")
    ok = inner and not missed and not failures and len(latencies) > seconds and max(rss) < 200 * 1024
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
