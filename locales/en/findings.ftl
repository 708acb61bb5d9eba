# labcheck: what a check found, in English.
#
# One message per finding code; the id is the code with `.` written as `-`
# (`dynamodb.partition-key.mismatch` → `dynamodb-partition-key-mismatch`).
# Every message is a whole sentence with named arguments. Arguments are
# names, values and pre-joined lists of names (`found`, `policies`, `users`,
# `unmet`), never English words, so another language can reorder them.
# A code never changes meaning; the list of codes is `CODES` in
# src/report/catalog.rs, and a test holds this file to it.

## Engine

engine-dependency-unmet = not checked: needs {$unmet}
engine-arguments-invalid = not checked: the arguments do not fit this kind of check ({$error}); run `labcheck lint` on the lab
engine-candidates-api-called = {$count} REST APIs are named {$name}; checked {$chosen} (the one index.html calls)
engine-candidates-api-best = {$count} REST APIs are named {$name}; checked {$chosen}, the one that earns the most points (delete the others to be sure)
engine-candidates-bucket-best = {$count} buckets match {$name}; checked {$chosen}, the one that earns the most points
engine-candidates-bounded = only the first {$tried} of {$total} ways to choose among same-named resources were checked; delete the ones you do not use

## Reads the source was refused

iam-read-denied = AccessDenied on {$action}; add it to your role or run with an admin profile
iam-read-denied-on = could not read {$resource}: {$action} was refused; allow {$action} to the identity labcheck reads with (the shipped policy lists it), or run with an admin profile

## Probes (HTTP GET on the invoke URL and the website endpoint)

probe-not-run = probe not run: {$reason}
probe-not-run-no-probe = probe not run: --no-probe was given
probe-not-run-endpoint = probe not run: an endpoint ({$endpoint}) stands in for AWS, so there is no real URL to GET
probe-no-response = probe not run: no response recorded for {$url}
probe-http-status = GET {$url} answered {$status}; expected 200
probe-http-status-body = GET {$url} answered {$status} ({$body}); expected 200
probe-api-ok = GET {$url} answered 200
probe-api-ok-header = GET {$url} answered 200 with {$header}: {$value}
probe-api-header-missing = GET {$url} answered 200 without {$header}; a browser will refuse the response (CORS)
probe-website-ok = {$url} serves the page
probe-no-answer = GET {$url} got no answer: {$reason}
probe-alb-ok = GET {$url} on load balancer {$alb} answered 200
probe-alb-https-no-host = probe not run: {$alb} has no HTTPS:443 listener with an issued certificate, so there is no host name to ask for
probe-alb-https-ok = GET {$url} sent to {$dns} answered 200 over HTTPS, with a certificate valid for the host
probe-alb-https-no-answer = GET {$url} sent to {$dns} got no answer over HTTPS: {$reason}

## IAM: the caller

iam-caller-unknown = the caller's identity is unknown
iam-caller-root = signed in as the root user ({$arn}); expected an IAM user or role
iam-caller-not-root = signed in as {$arn}

## IAM: an administrator user

iam-admin-user-found = user `{$user}` may do everything: {$policies}
iam-admin-user-no-users = no IAM users; expected an administrator user
iam-admin-user-none = no IAM user may do every action on every resource; users: {$users}
iam-admin-user-undecided = cannot tell whether `{$user}` is an administrator: {$unread} applies to it but could not be read ({$permission} was refused), and it could change the answer; allow {$permission} to the identity labcheck reads with

## IAM: policies

iam-policy-invalid = {$policy} could not be read: {$error}

## IAM: roles (not found: `name`, `region`, and `near`, `found` or `found_region`)

