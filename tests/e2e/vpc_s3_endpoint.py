"""End-to-end for the `vpc-s3-endpoint` lab: a VPC with a public and a
private subnet, the web instance in the private one, an S3 gateway endpoint,
an instance role, built in moto with boto3 as a student would, complete and
with the mistakes students make. labcheck reads each through the AWS SDK and
must give the expected verdict; each state is snapshotted and replayed on the
simulator to the same verdict. A class of three is graded through a roster,
and served live (`grade --serve`) while one student attaches the instance
profile.

What moto 5.2.1 cannot represent, covered by fixtures
(fixtures/vpc-s3-endpoint/) and aws-smithy-mocks tests (src/aws/tests/ec2.rs):
- an endpoint still `pending` (moto's are `available` at once):
  fixture endpoint-pending, mock a_pending_endpoint_is_pending…;
- a blackhole route (moto deletes a NAT gateway's routes with it, or keeps
  them active): fixture nat-deleted-blackhole, mock a_finished_lab…;
- a refused DescribeVpcEndpoints / GetInstanceProfile: fixtures
  endpoints-unreadable, instance-profile-unreadable, mock a_refused_…;
- ModifyVpcEndpoint(AddRouteTableIds) adds no prefix-list route in moto, so
  every endpoint here is created with its RouteTableIds, as the console does.
That the upload really went through the endpoint cannot be seen read-only,
in moto or in AWS: the lab says so.

Usage: vpc_s3_endpoint.py ENDPOINT LABCHECK_BINARY
"""

import json
import os
import subprocess
import sys
import tempfile

import boto3

import harness

REGION = "ap-northeast-2"
ACCOUNT = "123456789012"
LAB = "vpc-s3-endpoint"

TRUST_EC2 = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
             "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
TRUST_LAMBDA = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}

# scenario -> (exit code, {check: status} for every check that does not pass,
# {check: finding code} to hold as well).
SCENARIOS = {
    "complete": (0, {}, {"no-internet-route": "ec2.route-table.private"}),
    "endpoint-on-main-table": (1, {"endpoint-route": "fail"},
                               {"endpoint-route": "ec2.endpoint-route.other-table"}),
    "interface-endpoint": (1, {"s3-gateway-endpoint": "fail", "endpoint-route": "skipped",
                               "endpoint-reaches-bucket": "skipped"},
                           {"s3-gateway-endpoint": "ec2.endpoint.not-gateway"}),
    "endpoint-in-default-vpc": (1, {"s3-gateway-endpoint": "fail", "endpoint-route": "skipped",
                                    "endpoint-reaches-bucket": "skipped"},
                                {"s3-gateway-endpoint": "ec2.endpoint.other-vpc"}),
    "internet-route-left": (1, {"no-internet-route": "fail"},
                            {"no-internet-route": "ec2.route-table.internet-route"}),
    "no-instance-profile": (1, {"instance-profile": "fail", "role-trusts-ec2": "skipped",
                                "role-allows-put": "skipped"},
                            {"instance-profile": "ec2.instance-profile.none"}),
    "role-trusts-lambda": (1, {"role-trusts-ec2": "fail"}, {"role-trusts-ec2": "iam.trust.missing"}),
    "read-only-policy": (1, {"role-allows-put": "fail"}, {"role-allows-put": "iam.role.not-allowed"}),
    "policy-bucket-arn-only": (1, {"role-allows-put": "fail"}, {"role-allows-put": "iam.role.not-allowed"}),
    "endpoint-policy-other-bucket": (1, {"endpoint-reaches-bucket": "fail"},
                                     {"endpoint-reaches-bucket": "ec2.endpoint-policy.denies"}),
    "bucket-in-other-region": (1, {"endpoint-reaches-bucket": "fail"},
                               {"endpoint-reaches-bucket": "ec2.endpoint.bucket-other-region"}),
    "no-upload": (1, {"object-uploaded": "fail"}, {"object-uploaded": "s3.object.none-uploaded"}),
    "instance-stopped": (1, {"instance-running": "fail", "s3-gateway-endpoint": "skipped",
                             "endpoint-route": "skipped", "no-internet-route": "skipped",
                             "instance-profile": "skipped", "role-trusts-ec2": "skipped",
                             "role-allows-put": "skipped", "endpoint-reaches-bucket": "skipped"},
                         {"instance-running": "ec2.instance.not-running"}),
}


def clients(endpoint, credentials=None):
    credentials = credentials or {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}

    def client(name, region=REGION):
        return boto3.client(name, region_name=region, endpoint_url=endpoint, **credentials)

    return client


