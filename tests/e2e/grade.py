"""End-to-end grading: a class of accounts in one moto server, each reached
by assuming a role into it, in different states; graded through a roster of
role ARNs (and one student who cannot be reached). Checks every student's
verdict, the CSV, the JSON, and a resume after a kill.

Usage: grade.py ENDPOINT LABCHECK_BINARY
Prints one line per check and ends with "N passed, M failed".
"""

import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request


import workshop

INSTRUCTOR = "123456789012"
EXTERNAL_ID = "class-2026"
# student id -> (mistake or None, checks expected not to pass)
CLASS = {
    "s01": (None, {}),
    "s02": ("wrong-partition-key", {"partition-key": "fail"}),
    "s03": ("power-user", {"admin-user-exists": "fail"}),
    "s04": ("nodejs-runtime", {"runtime-python": "fail"}),
    "s05": ("role-streams-policy", {"role-can-put-item": "fail"}),
    "s06": ("non-proxy-integration", {"lambda-proxy": "fail"}),
    "s07": ("no-cors", {"options-method": "fail", "allow-origin": "skipped", "allow-get": "skipped"}),
    "s08": ("stage-prod", {"stage-dev": "fail"}),
    "s09": ("block-public-access-on", {"public-access-unblocked": "fail", "public-read-policy": "fail"}),
    "s10": ("policy-bucket-arn-only", {"public-read-policy": "fail"}),
    "s11": ("no-website", {"website-index": "fail"}),
    "s12": (None, {}),
}
PROBES = {"invoke-url": "skipped", "website-reachable": "skipped"}

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + detail}")


def account_of(n):
    return f"{100000000000 + n:012d}"


def build_class(endpoint):
    urllib.request.urlopen(urllib.request.Request(endpoint + "/moto-api/reset", method="POST"), timeout=120)
    for i, (sid, (mistake, _)) in enumerate(CLASS.items(), start=1):
        account = account_of(i)
        credentials = workshop.account_credentials(endpoint, account)
        iam = workshop.clients(endpoint, credentials)("iam")
        trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                 "Principal": {"AWS": f"arn:aws:iam::{INSTRUCTOR}:root"}, "Action": "sts:AssumeRole",
                 "Condition": {"StringEquals": {"sts:ExternalId": EXTERNAL_ID}}}]}
        iam.create_role(RoleName="labcheck-audit", AssumeRolePolicyDocument=json.dumps(trust))
        workshop.build(endpoint, mistake, credentials, account=account, bucket=f"my-bucket-{account}")


def roster(path):
    lines = []
    for i, sid in enumerate(CLASS, start=1):
        lines += ["[[student]]", f'id = "{sid}"', f'name = "Student {i}"',
                  f'role_arn = "arn:aws:iam::{account_of(i)}:role/labcheck-audit"', f'external_id = "{EXTERNAL_ID}"', ""]
    lines += ["[[student]]", 'id = "s13"', 'name = "No Profile"', 'profile = "labcheck-e2e-no-such-profile"', ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


def render(html, tmp):
    """The page as headless Chromium leaves it after loading (the DOM)."""
    for browser in ("chromium", "chromium-browser", "google-chrome"):
        try:
            done = subprocess.run(
                [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp}/chromium", "--dump-dom", f"file://{html}"],
                capture_output=True, text=True, timeout=120)
        except FileNotFoundError:
            continue
        return done.stdout
    return None


def env():
    e = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
             AWS_REGION=workshop.REGION, NO_COLOR="1", LABCHECK_LANG="en")
    e.pop("AWS_PROFILE", None)
    return e


