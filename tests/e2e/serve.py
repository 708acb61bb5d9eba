"""End-to-end `grade --serve`: a class of six moto accounts (each reached by
assuming its audit role) served live with a short --every. Between rounds
the test fixes one student's mistake in moto (the bucket policy named the
bucket, not its objects) and checks that the JSON endpoint, and the page in
headless Chromium (playwright-core, no reload), show that student's cell
turn to pass; then Ctrl-C (SIGINT) stops it and the outputs are written.

Usage: serve.py ENDPOINT LABCHECK_BINARY [SCREENSHOT_DIR]
Prints one line per check and ends with "N passed, M failed".
"""

import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request


import workshop
from grade import EXTERNAL_ID, INSTRUCTOR, env

CLASS = {
    "s01": None,
    "s02": "policy-bucket-arn-only",
    "s03": "wrong-partition-key",
    "s04": "no-cors",
    "s05": "stage-prod",
    "s06": None,
}
FIXED, CHECK = "s02", "public-read-policy"
HERE = os.path.dirname(os.path.abspath(__file__))

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + str(detail)}", flush=True)


# Accounts of their own (no other script uses 4xx…), new on every run, so
# moto needs no reset: after the other scripts' classes a reset can take
# minutes.
BASE = 400000000000 + (os.getpid() % 10000) * 10


def account_of(n):
    return f"{BASE + n:012d}"


def build_class(endpoint):
    for i, (sid, mistake) in enumerate(CLASS.items(), start=1):
        account = account_of(i)
        credentials = workshop.account_credentials(endpoint, account)
        trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                 "Principal": {"AWS": f"arn:aws:iam::{INSTRUCTOR}:root"}, "Action": "sts:AssumeRole",
                 "Condition": {"StringEquals": {"sts:ExternalId": EXTERNAL_ID}}}]}
        workshop.clients(endpoint, credentials)("iam").create_role(
            RoleName="labcheck-audit", AssumeRolePolicyDocument=json.dumps(trust))
        workshop.build(endpoint, mistake, credentials, account=account, bucket=f"my-bucket-{account}")


def fix_bucket_policy(endpoint, n):
    """What the student does in the console: Resource bucket/* added."""
    s3 = workshop.clients(endpoint, workshop.account_credentials(endpoint, account_of(n)))("s3")
    for bucket in s3.list_buckets()["Buckets"]:
        name = bucket["Name"]
        policy = workshop.public_read([f"arn:aws:s3:::{name}", f"arn:aws:s3:::{name}/*"])
        s3.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))


