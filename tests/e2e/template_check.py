"""The student role template against the policy labcheck documents: the role
a student deploys must grant exactly the actions in
docs/iam/labcheck-readonly.json (no more, so it stays safe to deploy; no less,
so grading works), trust only the instructor's account, and demand the
external id.

Usage: template_check.py [TEMPLATE [POLICY]]
Prints one line per check and ends with "N passed, M failed"; exits 1 if any
check failed, 2 if a file cannot be read.
"""

import json
import os
import sys

import yaml

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
TEMPLATE = os.path.join(ROOT, "templates", "labcheck-audit-role.yaml")
POLICY = os.path.join(ROOT, "docs", "iam", "labcheck-readonly.json")


def as_list(value):
    """IAM accepts a single string wherever a list is allowed."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def main():
    template_path = sys.argv[1] if len(sys.argv) > 1 else TEMPLATE
    policy_path = sys.argv[2] if len(sys.argv) > 2 else POLICY
    try:
        with open(template_path) as f:
            # safe_load refuses CloudFormation's !Ref short forms: the
            # template is meant to stay plain YAML.
            template = yaml.safe_load(f)
        with open(policy_path) as f:
            policy = json.load(f)
    except (OSError, yaml.YAMLError, json.JSONDecodeError) as e:
        print(f"could not read the template or the policy: {e}")
        return 2

    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        line = f"{'ok  ' if ok else 'FAIL'} {name}"
        if detail and not ok:
            line += f": {detail}"
        print(line)

    expected = [a for s in policy.get("Statement", []) for a in as_list(s.get("Action"))]
    check("the policy file lists actions", len(expected) > 0)

    resources = template.get("Resources") or {}
    roles = {k: v for k, v in resources.items() if (v or {}).get("Type") == "AWS::IAM::Role"}
    check("the template has exactly one IAM role", len(roles) == 1, f"found {sorted(roles)}")
    others = sorted(k for k, v in resources.items() if k not in roles)
    check("the template creates nothing but the role", not others, f"also creates {others}")
    role = next(iter(roles.values()), {}) or {}
    props = role.get("Properties") or {}

    # The permissions: one inline policy, Allow, exactly the documented actions.
    policies = props.get("Policies") or []
    statements = [s for p in policies for s in as_list((p.get("PolicyDocument") or {}).get("Statement"))]
    actions = [a for s in statements for a in as_list(s.get("Action"))]
    missing = sorted(set(expected) - set(actions))
    extra = sorted(set(actions) - set(expected))
    check(
        "the role's actions equal docs/iam/labcheck-readonly.json exactly",
        not missing and not extra and len(actions) == len(expected),
        f"missing {missing}, extra {extra}, {len(actions)} listed for {len(expected)} expected",
    )
    check("every statement allows (no Deny, no NotAction)",
          all(s.get("Effect") == "Allow" and "NotAction" not in s for s in statements) and bool(statements))
    check("the policy's resource is \"*\"",
          all(as_list(s.get("Resource")) == ["*"] for s in statements) and bool(statements))
    # A managed policy (ReadOnlyAccess, say) would grant far more than the lab reads.
    check("no managed policies are attached", not props.get("ManagedPolicyArns"),
          f"ManagedPolicyArns: {props.get('ManagedPolicyArns')}")

    # The trust: the instructor's account root, with the external id.
    trust = as_list((props.get("AssumeRolePolicyDocument") or {}).get("Statement"))
    check("the trust policy has one statement", len(trust) == 1, f"found {len(trust)}")
    stmt = trust[0] if trust else {}
    check("it allows sts:AssumeRole and nothing else",
          stmt.get("Effect") == "Allow" and as_list(stmt.get("Action")) == ["sts:AssumeRole"],
          f"Effect {stmt.get('Effect')}, Action {stmt.get('Action')}")
    principal = stmt.get("Principal")
    root = {"Fn::Sub": "arn:aws:iam::${InstructorAccountId}:root"}
    ok_principal = isinstance(principal, dict) and list(principal) == ["AWS"] and (
        as_list(principal["AWS"]) == [root]
        or as_list(principal["AWS"]) == [root["Fn::Sub"]]
    )
    check("the only principal is the instructor account root", ok_principal, f"Principal {principal}")
    condition = (stmt.get("Condition") or {}).get("StringEquals") or {}
    check("an sts:ExternalId StringEquals condition is present",
          condition.get("sts:ExternalId") == {"Ref": "ExternalId"},
          f"Condition {stmt.get('Condition')}")
    check("sessions last at most an hour", props.get("MaxSessionDuration") == 3600,
          f"MaxSessionDuration {props.get('MaxSessionDuration')}")

    # The parameters a student fills in.
    params = template.get("Parameters") or {}
    account = params.get("InstructorAccountId") or {}
    check("InstructorAccountId must be 12 digits",
          account.get("AllowedPattern") in ("^[0-9]{12}$", "^\\d{12}$", "[0-9]{12}", "\\d{12}"),
          f"AllowedPattern {account.get('AllowedPattern')}")
    external = params.get("ExternalId") or {}
    check("ExternalId is required (no default, MinLength >= 2)",
          "Default" not in external and int(external.get("MinLength", 0)) >= 2,
          f"{external}")
    check("RoleName defaults to labcheck-audit",
          (params.get("RoleName") or {}).get("Default") == "labcheck-audit")
    outputs = template.get("Outputs") or {}
    check("the role ARN is an output",
          any((o or {}).get("Value") in ({"Fn::GetAtt": [name, "Arn"]} for name in roles)
              or (o or {}).get("Value") in ({"Fn::GetAtt": f"{name}.Arn"} for name in roles)
              for o in outputs.values()),
          f"Outputs {outputs}")

    passed = sum(results)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
