"""Builds the serverless workshop in an AWS emulator the way a student does in
the console, complete or with one of the mistakes students make.

Used by scenarios.py; every call goes to the endpoint given (moto on
127.0.0.1), never to AWS.
"""

import io
import json
import zipfile

import boto3

REGION = "ap-northeast-2"
ACCOUNT = "123456789012"
BUCKET = "my-bucket-20240904"

LAMBDA_CODE = b'''
import json, boto3, random
def lambda_handler(event, context):
    name = random.choice(["Ama", "Jone", "Zon", "Penny", "Jessie"])
    boto3.resource("dynamodb").Table("hello-member").put_item(Item={"name": name, "status": "Happy"})
    return {"statusCode": 200, "headers": {"Access-Control-Allow-Origin": "*"}, "body": json.dumps({"name": name})}
'''

TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ],
}

MICROSERVICE = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:UpdateItem"],
            "Resource": f"arn:aws:dynamodb:{REGION}:{{account}}:table/*",
        }
    ],
}


def public_read(resources):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject"], "Resource": resources}
        ],
    }


def code_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("lambda_function.py", LAMBDA_CODE)
    return buffer.getvalue()


def clients(endpoint, credentials=None):
    credentials = credentials or {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}

    def client(name, region=REGION):
        return boto3.client(name, region_name=region, endpoint_url=endpoint, **credentials)

    return client


def build(endpoint, mistake=None, credentials=None, account=ACCOUNT, bucket=BUCKET):
    """The finished workshop, with `mistake` (a scenario name) made on the way,
    in the account the credentials belong to."""
    client = clients(endpoint, credentials)
    iam, ddb, lam, apigw, s3 = (client(n) for n in ("iam", "dynamodb", "lambda", "apigateway", "s3"))

    # 1. An administrator user.
    iam.create_user(UserName="admin")
    iam.create_group(GroupName="Admins")
    iam.add_user_to_group(GroupName="Admins", UserName="admin")
    admin_policy = "arn:aws:iam::aws:policy/PowerUserAccess" if mistake == "power-user" else "arn:aws:iam::aws:policy/AdministratorAccess"
    iam.attach_group_policy(GroupName="Admins", PolicyArn=admin_policy)

    # 2. The table.
    key = "id" if mistake == "wrong-partition-key" else "name"
    table = "hello_member" if mistake == "table-underscore" else "hello-member"
    if mistake == "table-in-us-east-1":
        ddb = client("dynamodb", "us-east-1")
    ddb.create_table(
        TableName=table,
        KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    ddb.put_item(TableName=table, Item={key: {"S": "Ama"}, "status": {"S": "Happy"}})

    # 3. The role and the function.
    role_name = "api-service-create-role-x1y2" if mistake == "default-role" else "my-lambda-role"
    role = iam.create_role(RoleName=role_name, AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]
    if mistake == "role-streams-policy":
        iam.attach_role_policy(RoleName=role_name, PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole")
    else:
        document = json.dumps(MICROSERVICE).replace("{account}", account)
        policy = iam.create_policy(
            PolicyName="AWSLambdaMicroserviceExecutionRole-9a8b7c6d",
            Path="/service-role/",
            PolicyDocument=document,
        )["Policy"]
        iam.attach_role_policy(RoleName=role_name, PolicyArn=policy["Arn"])
    if mistake == "role-explicit-deny":
        deny = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "dynamodb:PutItem", "Resource": "*"}]}
        iam.put_role_policy(RoleName=role_name, PolicyName="no-writes", PolicyDocument=json.dumps(deny))
    runtime = "nodejs22.x" if mistake == "nodejs-runtime" else "python3.13"
    function = lam.create_function(
        FunctionName="api-service-create",
        Runtime=runtime,
        Role=role["Arn"],
        Handler="lambda_function.lambda_handler",
        Code={"ZipFile": code_zip()},
    )

    # 4. The API, GET / with Lambda proxy integration. "Create API" clicked
    # twice leaves an empty API with the same name, listed first.
    if mistake == "two-apis":
        apigw.create_rest_api(name="my-api")
    api = apigw.create_rest_api(name="my-api")
    api_id = api["id"]
    root = [r for r in apigw.get_resources(restApiId=api_id)["items"] if r["path"] == "/"][0]["id"]
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    uri = f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function['FunctionArn']}/invocations"
    apigw.put_integration(
        restApiId=api_id,
        resourceId=root,
        httpMethod="GET",
        type="AWS" if mistake == "non-proxy-integration" else "AWS_PROXY",
        integrationHttpMethod="POST",
        uri=uri,
    )
    if mistake != "missing-invoke-permission":
        lam.add_permission(
            FunctionName="api-service-create",
            StatementId="apigateway-get",
            Action="lambda:InvokeFunction",
            Principal="apigateway.amazonaws.com",
            SourceArn=f"arn:aws:execute-api:{REGION}:{account}:{api_id}/*/GET/",
        )

    # 5. CORS (what the console's Enable CORS creates) and the deployment.
    if mistake != "no-cors":
        methods = "'OPTIONS'" if mistake == "cors-without-get" else "'GET,OPTIONS'"
        apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="OPTIONS", authorizationType="NONE")
        apigw.put_integration(
            restApiId=api_id, resourceId=root, httpMethod="OPTIONS", type="MOCK",
            requestTemplates={"application/json": '{"statusCode": 200}'},
        )
        headers = ["Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers"]
        apigw.put_method_response(
            restApiId=api_id, resourceId=root, httpMethod="OPTIONS", statusCode="200",
            responseParameters={f"method.response.header.{h}": False for h in headers},
        )
        apigw.put_integration_response(
            restApiId=api_id, resourceId=root, httpMethod="OPTIONS", statusCode="200",
            responseParameters={
                "method.response.header.Access-Control-Allow-Origin": "'*'",
                "method.response.header.Access-Control-Allow-Methods": methods,
                "method.response.header.Access-Control-Allow-Headers": "'Content-Type,X-Amz-Date,Authorization'",
            },
        )
    stage = "prod" if mistake == "stage-prod" else "dev"
    apigw.create_deployment(restApiId=api_id, stageName=stage)

    # 6-7. The website.
    BUCKET = bucket
    if mistake == "two-buckets":
        # A first try, left empty: it matches the pattern too.
        s3.create_bucket(Bucket="my-bucket-00000001", CreateBucketConfiguration={"LocationConstraint": REGION})
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    blocked = mistake == "block-public-access-on"
    s3.put_public_access_block(
        Bucket=BUCKET,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": blocked,
            "IgnorePublicAcls": blocked,
            "BlockPublicPolicy": blocked,
            "RestrictPublicBuckets": blocked,
        },
    )
    invoke_url = f"https://{api_id}.execute-api.{REGION}.amazonaws.com/dev"
    page = f'<button onclick="fetch(\'{invoke_url}\').then(r => r.text()).then(alert)">Go</button>'
    s3.put_object(Bucket=BUCKET, Key="index.html", Body=page.encode(), ContentType="text/html")
    if mistake != "no-website":
        s3.put_bucket_website(Bucket=BUCKET, WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}})
    if not blocked:
        resources = [f"arn:aws:s3:::{BUCKET}"]
        if mistake != "policy-bucket-arn-only":
            resources.append(f"arn:aws:s3:::{BUCKET}/*")
        s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read(resources)))
    return api_id


