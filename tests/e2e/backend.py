"""End-to-end for the `serverless-backend` lab (seed 001): the backend built in
moto with boto3 as a student would, complete and with the mistakes students
make; the real labcheck binary reads it through the AWS SDK and must give the
expected verdict; each state is snapshotted and the snapshot replayed on the
simulator to the same verdict; and a small class is graded.

What moto cannot represent, and where it is covered instead:
- Lambda does not run the code without Docker, so it never creates the
  function's log group: the script creates `/aws/lambda/FUNCTION` and a stream
  the way Lambda does on a run (a log group with no stream: fixture
  `log-group-empty`).
- The invoke URL is not served: the probe is skipped with an endpoint (the
  500/502 a student sees: fixtures `default-role-kept`, `policy-stream-arn`).
- moto accepts stage logging without an account log role, and any role ARN in
  the account settings; AWS refuses the first ("CloudWatch Logs role ARN must
  be set in account settings to enable logging"). The states here are the ones
  AWS allows; refused reads are covered by smithy-mocks tests in src/aws/tests.rs.

Usage: backend.py ENDPOINT LABCHECK_BINARY
Prints one line per scenario and ends with "N passed, M failed".
"""

import json
import os
import subprocess
import sys
import tempfile

import harness
import workshop

LAB = "serverless-backend"
REGION = workshop.REGION
FUNCTION, TABLE, ROLE, API = "serverless-backend", "serverless-items", "serverless-backend-role", "serverless-backend-api"
BASIC_ROLE = "serverless-backend-role-ab12cd34"
LOGS_ROLE = "apigateway-cloudwatch-logs"

LAMBDA_CODE = b'''
import json, boto3
def lambda_handler(event, context):
    items = boto3.resource("dynamodb").Table("serverless-items").scan()["Items"]
    return {"statusCode": 200, "body": json.dumps(items)}
'''


def trust(service):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]})


def read_policy(resource):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "ReadItems", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Scan"], "Resource": resource}]})


# scenario -> (exit code, {check: status} for every check that does not pass).
PROBES = {"invoke-url": "skipped"}
SCENARIOS = {
    "complete": (0, {}),
    "default-role-kept": (1, {"execution-role": "fail"}),
    "policy-resource-star": (1, {"least-privilege": "fail"}),
    "policy-table-wildcard": (1, {"least-privilege": "fail"}),
    "dynamodb-full-access": (1, {"customer-policy": "fail", "least-privilege": "skipped"}),
    "policy-stream-arn": (1, {"customer-policy": "fail", "least-privilege": "skipped"}),
    "no-log-permissions": (1, {"role-can-create-log-stream": "fail", "role-can-put-log-events": "fail"}),
    "function-never-ran": (1, {"log-group-exists": "fail", "log-stream-exists": "skipped"}),
    "edge-endpoint": (1, {"endpoint-regional": "fail"}),
    "proxy-off": (1, {"lambda-proxy": "fail"}),
    "not-deployed": (1, {"stage-deployed": "fail", "invoke-url": "skipped", "stage-logging": "skipped"}),
    "logs-role-unset": (1, {"apigw-logs-role": "fail", "apigw-logs-role-trusted": "skipped",
                            "apigw-logs-role-can-push": "skipped", "stage-logging": "fail"}),
    "logs-role-for-lambda": (1, {"apigw-logs-role-trusted": "fail"}),
    "stage-logging-off": (1, {"stage-logging": "fail"}),
    "missing-invoke-permission": (1, {"invoke-permission": "fail"}),
}

# scenario -> (check, the finding code it must carry)
CODES = {
    "default-role-kept": ("execution-role", "lambda.execution-role.console-default"),
    "policy-resource-star": ("least-privilege", "iam.least-privilege.too-broad"),
    "dynamodb-full-access": ("customer-policy", "iam.customer-policy.none"),
    "policy-stream-arn": ("customer-policy", "iam.role.not-allowed"),
    "function-never-ran": ("log-group-exists", "logs.log-group.not-found"),
    "edge-endpoint": ("endpoint-regional", "apigateway.endpoint.mismatch"),
    "logs-role-unset": ("apigw-logs-role", "apigateway.account.logs-role-unset"),
    "logs-role-for-lambda": ("apigw-logs-role-trusted", "iam.trust.missing"),
}


