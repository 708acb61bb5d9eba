"""End-to-end for the sns-notify lab: the lab built in moto with boto3 as a
student does it (topic, e-mail subscription, function with its role and
environment, S3 trigger, image made public-read), complete and with the
mistakes students make. The real labcheck binary reads each state through the
AWS SDK and must give the expected verdict; each state is also snapshotted and
the snapshot replayed on the simulator to the same verdict. Then a class of
three accounts is graded through a roster, and served live (`grade --serve`)
while one student adds the S3 trigger.

Refused reads (ListSubscriptionsByTopic, GetFunctionConfiguration,
GetObjectAcl) run on a moto of their own that enforces IAM (enforced.py's
moto_enforcing.py), each must be `error` naming the action.

What moto (5.2.1) cannot represent, covered by fixtures (fixtures/sns-notify/)
and aws-smithy-mocks tests (src/aws/sns/tests.rs) instead:
- a pending subscription: moto confirms e-mail subscriptions at once
  (fixtures subscription-pending, subscription-typo; a mocked PendingConfirmation);
- put-object-acl refused: moto accepts public-read even with Object Ownership
  BucketOwnerEnforced or BlockPublicAcls on, where AWS answers
  AccessControlListNotSupported / AccessDenied. "acls-disabled" below calls it
  anyway (labcheck must still say ACLs are disabled); "account-blocks-public-acls"
  leaves it out, as AWS would have refused it;
- an empty notification configuration: moto answers it with a root element S3
  does not use, which src/aws/sns.rs reads as "none" (that answer only).

Usage: sns_notify.py ENDPOINT LABCHECK_BINARY
Prints one line per scenario and ends with "N passed, M failed".
"""

import io
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
import zipfile

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

import enforced
import harness

REGION = "ap-northeast-2"
ACCOUNT = "123456789012"
TOPIC = "lab-edu-sns-topic"
FUNCTION = "lab-edu-sns-lambda"
KEY = "shiba-inu.jpg"

# The code from the notes, with the ARN read from the environment.
CODE = b'''
import os, boto3
def lambda_handler(event, context):
    key = event["Records"][0]["s3"]["object"]["key"]
    boto3.client("sns").publish(TopicArn=os.environ["TOPIC_ARN"], Subject="S3 upload", Message=key + " uploaded")
'''

TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}

# scenario -> (exit code, {check: status} for every check that does not pass,
#              {check: finding code} the report must carry)
SCENARIOS = {
    "complete": (0, {}, {}),
    "no-subscription": (1, {"email-confirmed": "fail"}, {"email-confirmed": "sns.subscription.none"}),
    "topic-typo": (1, {"topic-exists": "fail", "email-confirmed": "skipped", "role-can-publish": "skipped",
                       "function-knows-topic": "skipped"}, {"topic-exists": "sns.topic.not-found-near"}),
    "role-without-publish": (1, {"role-can-publish": "fail"}, {"role-can-publish": "iam.role.not-allowed"}),
    "role-publish-other-topic": (1, {"role-can-publish": "fail"}, {"role-can-publish": "iam.role.not-allowed"}),
    "arn-only-in-code": (1, {"function-knows-topic": "fail"}, {"function-knows-topic": "lambda.environment.no-topic"}),
    "env-other-topic": (1, {"function-knows-topic": "fail"},
                        {"function-knows-topic": "lambda.environment.other-topic"}),
    # "Add trigger" never clicked: neither the notification nor the permission.
    "no-trigger": (1, {"s3-trigger": "fail", "s3-invoke-permission": "fail"}, {"s3-trigger": "s3.trigger.none"}),
    "trigger-suffix-png": (1, {"s3-trigger": "fail"}, {"s3-trigger": "s3.trigger.filter-excludes"}),
    "trigger-without-permission": (1, {"s3-invoke-permission": "fail"},
                                   {"s3-invoke-permission": "lambda.s3-permission.missing"}),
    "acls-disabled": (1, {"image-public-acl": "fail"}, {"image-public-acl": "s3.object-acl.acls-disabled"}),
    "ignore-public-acls": (1, {"image-public-acl": "fail"}, {"image-public-acl": "s3.object-acl.ignored-bucket"}),
    "account-blocks-public-acls": (1, {"image-public-acl": "fail"},
                                   {"image-public-acl": "s3.object-acl.blocked-account"}),
    "acl-not-set": (1, {"image-public-acl": "fail"}, {"image-public-acl": "s3.object-acl.private"}),
    "wrong-key": (1, {"image-uploaded": "fail", "image-public-acl": "skipped"},
                  {"image-uploaded": "s3.object.not-found-near"}),
}


