"""End-to-end for `serverless-backend` with moto's IAM enforcement on (see
enforced.py, whose moto and reader user this reuses): the finished lab is read
by a user holding only the shipped read-only policy, which must be enough for
every check; then with one read denied, only the checks that needed it are
`error` (naming the action), never `pass` or `fail`.

Usage: backend_enforced.py LABCHECK_BINARY
"""

import json
import os
import subprocess
import sys

import backend
import enforced
import harness
import workshop

# case -> (extra Deny for the reader, {check: status} for the checks that do
# not pass, the action the error must name)
CASES = {
    "the shipped policy is enough": (None, {}, None),
    "DescribeLogGroups": (
        {"Action": "logs:DescribeLogGroups", "Resource": "*"},
        {"log-group-exists": "error", "log-stream-exists": "skipped"},
        "logs:DescribeLogGroups",
    ),
    "DescribeLogStreams": (
        {"Action": "logs:DescribeLogStreams", "Resource": "*"},
        {"log-stream-exists": "error"},
        "logs:DescribeLogStreams",
    ),
    # moto names API Gateway's GET /account `apigateway:GetAccount` (AWS: apigateway:GET).
    "API Gateway GET /account": (
        {"Action": "apigateway:GetAccount", "Resource": "*"},
        {"apigw-logs-role": "error", "apigw-logs-role-trusted": "skipped", "apigw-logs-role-can-push": "skipped"},
        "apigateway:GET",
    ),
}


def run_case(endpoint, binary, name):
    deny, expected, action = CASES[name]
    enforced.enforce(endpoint, False)
    enforced.post(endpoint, "/moto-api/reset")
    backend.build(endpoint)
    key_id, secret = enforced.reader(endpoint, deny)
    enforced.enforce(endpoint, True)
    env = dict(os.environ, AWS_ACCESS_KEY_ID=key_id, AWS_SECRET_ACCESS_KEY=secret,
               AWS_REGION=workshop.REGION, NO_COLOR="1", LABCHECK_LANG="en")
    env.pop("AWS_PROFILE", None)
    env.pop("AWS_SESSION_TOKEN", None)
    run = subprocess.run([binary, "verify", backend.LAB, "--output", "json", "--endpoint-url", endpoint],
                         env=env, capture_output=True, text=True, timeout=120)
    enforced.enforce(endpoint, False)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        return [f"exit {run.returncode}, no report: {run.stderr.strip()[:400]}"]
    checks = {c["id"]: c for s in report["steps"] for c in s["checks"]}
    got = {check: c["status"] for check, c in checks.items()}
    problems = backend.compare(got, expected)
    for check, status in expected.items():
        if status == "error" and checks[check].get("args", {}).get("action") != action:
            problems.append(f"{check} names {checks[check].get('args')}, expected {action}")
    want_exit = 3 if any(s == "error" for s in expected.values()) else 0
    if run.returncode != want_exit:
        problems.append(f"exit {run.returncode}, expected {want_exit}: {run.stderr.strip()[:300]}")
    return problems


def main():
    binary = os.path.abspath(sys.argv[1])
    server, endpoint = enforced.start_moto()
    try:
        code = harness.run_cases(CASES, lambda name: run_case(endpoint, binary, name),
                                 prefix=f"enforced {backend.LAB}: ", total=f"enforced {backend.LAB}")
        enforced.enforce(endpoint, False)
        return code
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