iam-role-not-found = role `{$name}` not found in {$region}
iam-role-not-found-near = role `{$name}` not found; did you mean `{$near}`?
iam-role-not-found-among = role `{$name}` not found; found: {$found}
iam-role-in-other-region = role `{$name}` is in {$found_region}; the lab expects {$region}: run with --region {$found_region} or recreate it
iam-trust-policy-invalid = the trust policy could not be read: {$error}
iam-trust-allowed = `{$service}` may assume `{$role}`
iam-trust-denied = the trust policy of `{$role}` denies `{$service}` sts:AssumeRole
iam-trust-missing = the trust policy of `{$role}` does not let `{$service}` assume it; expected a statement allowing sts:AssumeRole to Principal {"{"}"Service": "{$service}"{"}"}
iam-role-allowed = `{$role}` may {$action} on {$resource}
iam-role-allowed-by = `{$role}` may {$action} on {$resource} ({$statement})
iam-role-denied-explicitly = `{$role}` is denied {$action} on {$resource} by an explicit Deny; a Deny wins over any Allow
iam-role-denied-explicitly-by = `{$role}` is denied {$action} on {$resource} by an explicit Deny ({$statement}); a Deny wins over any Allow
iam-role-no-policies = `{$role}` has no policies; expected one allowing {$action} on {$resource}
iam-role-not-allowed = no policy of `{$role}` allows {$action} on {$resource}; its policies: {$policies}
iam-role-undecided = cannot tell whether `{$role}` may {$action} on {$resource}: {$unread} applies to it but could not be read ({$permission} was refused), and it could change the answer; allow {$permission} to the identity labcheck reads with

## DynamoDB

dynamodb-table-not-found = table `{$name}` not found in {$region}
dynamodb-table-not-found-near = table `{$name}` not found; did you mean `{$near}`?
dynamodb-table-not-found-among = table `{$name}` not found; found: {$found}
dynamodb-table-in-other-region = table `{$name}` is in {$found_region}; the lab expects {$region}: run with --region {$found_region} or recreate it
dynamodb-table-exists = table `{$table}` exists
dynamodb-table-active = table `{$table}` is ACTIVE
dynamodb-table-settling = table `{$table}` is {$status}; it becomes ACTIVE in a minute or so
dynamodb-table-not-active = table `{$table}` is {$status}; expected ACTIVE
dynamodb-partition-key-matches = partition key is `{$found}` ({$found_type})
dynamodb-partition-key-mismatch = partition key is `{$found}` ({$found_type}); expected `{$expected}` ({$expected_type})
dynamodb-key-schema-unreadable = the table's key schema could not be read
dynamodb-items-present = table `{$table}` holds items
dynamodb-items-empty = table `{$table}` is empty; expected at least one item

## Lambda

lambda-function-not-found = function `{$name}` not found in {$region}
lambda-function-not-found-near = function `{$name}` not found; did you mean `{$near}`?
lambda-function-not-found-among = function `{$name}` not found; found: {$found}
lambda-function-in-other-region = function `{$name}` is in {$found_region}; the lab expects {$region}: run with --region {$found_region} or recreate it
lambda-function-pending = function `{$function}` is Pending; it becomes Active in a few seconds
lambda-function-failed = function `{$function}` is Failed; expected Active (see its StateReason in the console)
lambda-function-exists = function `{$function}` exists
lambda-runtime-matches = runtime is {$runtime}
lambda-runtime-none = the function has no managed runtime (a container image?); expected a {$family}.x runtime
lambda-runtime-mismatch = runtime is {$runtime}; expected a {$family}.x runtime
lambda-execution-role-matches = execution role is `{$role}`
lambda-execution-role-mismatch = execution role is `{$found}`; expected `{$expected}`
lambda-resource-policy-missing = function `{$function}` has no resource-based policy; expected one letting apigateway.amazonaws.com call lambda:InvokeFunction
lambda-resource-policy-invalid = the function's policy could not be read: {$error}
lambda-invoke-permission-allowed = API Gateway may invoke `{$function}` from {$method} {$path}
lambda-invoke-permission-missing = the resource policy of `{$function}` does not let apigateway.amazonaws.com invoke it for {$source_arn}; expected a lambda:InvokeFunction permission for this API

## API Gateway (REST APIs)

