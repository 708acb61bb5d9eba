"""End-to-end with moto's IAM enforcement on: the workshop is built, then
labcheck reads it as a `reader` user whose policy is the shipped read-only
policy plus one explicit Deny. Each refusal must make only the checks that
needed it `error` (or skip what depends on them), never `pass` or `fail`;
every other check is graded as usual.

moto enforces IAM only after `POST /moto-api/reset-auth` (the body is how
many more requests it lets through unchecked), for the whole server: this
script starts a moto of its own (moto_enforcing.py, on 127.0.0.1) and stops
it when done.

Usage: enforced.py LABCHECK_BINARY
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import boto3

import harness
import workshop

POLICY = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "iam", "labcheck-readonly.json")
PROBES = {"invoke-url": "skipped", "website-reachable": "skipped"}
ROLE_CHECKS = {"role-can-put-item"}
TABLE_CHECKS = {"table-active": "skipped", "partition-key": "skipped", "role-can-put-item": "skipped",
                "table-has-items": "skipped"}

# case -> (extra Deny statement for the reader, setup in the student's account
# beyond the workshop, {check: status} for the checks that do not pass, the
# action the error must name).
CASES = {
    "GetRolePolicy": (
        {"Action": "iam:GetRolePolicy", "Resource": "*"},
        "inline-policy",
        {"role-can-put-item": "error"},
        "iam:GetRolePolicy",
    ),
    "DescribeTable": (
        {"Action": "dynamodb:DescribeTable", "Resource": "*"},
        None,
        {"table-exists": "error", **TABLE_CHECKS},
        "dynamodb:DescribeTable",
    ),
    "Lambda GetPolicy": (
        {"Action": "lambda:GetPolicy", "Resource": "*"},
        None,
        {"invoke-permission": "error"},
        "lambda:GetPolicy",
    ),
    "GetBucketWebsite": (
        {"Action": "s3:GetBucketWebsite", "Resource": "*"},
        None,
        {"website-index": "error"},
        "s3:GetBucketWebsite",
    ),
    "GetPolicyVersion": (
        {"Action": "iam:GetPolicyVersion", "Resource": "*"},
        None,
        # The administrator's AWS managed policy is unreadable too.
        {"role-can-put-item": "error", "admin-user-exists": "error"},
        "iam:GetPolicyVersion",
    ),
    # The Deny is also a true verdict on the policy: index.html is not public.
    "Deny on index.html in the bucket policy": (
        None,
        "deny-index",
        {"index-calls-api": "error", "public-read-policy": "fail"},
        "s3:GetObject",
    ),
}


def post(endpoint, path, body=b""):
    # moto reads the raw body: a form content type would hide it.
    request = urllib.request.Request(endpoint + path, data=body, method="POST",
                                     headers={"Content-Type": "text/plain"})
    urllib.request.urlopen(request, timeout=10).read()


def enforce(endpoint, on):
    # 0: every request from now on is checked; infinity: none is.
    post(endpoint, "/moto-api/reset-auth", b"0" if on else b"inf")


# moto names some actions otherwise than IAM does (`apigateway:GetRestApis`
# for AWS's `apigateway:GET`, `s3:GetPublicAccessBlock` for S3 Control's
# `s3:GetAccountPublicAccessBlock`). The reader is also allowed moto's names,
# so that only the case's Deny refuses anything.
MOTO_NAMES = ["apigateway:Get*", "s3:GetPublicAccessBlock", "s3control:Get*"]


def reader(endpoint, deny):
    """A user with the shipped read-only policy (plus `deny`), and its keys."""
    iam = boto3.client("iam", region_name=workshop.REGION, endpoint_url=endpoint,
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    with open(POLICY) as f:
        policy = json.load(f)
    policy["Statement"].append({"Effect": "Allow", "Action": MOTO_NAMES, "Resource": "*"})
    if deny:
        policy["Statement"].append({"Effect": "Deny", **deny})
    iam.create_user(UserName="reader")
    iam.put_user_policy(UserName="reader", PolicyName="labcheck-readonly", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName="reader")["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


def setup(endpoint, extra):
    client = workshop.clients(endpoint)
    if extra == "inline-policy":
        allow = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "logs:CreateLogGroup", "Resource": "*"}]}
        client("iam").put_role_policy(RoleName="my-lambda-role", PolicyName="logs",
                                      PolicyDocument=json.dumps(allow))
    if extra == "deny-index":
        s3 = client("s3")
        policy = workshop.public_read([f"arn:aws:s3:::{workshop.BUCKET}/*"])
        policy["Statement"].append({
            "Sid": "NoIndex", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{workshop.BUCKET}/index.html",
        })
        s3.put_bucket_policy(Bucket=workshop.BUCKET, Policy=json.dumps(policy))


def run_case(endpoint, binary, name):
    deny, extra, expected, action = CASES[name]
    enforce(endpoint, False)
    post(endpoint, "/moto-api/reset")
    workshop.build(endpoint)
    setup(endpoint, extra)
    key_id, secret = reader(endpoint, deny)
    enforce(endpoint, True)
    env = dict(os.environ, AWS_ACCESS_KEY_ID=key_id, AWS_SECRET_ACCESS_KEY=secret,
               AWS_REGION=workshop.REGION, NO_COLOR="1", LABCHECK_LANG="en")
    env.pop("AWS_PROFILE", None)
    env.pop("AWS_SESSION_TOKEN", None)
    run = subprocess.run([binary, "verify", "serverless", "--output", "json", "--endpoint-url", endpoint],
                         env=env, capture_output=True, text=True, timeout=120)
    enforce(endpoint, False)
    problems = []
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        return [f"exit {run.returncode}, no report: {run.stderr.strip()[:400]}"]
    checks = {c["id"]: c for s in report["steps"] for c in s["checks"]}
    want = {check: "pass" for check in checks}
    want.update(PROBES)
    want.update(expected)
    for check, status in want.items():
        got = checks.get(check, {}).get("status")
        if got != status:
            message = checks.get(check, {}).get("message", "")
            problems.append(f"{check} is {got}, expected {status}: {message[:200]}")
    for check, status in expected.items():
        if status == "error":
            args = checks[check].get("args", {})
            named = {args.get("action"), args.get("permission")}
            if action not in named:
                problems.append(f"{check} names {named}, expected {action}")
    failed = any(status == "fail" for status in expected.values())
    if run.returncode != (1 if failed else 3):
        problems.append(f"exit {run.returncode}, expected {1 if failed else 3}: {run.stderr.strip()[:300]}")
    return problems


def start_moto():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    here = os.path.dirname(os.path.abspath(__file__))
    server = subprocess.Popen(
        [sys.executable, os.path.join(here, "moto_enforcing.py"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=dict(os.environ, MOTO_IAM_LOAD_MANAGED_POLICIES="true"))
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
            return server, endpoint
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("moto (enforcing) did not start")


def main():
    binary = os.path.abspath(sys.argv[1])
    server, endpoint = start_moto()
    try:
        return run_all(endpoint, binary)
    finally:
        server.terminate()
        server.wait(timeout=10)


def run_all(endpoint, binary):
    code = harness.run_cases(CASES, lambda name: run_case(endpoint, binary, name),
                             prefix="enforced: ", total="enforced")
    enforce(endpoint, False)
    return code


if __name__ == "__main__":
    sys.exit(main())