def build(endpoint, mistake=None, credentials=None, account=ACCOUNT):
    """The finished lab in the account the credentials belong to, with
    `mistake` (a scenario name) made on the way."""
    client = clients(endpoint, credentials)
    ec2, iam = client("ec2"), client("iam")
    bucket = f"lab-edu-s3-endpoint-{account}"

    # 1. The bucket (in us-east-1 for that mistake: no LocationConstraint).
    if mistake == "bucket-in-other-region":
        client("s3", "us-east-1").create_bucket(Bucket=bucket)
    else:
        client("s3").create_bucket(Bucket=bucket,
                                   CreateBucketConfiguration={"LocationConstraint": REGION})

    # The lab's network: a VPC, a public subnet on the main table (internet
    # gateway), a private subnet with its own table.
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    public = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone=REGION + "a")["Subnet"]["SubnetId"]
    private = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.2.0/24", AvailabilityZone=REGION + "a")["Subnet"]["SubnetId"]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    main = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                              {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]["RouteTableId"]
    ec2.create_route(RouteTableId=main, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.associate_route_table(RouteTableId=main, SubnetId=public)
    private_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.associate_route_table(RouteTableId=private_rt, SubnetId=private)
    if mistake == "internet-route-left":
        # Made while installing packages, never deleted.
        ec2.create_route(RouteTableId=private_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)

    # 2. The web instance in the private subnet.
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    instance = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro",
                                 SubnetId=private, TagSpecifications=[{"ResourceType": "instance",
                                 "Tags": [{"Key": "Name", "Value": "web"}]}])["Instances"][0]["InstanceId"]
    if mistake == "instance-stopped":
        ec2.stop_instances(InstanceIds=[instance])

    # 3. The S3 gateway endpoint on the private subnet's table.
    service = f"com.amazonaws.{REGION}.s3"
    if mistake == "interface-endpoint":
        ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=service, VpcEndpointType="Interface",
                                SubnetIds=[private])
    elif mistake == "endpoint-in-default-vpc":
        default = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
        default_rt = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [default]}])["RouteTables"][0]["RouteTableId"]
        ec2.create_vpc_endpoint(VpcId=default, ServiceName=service, VpcEndpointType="Gateway",
                                RouteTableIds=[default_rt])
    else:
        table = main if mistake == "endpoint-on-main-table" else private_rt
        kwargs = {}
        if mistake == "endpoint-policy-other-bucket":
            kwargs["PolicyDocument"] = json.dumps({"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": "*", "Action": "s3:*",
                "Resource": ["arn:aws:s3:::my-other-bucket", "arn:aws:s3:::my-other-bucket/*"]}]})
        ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=service, VpcEndpointType="Gateway",
                                RouteTableIds=[table], **kwargs)

    # 5. The role, its instance profile (the console makes one with the
    # role's name; the CLI needs it made), attached to the instance.
    if mistake != "no-instance-profile":
        trust = TRUST_LAMBDA if mistake == "role-trusts-lambda" else TRUST_EC2
        iam.create_role(RoleName="ec2-s3-role", AssumeRolePolicyDocument=json.dumps(trust))
        if mistake == "read-only-policy":
            iam.attach_role_policy(RoleName="ec2-s3-role",
                                   PolicyArn="arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
        else:
            resource = f"arn:aws:s3:::{bucket}" + ("" if mistake == "policy-bucket-arn-only" else "/*")
            iam.put_role_policy(RoleName="ec2-s3-role", PolicyName="s3-upload", PolicyDocument=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": resource}]}))
        iam.create_instance_profile(InstanceProfileName="ec2-s3-role")
        iam.add_role_to_instance_profile(InstanceProfileName="ec2-s3-role", RoleName="ec2-s3-role")
        ec2.associate_iam_instance_profile(IamInstanceProfile={"Name": "ec2-s3-role"}, InstanceId=instance)

    # 6. The upload the instance made.
    if mistake != "no-upload":
        region = "us-east-1" if mistake == "bucket-in-other-region" else REGION
        client("s3", region).put_object(Bucket=bucket, Key="test.txt", Body=b"uploaded through the endpoint")


def reset(endpoint):
    harness.reset_moto(endpoint)


def env():
    return harness.lab_env(REGION)


def labcheck(binary, endpoint, *args):
    return harness.labcheck(binary, endpoint, env(), *args)


def check_scenario(name, endpoint, binary, allowed):
    reset(endpoint)
    build(endpoint, None if name == "complete" else name)
    run = labcheck(binary, endpoint, "verify", LAB, "--output", "json", "--verbose")
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
            problems.append(f"{check} is {got.get(check, {}).get('status')}, expected {status}: "
                            f"{got.get(check, {}).get('message')}")
    for check, finding in codes.items():
        if got.get(check, {}).get("code") != finding:
            problems.append(f"{check} has code {got.get(check, {}).get('code')}, expected {finding}")
    used = harness.calls_made(run)
    if not {"ec2:DescribeInstances", "ec2:DescribeVpcEndpoints"} <= used:
        problems.append(f"--verbose lists {sorted(used)}: no EC2 read")
    problems += harness.unlisted(used, allowed)

    problems += harness.replay_snapshot(binary, endpoint, env(), LAB, run)
    return problems


def account_credentials(endpoint, account):
    sts = boto3.client("sts", region_name=REGION, endpoint_url=endpoint,
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/setup", RoleSessionName="setup")["Credentials"]
    return {"aws_access_key_id": c["AccessKeyId"], "aws_secret_access_key": c["SecretAccessKey"],
            "aws_session_token": c["SessionToken"]}


# student -> (mistake, checks expected not to pass)
CLASS = {
    "v01": (None, {}),
    "v02": ("endpoint-on-main-table", {"endpoint-route": "fail"}),
    "v03": ("no-instance-profile", {"instance-profile": "fail", "role-trusts-ec2": "skipped",
                                    "role-allows-put": "skipped"}),
}


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
    """A class of three accounts graded through a roster of role ARNs."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        roster = os.path.join(tmp, "class.toml")
        build_roster(endpoint, roster)
        run = subprocess.run([binary, "grade", LAB, "--roster", roster, "--endpoint-url", endpoint,
                              "--output", "json", "--journal", os.path.join(tmp, "j.jsonl")],
                             env=env(), capture_output=True, text=True, timeout=600)
        if run.returncode != 1:
            problems.append(f"grade exit {run.returncode}, expected 1: {run.stderr[:400]}")
        try:
            book = json.loads(run.stdout)
        except json.JSONDecodeError:
            return problems + [f"gradebook not JSON: {run.stdout[:300]} {run.stderr[:300]}"]
        for student in book["students"]:
            _, expected = CLASS[student["id"]]
            got = {c["id"]: c["status"] for st in student["steps"] for c in st["checks"]}
            want = {c: "pass" for c in got}
            want.update(expected)
            wrong = {c: (got.get(c), w) for c, w in want.items() if got.get(c) != w}
            if student["status"] != "graded" or wrong or len(got) != 10:
                problems.append(f"{student['id']}: {student['status']} {student.get('error')} {wrong}")
    return problems


# The live view's student: v03's instance has no instance profile. (v02's
# fix, ModifyVpcEndpoint onto the private table, adds no prefix-list route
# in moto, so its cell could never turn to pass here.)
SERVE_STUDENT, SERVE_CHECK = "v03", "instance-profile"


def attach_instance_profile(endpoint):
    """What v03 does: the role (trusting EC2, PutObject on the bucket's
    objects), its instance profile, attached to the running web instance."""
    account = account_of(list(CLASS).index(SERVE_STUDENT) + 1)
    client = clients(endpoint, account_credentials(endpoint, account))
    ec2, iam = client("ec2"), client("iam")
    iam.create_role(RoleName="ec2-s3-role", AssumeRolePolicyDocument=json.dumps(TRUST_EC2))
    iam.put_role_policy(RoleName="ec2-s3-role", PolicyName="s3-upload", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject",
                                                "Resource": f"arn:aws:s3:::lab-edu-s3-endpoint-{account}/*"}]}))
    iam.create_instance_profile(InstanceProfileName="ec2-s3-role")
    iam.add_role_to_instance_profile(InstanceProfileName="ec2-s3-role", RoleName="ec2-s3-role")
    reservations = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["web"]},
                                                   {"Name": "instance-state-name", "Values": ["running"]}])
    instance = reservations["Reservations"][0]["Instances"][0]["InstanceId"]
    ec2.associate_iam_instance_profile(IamInstanceProfile={"Name": "ec2-s3-role"}, InstanceId=instance)


def check_serve(endpoint, binary):
    """`grade --serve` on this lab: the live view shows v03's instance
    without a profile, the student attaches one, and the cell turns to pass."""
    with tempfile.TemporaryDirectory() as tmp:
        roster = os.path.join(tmp, "class.toml")
        build_roster(endpoint, roster)
        return harness.serve_fix([binary, "grade", LAB, "--roster", roster, "--endpoint-url", endpoint],
                                 env(), os.path.join(tmp, "grades.csv"), SERVE_STUDENT, SERVE_CHECK,
                                 lambda: attach_instance_profile(endpoint))


def main():
    endpoint, binary = sys.argv[1], os.path.abspath(sys.argv[2])
    allowed = harness.allowed_actions()
    names = list(SCENARIOS) + ["grade-a-class", "grade-serve-live"]

    def run_one(name):
        if name == "grade-a-class":
            return check_grade(endpoint, binary)
        if name == "grade-serve-live":
            return check_serve(endpoint, binary)
        return check_scenario(name, endpoint, binary, allowed)

    return harness.run_cases(names, run_one, prefix=f"{LAB} ", total=f"{LAB} e2e")


if __name__ == "__main__":
    sys.exit(main())
