"""End-to-end: the workshop built in moto as a student would, complete and
with the mistakes students make; the real labcheck binary reads it through
the AWS SDK and must give the expected verdict.

Usage: scenarios.py ENDPOINT LABCHECK_BINARY
Prints one line per scenario and ends with "N passed, M failed".
"""

import json
import os
import subprocess
import sys
import tempfile
import urllib.request

import harness
import workshop

POLICY = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "iam", "labcheck-readonly.json")

# scenario -> (exit code, {check: status} for every check that does not pass).
# Probes are skipped with an endpoint and do not count.
PROBES = {"invoke-url": "skipped", "website-reachable": "skipped"}
SCENARIOS = {
    "complete": (0, {}),
    "wrong-partition-key": (1, {"partition-key": "fail"}),
    "table-underscore": (1, {"table-exists": "fail", "table-active": "skipped", "partition-key": "skipped",
                             "role-can-put-item": "skipped", "table-has-items": "skipped"}),
    "table-in-us-east-1": (1, {"table-exists": "fail", "table-active": "skipped", "partition-key": "skipped",
                               "role-can-put-item": "skipped", "table-has-items": "skipped"}),
    "power-user": (1, {"admin-user-exists": "fail"}),
    "nodejs-runtime": (1, {"runtime-python": "fail"}),
    "default-role": (1, {"execution-role": "fail", "role-trusts-lambda": "skipped", "role-can-put-item": "skipped"}),
    "role-streams-policy": (1, {"role-can-put-item": "fail"}),
    "role-explicit-deny": (1, {"role-can-put-item": "fail"}),
    "non-proxy-integration": (1, {"lambda-proxy": "fail"}),
    "missing-invoke-permission": (1, {"invoke-permission": "fail"}),
    "no-cors": (1, {"options-method": "fail", "allow-origin": "skipped", "allow-get": "skipped"}),
    "cors-without-get": (1, {"allow-get": "fail"}),
    "stage-prod": (1, {"stage-dev": "fail", "index-calls-api": "pass"}),
    "block-public-access-on": (1, {"public-access-unblocked": "fail", "public-read-policy": "fail"}),
    "policy-bucket-arn-only": (1, {"public-read-policy": "fail"}),
    "no-website": (1, {"website-index": "fail"}),
    # Same-named resources: the engine binds the built one and says so.
    "two-apis": (0, {}),
    "two-buckets": (0, {}),
}

# scenario -> the code of the note the report must carry.
NOTES = {
    "two-apis": "engine.candidates.api-called",
    "two-buckets": "engine.candidates.bucket-best",
}

MESSAGES = {
    "wrong-partition-key": ("partition-key", "partition key is `id` (S); expected `name` (S)"),
    "table-underscore": ("table-exists", "did you mean `hello_member`?"),
    "power-user": ("admin-user-exists", "PowerUserAccess"),
    "table-in-us-east-1": ("table-exists", "table `hello-member` is in us-east-1; the lab expects ap-northeast-2"),
    "role-explicit-deny": ("role-can-put-item", "explicit Deny"),
    "policy-bucket-arn-only": ("public-read-policy", "names the bucket, not its objects"),
    "stage-prod": ("stage-dev", "stages: `prod`"),
}


def reset(endpoint):
    harness.reset_moto(endpoint)


def labcheck(binary, endpoint, *args):
    env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
               AWS_REGION=workshop.REGION, NO_COLOR="1", LABCHECK_LANG="en")
    env.pop("AWS_PROFILE", None)
    return subprocess.run([binary, *args, "--endpoint-url", endpoint], env=env,
                          capture_output=True, text=True, timeout=120)


def statuses(report):
    return {c["id"]: c["status"] for s in report["steps"] for c in s["checks"]}


def check_scenario(name, endpoint, binary, allowed):
    reset(endpoint)
    workshop.build(endpoint, None if name == "complete" else name)
    run = labcheck(binary, endpoint, "verify", "serverless", "--output", "json", "--verbose")
    problems = []
    code, expected = SCENARIOS[name]
    if run.returncode != code:
        problems.append(f"exit {run.returncode}, expected {code}; stderr: {run.stderr.strip()[:500]}")
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        return problems + [f"not JSON: {run.stdout[:300]}"]
    got = statuses(report)
    want = {check: "pass" for check in got}
    want.update(PROBES)
    want.update(expected)
    for check, status in want.items():
        if got.get(check) != status:
            problems.append(f"{check} is {got.get(check)}, expected {status}")
    if name in NOTES:
        codes = [n["code"] for n in report.get("notes", [])]
        if NOTES[name] not in codes:
            problems.append(f"notes are {codes}, expected {NOTES[name]}")
    elif report.get("notes"):
        problems.append(f"unexpected notes: {report['notes']}")
    if name in MESSAGES:
        check, text = MESSAGES[name]
        message = next(c["message"] for s in report["steps"] for c in s["checks"] if c["id"] == check)
        if text not in message:
            problems.append(f"{check} says {message!r}; expected it to contain {text!r}")
    # Least privilege: every call made is one the shipped policy allows.
    used = {line.split()[1] for line in run.stderr.splitlines() if line.startswith("  ")}
    if not used:
        problems.append("--verbose listed no calls")
    for action in sorted(used - allowed):
        problems.append(f"called {action}, which docs/iam/labcheck-readonly.json does not list")

    # A snapshot replayed on the simulator gives the same verdict.
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "snapshot.toml")
        snap = labcheck(binary, endpoint, "snapshot", "serverless", path)
        if snap.returncode != 0:
            problems.append(f"snapshot exit {snap.returncode}: {snap.stderr.strip()[:300]}")
        else:
            replay = subprocess.run([binary, "verify", "serverless", "--sim", path, "--output", "json"],
                                    capture_output=True, text=True, timeout=60)
            if replay.returncode != run.returncode:
                problems.append(f"snapshot replays with exit {replay.returncode}, live gave {run.returncode}")
            try:
                if statuses(json.loads(replay.stdout)) != got:
                    problems.append("snapshot replays to different statuses than the live run")
            except json.JSONDecodeError:
                problems.append(f"snapshot replay is not JSON: {replay.stderr[:300]}")
    return problems


def main():
    endpoint, binary = sys.argv[1], sys.argv[2]
    with open(POLICY) as f:
        allowed = set(json.load(f)["Statement"][0]["Action"])
    return harness.run_cases(SCENARIOS, lambda name: check_scenario(name, endpoint, binary, allowed))


if __name__ == "__main__":
    sys.exit(main())
