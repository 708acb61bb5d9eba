"""End-to-end for the `alb-autoscaling` lab: a target group, an internet-
facing Application Load Balancer in two Availability Zones, security groups,
a launch template, an Auto Scaling group attached to the target group with a
CPU policy, an ACM certificate and an HTTPS listener, built in moto with
boto3 as a student would, complete and with the mistakes students make.
labcheck reads each through the AWS SDK and must give the expected verdict;
each state is snapshotted and replayed on the simulator to the same verdict.
A class of two is graded through a roster, and served live (`grade --serve`)
while one student adds the CPU policy.

What moto 5.2.1 cannot represent, covered by fixtures
(fixtures/alb-autoscaling/) and aws-smithy-mocks tests (src/aws/tests/elb.rs):
- target health: a registered running instance is always `healthy`, so an
  unhealthy target (Target.Timeout, Target.ResponseCodeMismatch on a 404
  health check path) and `initial`: fixtures instances-closed-timeout,
  health-check-404, targets-initial, mock an_unhealthy_target_…;
- certificate validation: moto issues a DNS-validated certificate after
  MOTO_ACM_VALIDATION_WAIT seconds (run.sh starts moto with 0), so a
  certificate pending validation: fixture certificate-pending and a mock;
- (a certificate requested in us-east-1 is found there and named by the
  live read, as in fixture certificate-in-us-east-1);
- scaling activities (moto records none) are not checked by the lab;
- an HTTPS listener is accepted by moto without an issued certificate, so
  every listener here is made as AWS allows.
The probes (GET on the ALB's DNS name, an HTTPS GET for the www name at the
ALB) are skipped with --endpoint-url: moto's load balancers have no address
that answers. fixtures/alb-autoscaling and src/aws/probe.rs's tests (a TLS
server on 127.0.0.1 with a test CA) cover them.

Usage: alb_autoscaling.py ENDPOINT LABCHECK_BINARY
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
LAB = "alb-autoscaling"
DOMAIN = "www.st25.example.com"

# scenario -> (exit code, {check: status} for the checks that do not pass,
# {check: finding code}).
SCENARIOS = {
    "complete": (0, {}, {"targets-healthy": "elb.targets.healthy"}),
    "instances-open-to-world": (1, {"instances-from-alb": "fail"},
                                {"instances-from-alb": "elb.instances-sg.world"}),
    "instances-closed": (1, {"instances-from-alb": "fail"}, {"instances-from-alb": "elb.instances-sg.closed"}),
    "asg-not-attached": (1, {"asg-attached": "fail", "targets-healthy": "fail"},
                         {"asg-attached": "autoscaling.attached.none", "targets-healthy": "elb.targets.none"}),
    "asg-other-target-group": (1, {"asg-attached": "fail", "targets-healthy": "fail"},
                               {"asg-attached": "autoscaling.attached.other"}),
    "max-left-at-desired": (1, {"asg-uses-template": "fail"}, {"asg-uses-template": "autoscaling.group.max"}),
    "no-cpu-policy": (1, {"cpu-policy": "fail"}, {"cpu-policy": "autoscaling.policy.none"}),
    "alb-internal": (1, {"alb-internet-facing": "fail", "alb-sg-80": "skipped", "alb-sg-443": "skipped",
                         "instances-from-alb": "skipped", "http-listener": "skipped", "asg-attached": "skipped",
                         "targets-healthy": "skipped", "https-listener": "skipped"},
                     {"alb-internet-facing": "elb.alb.internal"}),
    "alb-sg-without-443": (1, {"alb-sg-443": "fail"}, {"alb-sg-443": "elb.alb-sg.closed"}),
    "no-https-listener": (1, {"https-listener": "fail"}, {"https-listener": "elb.https.missing"}),
    "certificate-in-us-east-1": (1, {"certificate-issued": "fail", "https-listener": "skipped"},
                                 {"certificate-issued": "acm.certificate.in-other-region"}),
}


def clients(endpoint, credentials=None):
    credentials = credentials or {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}

    def client(name, region=REGION):
        return boto3.client(name, region_name=region, endpoint_url=endpoint, **credentials)

    return client


def build(endpoint, mistake=None, credentials=None):
    """The finished lab, with `mistake` (a scenario name) made on the way."""
    client = clients(endpoint, credentials)
    ec2, elb, asg = client("ec2"), client("elbv2"), client("autoscaling")

    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=REGION + zone)
               ["Subnet"]["SubnetId"] for i, zone in ((1, "a"), (2, "c"))]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)

    # 1. The target group.
    tg = elb.create_target_group(Name="web-tg", Protocol="HTTP", Port=80, VpcId=vpc, TargetType="instance",
                                 HealthCheckPath="/")["TargetGroups"][0]["TargetGroupArn"]
    other_tg = None
    if mistake == "asg-other-target-group":
        other_tg = elb.create_target_group(Name="web-tg-2", Protocol="HTTP", Port=80, VpcId=vpc,
                                           TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]

    # 2. Security groups: the ALB's open to the internet, the web
    # instances' open only to the ALB's.
    alb_sg = ec2.create_security_group(GroupName="alb-sg", Description="alb", VpcId=vpc)["GroupId"]
    web_sg = ec2.create_security_group(GroupName="web-sg", Description="web", VpcId=vpc)["GroupId"]
    ports = [80] if mistake == "alb-sg-without-443" else [80, 443]
    ec2.authorize_security_group_ingress(GroupId=alb_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": p, "ToPort": p, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]} for p in ports])
    if mistake == "instances-open-to-world":
        web_rule = {"IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
    else:
        web_rule = {"UserIdGroupPairs": [{"GroupId": alb_sg}]}
    if mistake != "instances-closed":
        ec2.authorize_security_group_ingress(GroupId=web_sg, IpPermissions=[
            dict({"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80}, **web_rule)])

    # 3. The load balancer and its HTTP listener.
    scheme = "internal" if mistake == "alb-internal" else "internet-facing"
    lb = elb.create_load_balancer(Name="web-alb", Subnets=subnets, SecurityGroups=[alb_sg], Scheme=scheme,
                                  Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80,
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])

    # 4. The launch template.
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    ec2.create_launch_template(LaunchTemplateName="web-lt", LaunchTemplateData={
        "ImageId": image, "InstanceType": "t3.micro", "SecurityGroupIds": [web_sg]})

    # 5. The Auto Scaling group, attached to the target group, and its policy.
    target_groups = {"asg-not-attached": [], "asg-other-target-group": [other_tg]}.get(mistake, [tg])
    asg.create_auto_scaling_group(
        AutoScalingGroupName="web-asg", LaunchTemplate={"LaunchTemplateName": "web-lt", "Version": "$Default"},
        MinSize=2, MaxSize=2 if mistake == "max-left-at-desired" else 4, DesiredCapacity=2,
        VPCZoneIdentifier=",".join(subnets), TargetGroupARNs=target_groups, HealthCheckType="ELB",
        HealthCheckGracePeriod=60)
    if mistake != "no-cpu-policy":
        asg.put_scaling_policy(AutoScalingGroupName="web-asg", PolicyName="cpu-50",
                               PolicyType="TargetTrackingScaling", TargetTrackingConfiguration={
                                   "PredefinedMetricSpecification": {"PredefinedMetricType": "ASGAverageCPUUtilization"},
                                   "TargetValue": 50.0})

    # 6. The certificate (DNS validation) and the HTTPS listener.
    acm_region = "us-east-1" if mistake == "certificate-in-us-east-1" else REGION
    cert = client("acm", acm_region).request_certificate(DomainName=DOMAIN, ValidationMethod="DNS")["CertificateArn"]
    if mistake not in ("no-https-listener", "certificate-in-us-east-1"):
        elb.create_listener(LoadBalancerArn=lb, Protocol="HTTPS", Port=443, Certificates=[{"CertificateArn": cert}],
                            DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])


def reset(endpoint):
    harness.reset_moto(endpoint)


def env():
    return harness.lab_env(REGION)


def labcheck(binary, endpoint, *args):
    return harness.labcheck(binary, endpoint, env(), *args, "--set", f"domain={DOMAIN}")


# The GET and HTTPS probes: skipped with --endpoint-url, as moto's load
# balancers have no addresses to GET (covered by fixtures and src/aws/probe.rs).
PROBES = {"alb-answers", "https-answers"}


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
    want = {check: "skipped" if check in PROBES else "pass" for check in got}
    want.update(expected)
    for check, status in want.items():
        if got.get(check, {}).get("status") != status:
            problems.append(f"{check} is {got.get(check, {}).get('status')}, expected {status}: "
                            f"{got.get(check, {}).get('message')}")
    for check, finding in codes.items():
        if got.get(check, {}).get("code") != finding:
            problems.append(f"{check} has code {got.get(check, {}).get('code')}, expected {finding}")
    used = harness.calls_made(run)
    if not {"elasticloadbalancing:DescribeLoadBalancers", "acm:ListCertificates"} <= used:
        problems.append(f"--verbose lists {sorted(used)}: no load balancer or certificate read")
    problems += harness.unlisted(used, allowed)

    problems += harness.replay_snapshot(binary, endpoint, env(), LAB, run,
                                        extra=("--set", f"domain={DOMAIN}"))
    return problems


def account_credentials(endpoint, account):
    sts = boto3.client("sts", region_name=REGION, endpoint_url=endpoint,
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/setup", RoleSessionName="setup")["Credentials"]
    return {"aws_access_key_id": c["AccessKeyId"], "aws_secret_access_key": c["SecretAccessKey"],
            "aws_session_token": c["SessionToken"]}


CLASS = {
    "a01": (None, {}),
    "a02": ("no-cpu-policy", {"cpu-policy": "fail"}),
}


def account_of(n):
    return f"{300000000000 + n:012d}"


def build_roster(endpoint, path):
    """The class of CLASS, each in an account of its own, and its roster."""
    reset(endpoint)
    lines = []
    for i, (sid, (mistake, _)) in enumerate(CLASS.items(), start=1):
        account = account_of(i)
        build(endpoint, mistake, account_credentials(endpoint, account))
        lines += ["[[student]]", f'id = "{sid}"', f'role_arn = "arn:aws:iam::{account}:role/labcheck-audit"', ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


def check_grade(endpoint, binary):
    """A class of two accounts graded through a roster of role ARNs."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        roster = os.path.join(tmp, "class.toml")
        build_roster(endpoint, roster)
        run = subprocess.run([binary, "grade", LAB, "--roster", roster, "--endpoint-url", endpoint,
                              "--set", f"domain={DOMAIN}", "--output", "json",
                              "--journal", os.path.join(tmp, "j.jsonl")],
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
            want = {c: "skipped" if c in PROBES else "pass" for c in got}
            want.update(expected)
            wrong = {c: (got.get(c), w) for c, w in want.items() if got.get(c) != w}
            if student["status"] != "graded" or wrong or len(got) != 15:
                problems.append(f"{student['id']}: {student['status']} {student.get('error')} {wrong}")
    return problems


# The live view's student: a02's group has no scaling policy; the fix is
# the target tracking policy on average CPU the lab asks for.
SERVE_STUDENT, SERVE_CHECK = "a02", "cpu-policy"


def add_cpu_policy(endpoint):
    account = account_of(list(CLASS).index(SERVE_STUDENT) + 1)
    asg = clients(endpoint, account_credentials(endpoint, account))("autoscaling")
    asg.put_scaling_policy(AutoScalingGroupName="web-asg", PolicyName="cpu-50",
                           PolicyType="TargetTrackingScaling", TargetTrackingConfiguration={
                               "PredefinedMetricSpecification": {"PredefinedMetricType": "ASGAverageCPUUtilization"},
                               "TargetValue": 50.0})


def check_serve(endpoint, binary):
    """`grade --serve` on this lab: the live view shows a02's CPU policy
    missing, the student adds it, and the cell turns to pass."""
    with tempfile.TemporaryDirectory() as tmp:
        roster = os.path.join(tmp, "class.toml")
        build_roster(endpoint, roster)
        return harness.serve_fix([binary, "grade", LAB, "--roster", roster, "--endpoint-url", endpoint,
                                  "--set", f"domain={DOMAIN}"],
                                 env(), os.path.join(tmp, "grades.csv"), SERVE_STUDENT, SERVE_CHECK,
                                 lambda: add_cpu_policy(endpoint))


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