def roster(path):
    lines = []
    for i, sid in enumerate(CLASS, start=1):
        lines += ["[[student]]", f'id = "{sid}"', f'name = "Student {i}"',
                  f'role_arn = "arn:aws:iam::{account_of(i)}:role/labcheck-audit"',
                  f'external_id = "{EXTERNAL_ID}"', ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


def status(class_json, sid, check_id):
    for s in class_json["students"]:
        if s["id"] == sid:
            for step in s["steps"]:
                for c in step["checks"]:
                    if c["id"] == check_id:
                        return c["status"]
    return None


def lines_of(stream, q):
    for line in stream:
        q.put(line.rstrip("\n"))
    q.put(None)


def main():
    endpoint, binary = sys.argv[1], os.path.abspath(sys.argv[2])
    shots = sys.argv[3] if len(sys.argv) > 3 else None
    build_class(endpoint)
    with tempfile.TemporaryDirectory() as tmp:
        shots = shots or tmp
        path = os.path.join(tmp, "class.toml")
        roster(path)
        csv_path = os.path.join(tmp, "grades.csv")
        proc = subprocess.Popen([binary, "grade", "serverless", "--roster", path, "--endpoint-url", endpoint,
                                 "--serve", "127.0.0.1:0", "--every", "2s", "--stale", "6s", "--csv", csv_path],
                                env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        err = queue.Queue()
        threading.Thread(target=lines_of, args=(proc.stderr, err), daemon=True).start()
        seen = []

        def wait_line(text, timeout=60):
            deadline = time.time() + timeout
            while time.time() < deadline:
                try:
                    line = err.get(timeout=max(0.1, deadline - time.time()))
                except queue.Empty:
                    break
                if line is None:
                    break
                seen.append(line)
                if text in line:
                    return line
            return None

        try:
            line = wait_line("live class view: http://")
            check("--serve prints the URL it listens on", line is not None, seen)
            if line is None:
                return 1
            url = line.split("http://")[1].split()[0]
            base = "http://" + url.rstrip("/")
            check("--serve on 127.0.0.1 needs no token", "token" not in url, url)
            check("round 1 ends with its summary line", wait_line("round 1 ·") is not None, seen)

            slowest = [0.0]

            def get_class():
                started = time.time()
                with urllib.request.urlopen(base + "/api/class", timeout=30) as r:
                    got = json.load(r)
                slowest[0] = max(slowest[0], time.time() - started)
                return got

            first = get_class()
            check(f"{FIXED} starts with {CHECK} failing", status(first, FIXED, CHECK) == "fail",
                  status(first, FIXED, CHECK))
            check("every student graded in round 1", len(first["students"]) == len(CLASS) and
                  all(s["status"] == "graded" for s in first["students"]),
                  [(s["id"], s["status"], s.get("error")) for s in first["students"]])
            complete = {s["id"] for s in first["live"]["students"] if s["complete"]}
            check("the complete students are known", complete == {"s01", "s06"}, complete)
            text = json.dumps(first)
            check("no role ARN or external id is served", ":role/labcheck-audit" not in text and EXTERNAL_ID not in text)

            browser = subprocess.Popen(["node", os.path.join(HERE, "browser", "live.js"), base + "/", FIXED, CHECK, shots],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            ready = browser.stdout.readline()
            check("the page shows the failing cell in Chromium", '"ready"' in ready, ready + browser.stderr.read()[:500] if not ready else ready)

            fix_bucket_policy(endpoint, list(CLASS).index(FIXED) + 1)
            fixed_at = time.time()
            turned = None
            while time.time() < fixed_at + 30:
                if status(get_class(), FIXED, CHECK) == "pass":
                    turned = time.time() - fixed_at
                    break
                time.sleep(0.1)
            check(f"the JSON shows {FIXED}'s {CHECK} turn to pass after the fix", turned is not None)
            if turned is not None:
                print(f"     JSON turned {turned:.1f}s after the fix (rounds every 2s)")
            # s03 never fixes the partition key: after --stale without
            # progress they are marked stuck; complete students never are.
            stuck = set()
            until = time.time() + 20
            while time.time() < until and "s03" not in stuck:
                stuck = {s["id"] for s in get_class()["live"]["students"] if s["stale"]}
                time.sleep(0.5)
            check("a student without progress for --stale is marked stuck", "s03" in stuck and "s01" not in stuck, stuck)
            try:
                out, berr = browser.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                browser.kill()
                out, berr = browser.communicate()
            try:
                page = json.loads(out.strip().splitlines()[-1])
            except (json.JSONDecodeError, IndexError):
                page = {"failure": out[-500:] + berr[-500:]}
            check("the browser ran without failure", "failure" not in page and not page.get("errors"), page)
            check("the page shows a row per student", page.get("rows") == len(CLASS), page.get("rows"))
            check("the worst pass rate stands out", page.get("worst", 0) >= 1, page.get("worst"))
            check("the cell turned to pass in the page without a reload",
                  page.get("turned") and page.get("same_page"), page)
            check("the update kept the scroll position", page.get("scroll_kept"), page)
            check("clicking a student shows their report", page.get("report_checks", 0) == 27, page.get("report_checks"))
            check("the report of a student with mistakes has a hint", "Hint:" in (page.get("report_text") or ""),
                  (page.get("report_text") or "")[:300])
            lags = page.get("lags") or []
            check("the page updated after each round end", len(lags) >= 2, lags)
            if lags:
                print(f"     round end → page update: {lags} ms")
            print(f"     slowest /api/class answer during the test: {slowest[0] * 1000:.0f} ms")
            for name in ("live-1280x800.png", "live-1920x1080.png"):
                p = os.path.join(shots, name)
                check(f"screenshot {name}", os.path.exists(p) and os.path.getsize(p) > 10000)
        finally:
            proc.send_signal(signal.SIGINT)
            # stdout only: stderr is the reader thread's.
            stdout = proc.stdout.read()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        while True:
            try:
                line = err.get(timeout=2)
            except queue.Empty:
                break
            if line is None:
                break
            seen.append(line)
        check("Ctrl-C stops it with grade's exit code (1: some checks fail)", proc.returncode == 1, (proc.returncode, seen[-5:]))
        check("it says it stopped", any("stopped after round" in l for l in seen), seen[-5:])
        check("the gradebook table is printed", "Student 2" in stdout, stdout[:300])
        with open(csv_path) as f:
            rows = f.read()
        check("the CSV has the fixed student at full marks", "s02,Student 2,3,5,8,6,5,7,34,34,100.0" in rows, rows)

    passed, failed = sum(results), len(results) - sum(results)
    print(f"serve e2e: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main() or 0)