def account_credentials(endpoint, account):
    """Credentials inside `account`: moto keeps accounts apart by the account
    of an assumed role, so assuming any role there is how a test enters it."""
    sts = boto3.client("sts", region_name=REGION, endpoint_url=endpoint,
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/setup", RoleSessionName="setup")["Credentials"]
    return {"aws_access_key_id": c["AccessKeyId"], "aws_secret_access_key": c["SecretAccessKey"],
            "aws_session_token": c["SessionToken"]}


def build_class(endpoint, students, roster, first_account, mistake_of=lambda i: None):
    """`students` accounts from `first_account + 1`, each with the workshop
    built (with `mistake_of(i)`), and a roster reaching each one's
    labcheck-audit role (moto does not check trust, so none is made)."""
    lines = []
    for i in range(1, students + 1):
        account = f"{first_account + i:012d}"
        build(endpoint, mistake_of(i), account_credentials(endpoint, account),
              account=account, bucket=f"my-bucket-{account}")
        lines += ["[[student]]", f'id = "s{i:03d}"', f'role_arn = "arn:aws:iam::{account}:role/labcheck-audit"', ""]
    with open(roster, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    # For the benches: workshop.py class ENDPOINT STUDENTS ROSTER FIRST_ACCOUNT [MISTAKE EVERY]
    import sys
    _, command, endpoint, students, roster, first, *rest = sys.argv
    assert command == "class", "usage: workshop.py class ENDPOINT STUDENTS ROSTER FIRST_ACCOUNT [MISTAKE EVERY]"
    mistake, every = (rest[0], int(rest[1])) if rest else (None, 0)
    build_class(endpoint, int(students), roster, int(first),
                lambda i: mistake if every and i % every == 0 else None)