def main():
    endpoint, binary = sys.argv[1], os.path.abspath(sys.argv[2])
    build_class(endpoint)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "class.toml")
        roster(path)
        csv_path, journal = os.path.join(tmp, "grades.csv"), os.path.join(tmp, "class.serverless.journal.jsonl")
        html_path = os.path.join(tmp, "grades.html")
        run = subprocess.run([binary, "grade", "serverless", "--roster", path, "--endpoint-url", endpoint,
                              "--output", "json", "--csv", csv_path, "--html", html_path,
                              "--feedback-dir", os.path.join(tmp, "feedback")],
                             env=env(), capture_output=True, text=True, timeout=600)
        check("grade exits 3 (one student cannot be graded)", run.returncode == 3, f"exit {run.returncode}: {run.stderr[:400]}")
        try:
            book = json.loads(run.stdout)
        except json.JSONDecodeError:
            check("gradebook JSON parses", False, run.stdout[:300] + run.stderr[:300])
            return
        students = {s["id"]: s for s in book["students"]}
        check("every student is in the gradebook, in roster order", [s["id"] for s in book["students"]] == list(CLASS) + ["s13"])
        for sid, (_, expected) in CLASS.items():
            s = students[sid]
            got = {c["id"]: c["status"] for st in s["steps"] for c in st["checks"]}
            want = {c: "pass" for c in got}
            want.update(PROBES)
            want.update(expected)
            wrong = {c: (got.get(c), w) for c, w in want.items() if got.get(c) != w}
            check(f"{sid} graded as expected", s["status"] == "graded" and not wrong and len(got) == 27,
                  f"status {s['status']} {s.get('error')}; differences {wrong}")
        s13 = students["s13"]
        check("the unreachable student is an error with the reason", s13["status"] == "error" and "profile" in (s13["error"] or ""), str(s13))
        rates = {c["id"]: (c["passed"], c["total"]) for c in book["summary"]["checks"]}
        check("summary counts graded students per check", rates.get("partition-key") == (11, 12) and rates.get("caller-not-root") == (12, 12), str(rates))
        with open(csv_path) as f:
            rows = list(csv.DictReader(f))
        check("CSV has a row per student", [r["id"] for r in rows] == list(CLASS) + ["s13"], str([r["id"] for r in rows]))
        s02 = next(r for r in rows if r["id"] == "s02")
        check("CSV step points and total", s02["dynamodb-table"] == "3" and s02["total"] == "32" and s02["possible"] == "34", str(s02))
        check("CSV marks the error", next(r for r in rows if r["id"] == "s13")["status"] == "error")
        check("feedback file per student", len(os.listdir(os.path.join(tmp, "feedback"))) == 13)
        rendered = render(html_path, tmp)
        if rendered is None:
            check("HTML gradebook renders in headless Chromium", False, "chromium is not installed")
        else:
            rows = rendered.count('class="student"')
            cells = rendered.count('class="cell ')
            check("HTML gradebook renders in headless Chromium with a row per student",
                  rows == 13 and cells >= 12 * 27, f"{rows} student rows, {cells} cells")

        # Resume after a kill: one student at a time, killed once a few are journaled.
        os.remove(journal)
        proc = subprocess.Popen([binary, "grade", "serverless", "--roster", path, "--endpoint-url", endpoint,
                                 "--concurrency", "1", "--output", "json"], env=env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while time.time() < deadline:
            if os.path.exists(journal) and sum(1 for _ in open(journal)) >= 4:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        before = [json.loads(line)["id"] for line in open(journal) if line.strip().endswith("}")]
        check("the killed run journaled some students", 4 <= len(before) < 13, str(before))
        resumed = subprocess.run([binary, "grade", "serverless", "--roster", path, "--endpoint-url", endpoint,
                                  "--resume", "--output", "json"], env=env(), capture_output=True, text=True, timeout=600)
        after = [json.loads(line)["id"] for line in open(journal) if line.strip()]
        check("resume grades only the rest", sorted(after) == sorted(list(CLASS) + ["s13"]) and len(after) == 13,
              f"journal ids {after}")
        try:
            again = json.loads(resumed.stdout)
            check("resumed gradebook has the whole class", len(again["students"]) == 13 and
                  {s["id"]: s["status"] for s in again["students"]} == {s["id"]: s["status"] for s in book["students"]})
        except json.JSONDecodeError:
            check("resumed gradebook parses", False, resumed.stderr[:300])

        access = subprocess.run([binary, "grade", "serverless", "--roster", path, "--endpoint-url", endpoint,
                                 "--check-access"], env=env(), capture_output=True, text=True, timeout=300)
        check("--check-access lists who is not reachable", access.returncode == 3 and "12 of 13 students reachable" in access.stdout,
              access.stdout[-500:] + access.stderr[-300:])

    passed, failed = sum(results), len(results) - sum(results)
    print(f"grade e2e: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main() or 0)