def build(endpoint, mistake=None, credentials=None, account=workshop.ACCOUNT):
    """The finished lab with `mistake` made on the way, in the account the
    credentials belong to."""
    client = workshop.clients(endpoint, credentials)
    iam, ddb, lam, apigw, logs = (client(n) for n in ("iam", "dynamodb", "lambda", "apigateway", "logs"))

    # 1. The function, with the role the console makes ("basic Lambda permissions").
    basic = iam.create_role(RoleName=BASIC_ROLE, Path="/service-role/",
                            AssumeRolePolicyDocument=trust("lambda.amazonaws.com"))["Role"]
    iam.attach_role_policy(RoleName=BASIC_ROLE,
                           PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
    function = lam.create_function(
        FunctionName=FUNCTION, Runtime="python3.13", Role=basic["Arn"],
        Handler="lambda_function.lambda_handler", Code={"ZipFile": code_zip()},
    )
    if mistake != "function-never-ran":
        # What Lambda does on the first run (moto runs no code): the group and a stream.
        group = f"/aws/lambda/{FUNCTION}"
        logs.create_log_group(logGroupName=group)
        logs.create_log_stream(logGroupName=group, logStreamName="2026/11/24/[$LATEST]0123456789abcdef")

    # 2. The table with test items.
    ddb.create_table(
        TableName=TABLE, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
    )
    for i in ("1", "2"):
        ddb.put_item(TableName=TABLE, Item={"id": {"S": i}, "name": {"S": f"item {i}"}})
    table_arn = f"arn:aws:dynamodb:{REGION}:{account}:table/{TABLE}"

    # 3. A customer managed policy on the table's ARN, a role for Lambda, the switch.
    iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=trust("lambda.amazonaws.com"))
    if mistake == "dynamodb-full-access":
        iam.attach_role_policy(RoleName=ROLE, PolicyArn="arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess")
    else:
        resource = {
            "policy-resource-star": "*",
            "policy-table-wildcard": f"arn:aws:dynamodb:{REGION}:{account}:table/*",
            "policy-stream-arn": f"{table_arn}/stream/2026-11-24T01:02:03.456",
        }.get(mistake, table_arn)
        policy = iam.create_policy(PolicyName="serverless-items-read", PolicyDocument=read_policy(resource))["Policy"]
        iam.attach_role_policy(RoleName=ROLE, PolicyArn=policy["Arn"])
    # 4. CloudWatch Logs permissions on the new role.
    if mistake != "no-log-permissions":
        iam.attach_role_policy(RoleName=ROLE,
                               PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
    if mistake != "default-role-kept":
        lam.update_function_configuration(FunctionName=FUNCTION, Role=f"arn:aws:iam::{account}:role/{ROLE}")

    # 5. The REST API: Regional (the console's default), a resource, GET with proxy integration.
    if mistake == "edge-endpoint":
        api = apigw.create_rest_api(name=API)  # the CLI/SDK default: EDGE
    else:
        api = apigw.create_rest_api(name=API, endpointConfiguration={"types": ["REGIONAL"]})
    api_id = api["id"]
    root = [r for r in apigw.get_resources(restApiId=api_id)["items"] if r["path"] == "/"][0]["id"]
    items = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="items")["id"]
    apigw.put_method(restApiId=api_id, resourceId=items, httpMethod="GET", authorizationType="NONE")
    uri = f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function['FunctionArn']}/invocations"
    apigw.put_integration(restApiId=api_id, resourceId=items, httpMethod="GET",
                          type="AWS" if mistake == "proxy-off" else "AWS_PROXY",
                          integrationHttpMethod="POST", uri=uri)
    if mistake != "missing-invoke-permission":
        lam.add_permission(FunctionName=FUNCTION, StatementId="apigw-get-items", Action="lambda:InvokeFunction",
                           Principal="apigateway.amazonaws.com",
                           SourceArn=f"arn:aws:execute-api:{REGION}:{account}:{api_id}/*/GET/items")

    # 7a. The account's CloudWatch log role (Settings; per account and region).
    if mistake == "logs-role-for-lambda":
        logs_role = ROLE
    elif mistake != "logs-role-unset":
        logs_role = LOGS_ROLE
        iam.create_role(RoleName=LOGS_ROLE, AssumeRolePolicyDocument=trust("apigateway.amazonaws.com"))
        iam.attach_role_policy(RoleName=LOGS_ROLE,
                               PolicyArn="arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs")
    if mistake != "logs-role-unset":
        apigw.update_account(patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn",
                                               "value": f"arn:aws:iam::{account}:role/{logs_role}"}])

    # 6. Deploy.
    if mistake == "not-deployed":
        return api_id
    apigw.create_deployment(restApiId=api_id, stageName="dev")

    # 7b. The stage's execution logging (AWS refuses it without the account role).
    if mistake not in ("stage-logging-off", "logs-role-unset"):
        apigw.update_stage(restApiId=api_id, stageName="dev",
                           patchOperations=[{"op": "replace", "path": "/*/*/logging/loglevel", "value": "INFO"}])
    return api_id


def code_zip():
    import io
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("lambda_function.py", LAMBDA_CODE)
    return buffer.getvalue()


def reset(endpoint):
    harness.reset_moto(endpoint)


def env():
    return harness.lab_env(REGION)


def labcheck(binary, endpoint, *args):
    return harness.labcheck(binary, endpoint, env(), *args)


def statuses(report):
    return {c["id"]: c["status"] for s in report["steps"] for c in s["checks"]}