apigateway-api-not-found = REST API `{$name}` not found in {$region}
apigateway-api-not-found-near = REST API `{$name}` not found; did you mean `{$near}`?
apigateway-api-not-found-among = REST API `{$name}` not found; found: {$found}
apigateway-api-in-other-region = REST API `{$name}` is in {$found_region}; the lab expects {$region}: run with --region {$found_region} or recreate it
apigateway-api-exists = REST API `{$api}` exists (id {$id})
apigateway-resource-not-found = resource `{$path}` not found
apigateway-resource-not-found-near = resource `{$path}` not found; did you mean `{$near}`?
apigateway-method-none = `{$path}` has no methods; expected {$expected}
apigateway-method-mismatch = `{$path}` has {$found}; expected {$expected}
apigateway-method-exists = `{$path}` has {$method}
apigateway-integration-missing = the method has no integration; expected Lambda proxy (AWS_PROXY)
apigateway-integration-proxy = Lambda proxy integration to `{$function}`
apigateway-integration-wrong-function = Lambda proxy integration to `{$found}`; expected `{$expected}`
apigateway-integration-not-proxy = integration is Lambda without proxy (AWS); expected Lambda proxy integration (AWS_PROXY)
apigateway-integration-wrong-type = integration type is {$kind}; expected Lambda proxy (AWS_PROXY) to `{$function}`
apigateway-header-missing = {$method} does not answer with {$header}
apigateway-header-present = {$method} answers with {$header}: {$value}
apigateway-header-includes = {$header} is {$value}
apigateway-header-lacks = {$header} is {$value}; expected it to include {$expected}
apigateway-stage-deployed = stage `{$stage}` is deployed ({$deployment})
apigateway-stage-not-deployed = stage `{$stage}` has no deployment; deploy the API to it
apigateway-stage-not-found-near = stage `{$stage}` not found; did you mean `{$near}`?
apigateway-stage-none = the API has no stages; expected `{$stage}`
apigateway-stage-not-found-among = stage `{$stage}` not found; stages: {$found}

## S3: the bucket

s3-bucket-not-found = bucket `{$name}` not found in {$region}
s3-bucket-not-found-near = bucket `{$name}` not found; did you mean `{$near}`?
s3-bucket-not-found-among = bucket `{$name}` not found; found: {$found}
s3-bucket-in-other-region = bucket `{$name}` is in {$found_region}; the lab expects {$region}: run with --region {$found_region} or recreate it
s3-bucket-no-match = no bucket matches `{$pattern}`
s3-bucket-no-match-near = no bucket matches `{$pattern}`; did you mean `{$near}`?
s3-bucket-no-match-among = no bucket matches `{$pattern}`; found: {$found}
s3-bucket-exists = bucket `{$bucket}` exists

## S3: Block Public Access

s3-block-public-access-restrict-account = Block Public Access RestrictPublicBuckets is on (account level): anonymous access through a public policy is refused; expected it off
s3-block-public-access-restrict-bucket = Block Public Access RestrictPublicBuckets is on (bucket level): anonymous access through a public policy is refused; expected it off
s3-block-public-access-block-policy-account = Block Public Access BlockPublicPolicy is on (account level): S3 refuses a public bucket policy; expected it off
s3-block-public-access-block-policy-bucket = Block Public Access BlockPublicPolicy is on (bucket level): S3 refuses a public bucket policy; expected it off
s3-block-public-access-allows = Block Public Access lets `{$bucket}` have a public policy

## S3: website hosting

s3-website-off = static website hosting is off on `{$bucket}`; expected it on with index document `{$index}`
s3-website-on = website hosting is on, index document `{$index}`
s3-website-index-mismatch = index document is `{$found}`; expected `{$expected}`

## S3: objects

s3-object-exists = `{$key}` is in `{$bucket}`
s3-object-not-found = `{$key}` not found in `{$bucket}`
s3-object-not-found-near = `{$key}` not found in `{$bucket}`; did you mean `{$near}`?
s3-object-unreadable = the content of `{$key}` could not be read
s3-object-calls-api = `{$key}` calls {$url}
s3-object-calls-other = `{$key}` calls {$found}; expected {$expected}
s3-object-no-api-call = `{$key}` does not call the API; expected it to call {$url}

## S3: the bucket policy