def code_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("lambda_function.py", CODE)
    return buffer.getvalue()


def post(endpoint, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(endpoint + path, data=data, method="POST",
                                     headers={"Content-Type": "application/json"})
    # A reset after other scripts' many accounts can take a while.
    urllib.request.urlopen(request, timeout=120).read()


def reset(endpoint):
    post(endpoint, "/moto-api/reset")
    # S3 event notifications invoke the function; without Docker.
    post(endpoint, "/moto-api/config", {"lambda": {"use_docker": False}})


def account_credentials(endpoint, account):
    """Credentials inside `account` (moto separates accounts by assumed role)."""
    sts = boto3.client("sts", region_name=REGION, endpoint_url=endpoint,
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/setup", RoleSessionName="setup")["Credentials"]
    return {"aws_access_key_id": c["AccessKeyId"], "aws_secret_access_key": c["SecretAccessKey"],
            "aws_session_token": c["SessionToken"]}


def account_block(endpoint, account):
    """The account's Block Public Access with BlockPublicAcls on, as in the
    console's account settings. boto3's s3control puts the account id in
    front of the host, which moto on one address cannot answer, so the
    request goes to moto's path as labcheck's own reads do."""
    body = ('<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">'
            "<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls>"
            "<BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets>"
            "</PublicAccessBlockConfiguration>")
    url = endpoint + "/v20180820/configuration/publicAccessBlock"
    aws = AWSRequest(method="PUT", url=url, data=body.encode(),
                     headers={"x-amz-account-id": account, "Content-Type": "application/xml"})
    # Signed like S3 Control's own requests, so moto knows the service.
    SigV4Auth(Credentials("testing", "testing"), "s3", REGION).add_auth(aws)
    request = urllib.request.Request(url, data=body.encode(), method="PUT", headers=dict(aws.headers.items()))
    urllib.request.urlopen(request, timeout=10).read()


def build(endpoint, mistake=None, credentials=None, account=ACCOUNT):
    """The finished lab with `mistake` made on the way."""
    credentials = credentials or {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}

    def client(name):
        return boto3.client(name, region_name=REGION, endpoint_url=endpoint, **credentials)

    sns, iam, lam, s3 = (client(n) for n in ("sns", "iam", "lambda", "s3"))
    bucket = f"lab-edu-s3-endpoint-{account}"

    # 1. The topic; 2. the e-mail subscription (moto confirms it at once).
    topic_arn = sns.create_topic(Name="lab-edu-sns-topik" if mistake == "topic-typo" else TOPIC)["TopicArn"]
    if mistake != "no-subscription":
        sns.subscribe(TopicArn=topic_arn, Protocol="email", Endpoint="student@example.com")

    # 3. The function, its console-made role, and sns:Publish for it.
    role_name = f"{FUNCTION}-role-k3j2h1"
    role = iam.create_role(RoleName=role_name, Path="/service-role/", AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]
    iam.attach_role_policy(RoleName=role_name, PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
    if mistake != "role-without-publish":
        resource = f"arn:aws:sns:{REGION}:{account}:MyTopic" if mistake == "role-publish-other-topic" else topic_arn
        publish = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": resource}]}
        iam.put_role_policy(RoleName=role_name, PolicyName="sns-publish", PolicyDocument=json.dumps(publish))
    environment = {}
    if mistake == "env-other-topic":
        environment = {"TOPIC_ARN": f"arn:aws:sns:{REGION}:{account}:lab-edu-sns"}
    elif mistake != "arn-only-in-code":
        environment = {"TOPIC_ARN": topic_arn}
    function = lam.create_function(FunctionName=FUNCTION, Runtime="python3.12", Role=role["Arn"],
                                   Handler="lambda_function.lambda_handler", Code={"ZipFile": code_zip()},
                                   Environment={"Variables": environment})
    function_arn = function["FunctionArn"]

    # The bucket of the notes, ACLs enabled and public ACLs allowed, as the
    # student must set them for put-object-acl to work.
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    ownership = "BucketOwnerEnforced" if mistake == "acls-disabled" else "ObjectWriter"
    s3.put_bucket_ownership_controls(Bucket=bucket, OwnershipControls={"Rules": [{"ObjectOwnership": ownership}]})
    s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
        "BlockPublicAcls": False, "IgnorePublicAcls": mistake == "ignore-public-acls",
        "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    if mistake == "account-blocks-public-acls":
        account_block(endpoint, account)

    # 4. The trigger: "Add trigger" in the console adds the permission and
    # the notification; the CLI way needs both calls.
    if mistake not in ("no-trigger", "trigger-without-permission"):
        lam.add_permission(FunctionName=FUNCTION, StatementId="s3-invoke", Action="lambda:InvokeFunction",
                           Principal="s3.amazonaws.com", SourceArn=f"arn:aws:s3:::{bucket}", SourceAccount=account)
    if mistake != "no-trigger":
        config = {"LambdaFunctionArn": function_arn, "Events": ["s3:ObjectCreated:*"]}
        if mistake == "trigger-suffix-png":
            config["Filter"] = {"Key": {"FilterRules": [{"Name": "suffix", "Value": ".png"}]}}
        s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={
            "LambdaFunctionConfigurations": [config]})

    # 5. The image, and put-object-acl --acl public-read.
    key = "shiba-inu-02.jpg" if mistake == "wrong-key" else KEY
    s3.put_object(Bucket=bucket, Key=key, Body=b"\xff\xd8\xff\xe0 not really a jpeg", ContentType="image/jpeg")
    # AWS refuses this with BlockPublicAcls on; moto would accept it.
    if mistake not in ("acl-not-set", "account-blocks-public-acls"):
        s3.put_object_acl(Bucket=bucket, Key=key, ACL="public-read")


def env():
    return harness.lab_env(REGION)


def labcheck(binary, endpoint, *args):
    return harness.labcheck(binary, endpoint, env(), *args)


def check_scenario(name, endpoint, binary, allowed):
    reset(endpoint)
    build(endpoint, None if name == "complete" else name)
    run = labcheck(binary, endpoint, "verify", "sns-notify", "--output", "json", "--verbose")
    problems = []
    code, expected, codes = SCENARIOS[name]
    if run.returncode != code:
        problems.append(f"exit {run.returncode}, expected {code}; stderr: {run.stderr.strip()[:500]}")
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        return problems + [f"not JSON: {run.stdout[:300]}"]
    got = harness.checks_of(report)
    want = {check: "pass" for check in got}
    want.update(expected)
    for check, status in want.items():
        if got.get(check, {}).get("status") != status:
            problems.append(f"{check} is {got.get(check, {}).get('status')}, expected {status}")
    for check, finding in codes.items():
        if got.get(check, {}).get("code") != finding:
            problems.append(f"{check} says {got.get(check, {}).get('code')}, expected {finding}")
    # The student's address never reaches the report.
    if "student@example.com" in run.stdout:
        problems.append("the e-mail address is in the report unmasked")
    used = harness.calls_made(run)
    if not used:
        problems.append("--verbose listed no calls")
    problems += harness.unlisted(used, allowed)

    def unmasked(text):
        return ["the snapshot holds the e-mail address unmasked"] if "student@example.com" in text else []

    problems += harness.replay_snapshot(binary, endpoint, env(), "sns-notify", run, inspect=unmasked)
    return problems


# Refused reads, on a moto of their own that enforces IAM (enforced.py's
# moto_enforcing.py: signatures unchecked, policies evaluated): the reader
# has the shipped policy plus a Deny. case -> (denied action, the checks that
# must then be `error` naming it).
REFUSED = {
    "refused-subscriptions": ("sns:ListSubscriptionsByTopic", ["email-confirmed"]),
    "refused-configuration": ("lambda:GetFunctionConfiguration", ["role-can-publish", "function-knows-topic"]),
    "refused-object-acl": ("s3:GetObjectAcl", ["image-public-acl"]),
}
# moto's own names for some reads (see enforced.py), allowed besides the policy.
MOTO_NAMES = ["apigateway:Get*", "s3:GetPublicAccessBlock", "s3control:Get*"]


def enforce(endpoint, on):
    request = urllib.request.Request(endpoint + "/moto-api/reset-auth", data=b"0" if on else b"inf",
                                     method="POST", headers={"Content-Type": "text/plain"})
    urllib.request.urlopen(request, timeout=120).read()


def check_refused(name, endpoint, binary):
    action, checks = REFUSED[name]
    enforce(endpoint, False)
    reset(endpoint)
    build(endpoint)
    iam = boto3.client("iam", region_name=REGION, endpoint_url=endpoint,
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    with open(harness.POLICY) as f:
        policy = json.load(f)
    policy["Statement"].append({"Effect": "Allow", "Action": MOTO_NAMES, "Resource": "*"})
    policy["Statement"].append({"Effect": "Deny", "Action": action, "Resource": "*"})
    iam.create_user(UserName="reader")
    iam.put_user_policy(UserName="reader", PolicyName="labcheck-readonly", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName="reader")["AccessKey"]
    env = dict(harness.lab_env(REGION), AWS_ACCESS_KEY_ID=key["AccessKeyId"],
               AWS_SECRET_ACCESS_KEY=key["SecretAccessKey"])
    env.pop("AWS_SESSION_TOKEN", None)
    enforce(endpoint, True)
    try:
        run = subprocess.run([binary, "verify", "sns-notify", "--output", "json", "--endpoint-url", endpoint],
                             env=env, capture_output=True, text=True, timeout=120)
    finally:
        enforce(endpoint, False)
    try:
        got = harness.checks_of(json.loads(run.stdout))
    except json.JSONDecodeError:
        return [f"exit {run.returncode}, no report: {run.stderr.strip()[:400]}"]
    problems = []
    for check, c in got.items():
        want = "error" if check in checks else "pass"
        if c["status"] != want:
            problems.append(f"{check} is {c['status']}, expected {want}: {c.get('message', '')[:200]}")
        elif want == "error" and c.get("args", {}).get("action") != action:
            problems.append(f"{check} names {c.get('args')}, expected {action}")
    if run.returncode != 3:
        problems.append(f"exit {run.returncode}, expected 3")
    return problems


# Graded class: student -> (mistake, checks expected not to pass).
CLASS = {"s01": (None, {}), "s02": ("no-trigger", {"s3-trigger": "fail", "s3-invoke-permission": "fail"}),
         "s03": ("acls-disabled", {"image-public-acl": "fail"})}


def account_of(n):
    return f"{200000000000 + n:012d}"


def build_roster(endpoint, path):
    """The class of CLASS, each in an account of its own, and its roster."""
    reset(endpoint)
    lines = []
    for i, (sid, (mistake, _)) in enumerate(CLASS.items(), start=1):
        account = account_of(i)
        build(endpoint, mistake, account_credentials(endpoint, account), account=account)
        lines += ["[[student]]", f'id = "{sid}"', f'role_arn = "arn:aws:iam::{account}:role/labcheck-audit"', ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


def check_grade(endpoint, binary):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        roster = os.path.join(tmp, "class.toml")
        build_roster(endpoint, roster)
        run = subprocess.run([binary, "grade", "sns-notify", "--roster", roster, "--endpoint-url", endpoint,
                              "--output", "json", "--csv", os.path.join(tmp, "grades.csv")],
                             env=env(), capture_output=True, text=True, timeout=300, cwd=tmp)
        try:
            book = json.loads(run.stdout)
        except json.JSONDecodeError:
            return [f"grade output is not JSON (exit {run.returncode}): {run.stderr[:500]}"]
        students = {s["id"]: s for s in book["students"]}
        for sid, (_, expected) in CLASS.items():
            student = students.get(sid)
            if student is None:
                problems.append(f"{sid} missing from the gradebook")
                continue
            checks = student.get("checks") or [c for s in student.get("steps", []) for c in s.get("checks", [])]
            got = {c["id"]: c["status"] for c in checks}
            if not got:
                problems.append(f"{sid} has no checks: {json.dumps(student)[:300]}")
                continue
            for check, status in got.items():
                if status != expected.get(check, "pass"):
                    problems.append(f"{sid}: {check} is {status}, expected {expected.get(check, 'pass')}")
        with open(os.path.join(tmp, "grades.csv")) as f:
            rows = f.read().splitlines()
        if len(rows) < 1 + len(CLASS):
            problems.append(f"the CSV has {len(rows)} lines for {len(CLASS)} students")
    return problems


# The live view's student: s02 never clicked "Add trigger"; the fix is the
# trigger made the CLI way, the invoke permission and the notification.
SERVE_STUDENT, SERVE_CHECKS = "s02", ["s3-trigger", "s3-invoke-permission"]


def add_trigger(endpoint):
    account = account_of(list(CLASS).index(SERVE_STUDENT) + 1)
    credentials = account_credentials(endpoint, account)
    lam, s3 = (boto3.client(n, region_name=REGION, endpoint_url=endpoint, **credentials) for n in ("lambda", "s3"))
    bucket = f"lab-edu-s3-endpoint-{account}"
    lam.add_permission(FunctionName=FUNCTION, StatementId="s3-invoke", Action="lambda:InvokeFunction",
                       Principal="s3.amazonaws.com", SourceArn=f"arn:aws:s3:::{bucket}", SourceAccount=account)
    function_arn = lam.get_function(FunctionName=FUNCTION)["Configuration"]["FunctionArn"]
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={
        "LambdaFunctionConfigurations": [{"LambdaFunctionArn": function_arn, "Events": ["s3:ObjectCreated:*"]}]})


def check_serve(endpoint, binary):
    """`grade --serve` on this lab: the live view shows s02's trigger
    missing, the student adds it, and both cells turn to pass."""
    with tempfile.TemporaryDirectory() as tmp:
        roster = os.path.join(tmp, "class.toml")
        build_roster(endpoint, roster)
        return harness.serve_fix([binary, "grade", "sns-notify", "--roster", roster, "--endpoint-url", endpoint],
                                 env(), os.path.join(tmp, "grades.csv"), SERVE_STUDENT, SERVE_CHECKS,
                                 lambda: add_trigger(endpoint))


def main():
    endpoint, binary = sys.argv[1], os.path.abspath(sys.argv[2])
    allowed = harness.allowed_actions()
    cases = list(SCENARIOS) + ["grade", "grade --serve"]

    def run_one(name):
        if name == "grade":
            return check_grade(endpoint, binary)
        if name == "grade --serve":
            return check_serve(endpoint, binary)
        return check_scenario(name, endpoint, binary, allowed)

    status = harness.run_cases(cases, run_one, prefix="sns-notify ", total="sns-notify e2e")
    server, enforcing = enforced.start_moto()
    try:
        status |= harness.run_cases(REFUSED, lambda name: check_refused(name, enforcing, binary),
                                    prefix="sns-notify ", total="sns-notify e2e (IAM enforced)")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return status


if __name__ == "__main__":
    sys.exit(main())