def codes(report):
    return {c["id"]: c["code"] for s in report["steps"] for c in s["checks"]}


def compare(got, expected):
    want = {check: "pass" for check in got}
    want.update(PROBES)
    want.update(expected)
    return [f"{c} is {got.get(c)}, expected {s}" for c, s in want.items() if got.get(c) != s]


def check_scenario(name, endpoint, binary, allowed):
    reset(endpoint)
    build(endpoint, None if name == "complete" else name)
    run = labcheck(binary, endpoint, "verify", LAB, "--output", "json", "--verbose")
    problems = []
    code, expected = SCENARIOS[name]
    if run.returncode != code:
        problems.append(f"exit {run.returncode}, expected {code}; stderr: {run.stderr.strip()[:500]}")
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        return problems + [f"not JSON: {run.stdout[:300]} {run.stderr[:300]}"]
    got = statuses(report)
    if len(got) != 23:
        problems.append(f"{len(got)} checks, expected 23")
    problems += compare(got, expected)
    if name in CODES:
        check, want = CODES[name]
        if codes(report).get(check) != want:
            problems.append(f"{check} reports {codes(report).get(check)}, expected {want}")
    used = harness.calls_made(run)
    if not {"logs:DescribeLogGroups", "apigateway:GET"} <= used:
        problems.append(f"--verbose lists {sorted(used)}")
    problems += harness.unlisted(used, allowed)

    problems += harness.replay_snapshot(binary, endpoint, env(), LAB, run)
    return problems


# The class: student id -> scenario.
CLASS = {"b01": None, "b02": "policy-resource-star", "b03": "logs-role-unset"}


def check_grade(endpoint, binary):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        roster = os.path.join(tmp, "class.toml")
        build_roster(endpoint, roster)
        run = subprocess.run([binary, "grade", LAB, "--roster", roster, "--endpoint-url", endpoint,
                              "--output", "json", "--csv", os.path.join(tmp, "grades.csv")],
                             env=env(), capture_output=True, text=True, timeout=300)
        if run.returncode != 1:
            problems.append(f"grade exit {run.returncode}, expected 1: {run.stderr[:400]}")
        try:
            book = json.loads(run.stdout)
        except json.JSONDecodeError:
            return problems + [f"gradebook not JSON: {run.stdout[:300]}"]
        for student in book["students"]:
            mistake = CLASS[student["id"]]
            expected = SCENARIOS[mistake or "complete"][1]
            got = {c["id"]: c["status"] for st in student["steps"] for c in st["checks"]}
            if student["status"] != "graded":
                problems.append(f"{student['id']} is {student['status']}: {student.get('error')}")
            problems += [f"{student['id']}: {p}" for p in compare(got, expected)]
        with open(os.path.join(tmp, "grades.csv")) as f:
            header = f.readline()
        if "api-logging" not in header:
            problems.append(f"CSV has no api-logging column: {header}")
    return problems


def build_roster(endpoint, path):
    """The class of CLASS, each in an account of its own, and its roster."""
    reset(endpoint)
    lines = []
    for i, (sid, mistake) in enumerate(CLASS.items(), start=1):
        account = f"{200000000000 + i:012d}"
        build(endpoint, mistake, workshop.account_credentials(endpoint, account), account=account)
        lines += ["[[student]]", f'id = "{sid}"', f'role_arn = "arn:aws:iam::{account}:role/labcheck-audit"', ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


def check_serve(endpoint, binary):
    """`grade --serve` on this lab: the live view shows b02's least-privilege
    failing, the student narrows the policy, and the cell turns to pass."""
    account = f"{200000000000 + 2:012d}"

    def narrow_policy():
        # The student narrows the policy to the table's ARN (a new default version).
        iam = workshop.clients(endpoint, workshop.account_credentials(endpoint, account))("iam")
        iam.create_policy_version(
            PolicyArn=f"arn:aws:iam::{account}:policy/serverless-items-read",
            PolicyDocument=read_policy(f"arn:aws:dynamodb:{REGION}:{account}:table/{TABLE}"),
            SetAsDefault=True)

    with tempfile.TemporaryDirectory() as tmp:
        roster = os.path.join(tmp, "class.toml")
        build_roster(endpoint, roster)
        return harness.serve_fix([binary, "grade", LAB, "--roster", roster, "--endpoint-url", endpoint],
                                 env(), os.path.join(tmp, "g.csv"), "b02", "least-privilege", narrow_policy)


def main():
    endpoint, binary = sys.argv[1], sys.argv[2]
    allowed = harness.allowed_actions()
    names = list(SCENARIOS) + ["grade", "grade --serve"]

    def one(name):
        if name == "grade":
            return check_grade(endpoint, binary)
        if name == "grade --serve":
            return check_serve(endpoint, binary)
        return check_scenario(name, endpoint, binary, allowed)

    return harness.run_cases(names, one, prefix=f"{LAB} ", total=f"e2e {LAB}")


if __name__ == "__main__":
    sys.exit(main())