s3-bucket-policy-missing = `{$bucket}` has no bucket policy; expected one letting anyone (Principal "*") s3:GetObject on arn:aws:s3:::{$bucket}/*
s3-bucket-policy-invalid = the bucket policy could not be read: {$error}
s3-public-read-allowed = anyone may s3:GetObject {$object_arn}
s3-public-read-bucket-arn-only = the policy grants s3:GetObject on {$bucket_arn} only, which names the bucket, not its objects; expected Resource {$bucket_arn}/*
s3-public-read-not-allowed = the bucket policy does not let anyone s3:GetObject {$object_arn} without conditions; expected Effect Allow, Principal "*", Action s3:GetObject, Resource {$bucket_arn}/*

## serverless-backend: the console's basic role, a scoped customer policy, least privilege

lambda-execution-role-console-default = execution role is `{$found}`, the role the console created with basic Lambda permissions (logs only); expected your role `{$expected}`
iam-customer-policy-allows = customer managed policy `{$policy}` on `{$role}` allows what the function needs on {$resource}
iam-customer-policy-not-allowing = customer managed policy `{$policy}` on `{$role}` does not allow {$actions} on {$resource}; another policy grants it
iam-customer-policy-none = `{$role}` has no customer managed policy of your own; it is allowed through {$policies}. Expected a policy you created, attached to the role
iam-least-privilege-scoped = `{$role}` reaches only {$resource} with these actions
iam-least-privilege-not-allowed = `{$role}` may not {$action} on {$resource}
iam-least-privilege-too-broad = `{$role}` may also {$action} on {$resource} (through {$statement}): it works, but the policy is not scoped to the table's ARN

## serverless-backend: CloudWatch Logs (not found: `name`, `region`, and `near`, `found` or `found_region`)

logs-log-group-not-found = log group `{$name}` not found in {$region}
logs-log-group-not-found-near = log group `{$name}` not found; did you mean `{$near}`?
logs-log-group-not-found-among = log group `{$name}` not found; found {$found}
logs-log-group-in-other-region = log group `{$name}` is in {$found_region}; the lab expects {$region}
logs-log-group-exists = log group `{$group}` exists
logs-log-stream-exists = `{$group}` has a log stream (latest `{$stream}`)
logs-log-stream-none = `{$group}` has no log stream: the function has not written a log yet

## serverless-backend: API Gateway endpoint type and logging

apigateway-endpoint-unread = the endpoint type of `{$api}` was not read
apigateway-endpoint-matches = endpoint type is {$found}
apigateway-endpoint-mismatch = endpoint type is {$found}; expected {$expected}
apigateway-stage-logging-on = execution logging is on for stage `{$stage}` (level {$level})
apigateway-stage-logging-off = execution logging is off for stage `{$stage}`; expected ERROR or INFO
apigateway-account-logs-role-unset = API Gateway's CloudWatch log role ARN is not set in this region's settings
apigateway-account-logs-role-missing = API Gateway's settings name {$arn}, but no such role exists
apigateway-account-logs-role-set = API Gateway's settings name role `{$role}` ({$arn})
## vpc-s3-endpoint: the instance (found by its Name tag)

ec2-instance-not-found = no instance named `{$instance}` in {$region}
ec2-instance-not-found-among = no instance named `{$instance}` in {$region}; found instances named {$found}
ec2-instance-running = `{$instance}` ({$id}) is running in {$subnet}
ec2-instance-pending = `{$instance}` ({$id}) is still starting ({$state}); check again in a minute
ec2-instance-not-running = `{$instance}` ({$id}) is {$state}; expected running

## vpc-s3-endpoint: the route table of the instance's subnet

ec2-route-table-not-found = no route table applies to {$subnet} (VPC {$vpc})
ec2-route-table-internet-route = route table {$table} still sends {$destination} to {$target}, so traffic can leave without the endpoint; delete that route
ec2-route-table-blackhole = route table {$table} has no way to the internet ({$destination} → {$target} is a blackhole: its target was deleted; you may delete the route)
ec2-route-table-private = route table {$table} of {$subnet} has no route to the internet

## vpc-s3-endpoint: the S3 gateway endpoint

ec2-endpoint-other-vpc = the S3 endpoint {$endpoint} is in {$found_vpc}, not in the instance's VPC {$vpc}
ec2-endpoint-none = no endpoint for {$service} in the instance's VPC {$vpc}
ec2-endpoint-not-gateway = the S3 endpoint {$endpoint} is of type {$found}; expected Gateway
ec2-endpoint-gateway = gateway endpoint {$endpoint} for S3 is in {$vpc}
ec2-endpoint-pending = endpoint {$endpoint} is {$state}; check again in a minute
ec2-endpoint-unavailable = endpoint {$endpoint} is {$state}; expected available
ec2-endpoint-route-no-tables = endpoint {$endpoint} is associated with no route table; expected {$table}, the table of {$subnet}
ec2-endpoint-route-other-table = endpoint {$endpoint} is associated with {$found}, not with {$table}, the table {$subnet} uses
ec2-endpoint-route-blackhole = the route to {$prefix_list} in {$table} is a blackhole
ec2-endpoint-route-present = {$table} routes {$prefix_list} (S3) to {$endpoint}
ec2-endpoint-route-missing = {$table} has no route to the S3 prefix list through {$endpoint}
ec2-endpoint-bucket-other-region = `{$bucket}` is in {$bucket_region}; a gateway endpoint in {$region} reaches buckets of its own region only
ec2-endpoint-policy-full-access = endpoint {$endpoint} has the default policy (full access)
ec2-endpoint-policy-invalid = the endpoint policy could not be read: {$error}
ec2-endpoint-policy-allows = the policy of {$endpoint} allows {$action} on {$resource}
ec2-endpoint-policy-denies = the policy of {$endpoint} does not allow {$action} on {$resource}

## vpc-s3-endpoint: the instance profile

ec2-instance-profile-none = `{$instance}` has no IAM role (instance profile)
ec2-instance-profile-no-role = instance profile `{$profile}` holds no role
ec2-instance-profile-missing = `{$instance}` names instance profile `{$profile}`, which no longer exists
ec2-instance-profile-role = `{$instance}` has instance profile `{$profile}` with role `{$role}`

## vpc-s3-endpoint: the upload

s3-object-uploaded = `{$key}` is in `{$bucket}`
s3-object-none-uploaded = `{$bucket}` holds no object matching `{$key}`

## alb-autoscaling

elb-alb-not-found = no load balancer named `{$alb}`
elb-alb-not-found-among = no load balancer named `{$alb}`; found {$found}
elb-alb-not-application = `{$alb}` is a {$found} load balancer; expected an Application Load Balancer
elb-alb-internal = `{$alb}` is internal; expected internet-facing, so browsers can reach it
elb-alb-one-zone = `{$alb}` is in {$zones} Availability Zone; an Application Load Balancer needs at least two
elb-alb-provisioning = `{$alb}` is still provisioning; check again in a few minutes
elb-alb-ok = `{$alb}` is internet-facing in {$zones}
elb-alb-sg-open = the security groups of `{$alb}` ({$groups}) let anyone in on port {$port}
elb-alb-sg-closed = no security group of `{$alb}` ({$groups}) lets the internet (0.0.0.0/0) in on port {$port}
elb-instances-sg-from-alb = the instances of `{$asg}` accept port {$port} from the security group of `{$alb}`
elb-instances-sg-world = {$groups} open port {$port} to 0.0.0.0/0; allow it from the load balancer's security group ({$alb_groups}) instead
elb-instances-sg-closed = {$groups} do not let the load balancer's security group ({$alb_groups}) in on port {$port}, so health checks time out
elb-listener-missing = `{$alb}` has no {$protocol}:{$port} listener (listeners: {$found})
elb-listener-forwards = the {$protocol}:{$port} listener forwards to `{$target_group}`
elb-listener-no-forward = the {$protocol}:{$port} listener does not forward to a target group
elb-target-group-not-found = no target group named `{$target_group}`
elb-target-group-not-found-among = no target group named `{$target_group}`; found {$found}
elb-target-group-wrong-port = `{$target_group}` is {$protocol}:{$port}; expected HTTP:{$expected}
elb-target-group-ok = `{$target_group}` is HTTP:{$port}, health check on {$path}
ec2-launch-template-not-found = no launch template named `{$launch_template}`
ec2-launch-template-not-found-among = no launch template named `{$launch_template}`; found {$found}
ec2-launch-template-exists = launch template `{$launch_template}` exists (default version {$version})
autoscaling-group-not-found = no Auto Scaling group named `{$asg}`
autoscaling-group-not-found-among = no Auto Scaling group named `{$asg}`; found {$found}
autoscaling-group-no-template = `{$asg}` does not launch from the launch template `{$launch_template}`
autoscaling-group-max = `{$asg}` has maximum capacity {$max}; expected {$expected}
autoscaling-group-ok = `{$asg}` launches from `{$launch_template}`, up to {$max} instances
autoscaling-attached-yes = `{$asg}` registers its instances in `{$target_group}`
autoscaling-attached-none = `{$asg}` is attached to no target group; expected `{$target_group}`
autoscaling-attached-other = `{$asg}` is attached to {$found}, not to `{$target_group}`, the one the listener forwards to
autoscaling-policy-cpu = `{$asg}` scales on average CPU with target tracking (`{$policy}`)
autoscaling-policy-none = `{$asg}` has no target tracking policy on average CPU utilization (policies: {$found})
elb-targets-healthy = {$healthy} of {$total} targets of `{$target_group}` are healthy
elb-targets-initial = the targets of `{$target_group}` are still being checked (initial); check again in a minute
elb-targets-unhealthy = target {$target} of `{$target_group}` is unhealthy ({$reason}); the health check asks for {$path}
elb-targets-none = no target is registered in `{$target_group}`
elb-targets-not-healthy = no target of `{$target_group}` is healthy (states: {$states})
acm-certificate-in-other-region = the certificate for {$domain} is in {$found_region}; a load balancer in {$region} needs one in {$region}
acm-certificate-none = no ACM certificate for {$domain} in {$region}
acm-certificate-none-any = no ACM certificate in {$region}
acm-certificate-issued = the certificate for {$domain} is issued
acm-certificate-pending = the certificate for {$domain} is waiting for DNS validation
acm-certificate-not-issued = the certificate for {$domain} is {$status}; expected ISSUED
elb-https-missing = `{$alb}` has no HTTPS:443 listener
elb-https-ok = `{$alb}` serves HTTPS on 443 with {$certificate}
elb-https-wrong-certificate = the HTTPS listener of `{$alb}` uses {$found}, not an issued certificate for the domain
## sns-notify: the SNS topic and its subscription

sns-topic-exists = topic `{$topic}` exists ({$arn})
sns-topic-not-found = no SNS topic `{$name}` in {$region}
sns-topic-not-found-near = no SNS topic `{$name}` in {$region}; did you mean `{$near}`?
sns-topic-not-found-among = no SNS topic `{$name}` in {$region}; topics here: {$found}
sns-topic-in-other-region = topic `{$name}` is in {$found_region}; the lab expects {$region}
sns-subscription-confirmed = {$endpoint} is subscribed to `{$topic}` and confirmed
sns-subscription-pending = the e-mail subscription of {$endpoint} to `{$topic}` is PendingConfirmation: click "Confirm subscription" in the mail from AWS Notifications (look in spam too)
sns-subscription-none = topic `{$topic}` has no subscriptions; expected an Email subscription
sns-subscription-no-email = topic `{$topic}` has subscriptions ({$protocols}) but none by Email

## sns-notify: the function, its role and its environment

lambda-role-unknown = the execution role of `{$function}` could not be read
lambda-environment-has-topic = `{$function}` has the topic's ARN in its environment variable `{$variable}`
lambda-environment-other-topic = `{$function}`'s environment variable `{$variable}` holds {$found}; expected {$expected}
lambda-environment-no-topic = no environment variable of `{$function}` holds {$expected}; labcheck reads environment variables only, not the code, so an ARN written only in the code is not seen

## sns-notify: the S3 trigger and the permission for it

s3-trigger-fires = uploading `{$key}` to `{$bucket}` runs `{$function}`
s3-trigger-none = `{$bucket}` has no event notification to a Lambda function; expected one for object-created events to `{$function}`
s3-trigger-other-function = `{$bucket}`'s event notifications go to {$found}, not to `{$function}`
s3-trigger-filter-excludes = the trigger on `{$bucket}` does not fire for `{$key}`: its filter (prefix "{$prefix}", suffix "{$suffix}") excludes the key
s3-trigger-wrong-events = the trigger on `{$bucket}` fires on {$events}, not on object creation (s3:ObjectCreated:*)
lambda-s3-permission-allowed = S3 may invoke `{$function}` for `{$bucket}`
lambda-s3-permission-missing = the resource policy of `{$function}` does not let s3.amazonaws.com invoke it for {$bucket_arn}; expected a lambda:InvokeFunction permission with that SourceArn

## sns-notify: the object ACL

s3-object-acl-public = `{$key}` in `{$bucket}` is readable by anyone through its ACL (AllUsers READ)
s3-object-acl-acls-disabled = `{$bucket}` has Object Ownership "Bucket owner enforced": ACLs are disabled, so put-object-acl is refused (AccessControlListNotSupported) and no ACL makes `{$key}` public; enable ACLs in Object Ownership first
s3-object-acl-ignored-account = the account's Block Public Access has IgnorePublicAcls on: S3 ignores any public grant on `{$key}`
s3-object-acl-ignored-bucket = the Block Public Access of `{$bucket}` has IgnorePublicAcls on: S3 ignores any public grant on `{$key}`
s3-object-acl-blocked-account = `{$key}` has no public grant, and the account's Block Public Access has BlockPublicAcls on, which refuses put-object-acl --acl public-read with AccessDenied
s3-object-acl-blocked-bucket = `{$key}` has no public grant, and the Block Public Access of `{$bucket}` has BlockPublicAcls on, which refuses put-object-acl --acl public-read with AccessDenied
s3-object-acl-private = the ACL of `{$key}` in `{$bucket}` grants AllUsers nothing; expected READ (put-object-acl --acl public-read)
