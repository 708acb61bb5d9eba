## One line per check kind for `labcheck show`: what the kind looks at.
## The id is `kind-` and the kind's name with `.` written as `-`.

kind-apigateway-api-exists = a REST API with this name exists
kind-apigateway-method-exists = the resource has this HTTP method
kind-apigateway-lambda-proxy = the method's integration is Lambda proxy (AWS_PROXY) to the function
kind-apigateway-response-header = the method answers with this header (its value listing `contains`, if given)
kind-apigateway-stage-deployed = the stage exists with a deployment
kind-dynamodb-table-exists = the table exists
kind-dynamodb-table-active = the table's status is ACTIVE
kind-dynamodb-partition-key = the table's partition (HASH) key has this name and type (S by default)
kind-dynamodb-has-items = the table holds at least one item
kind-iam-caller-not-root = the credentials in use are not the account's root user
kind-iam-admin-user-exists = some IAM user may do every action on every resource (attached, inline and group policies)
kind-iam-role-trusts-service = the role's trust policy lets the service assume it (sts:AssumeRole)
kind-iam-role-allows = the role's policies allow the action on the resource (an explicit Deny wins)
kind-lambda-function-exists = the function exists and is not still being created
kind-lambda-runtime = the function's runtime starts with the family (python3 by default)
kind-lambda-execution-role = the function runs with this execution role
kind-lambda-invoke-permission = the function's resource policy lets API Gateway (this API's method) invoke it
kind-probe-api-invoke = GET on the stage's invoke URL answers 200 (with the header, if given)
kind-probe-website = GET on the bucket's website endpoint answers 200
kind-probe-alb = GET on the load balancer's DNS name answers 200
kind-probe-alb-https = an HTTPS GET at the load balancer for the lab's host name answers 200, with a certificate valid for that host
kind-s3-bucket-exists = a bucket with this name (or matching this pattern) exists
kind-s3-public-policy-allowed = Block Public Access (bucket or account level) does not block a public bucket policy
kind-s3-website-index = static website hosting is on with this index document
kind-s3-object-exists = the object exists in the bucket
kind-s3-public-read = the bucket policy lets anyone s3:GetObject the object, with no condition narrowing it
kind-s3-object-calls-api = the object's content calls the API stage's invoke URL

## serverless-backend
kind-iam-customer-policy-allows = a customer managed policy attached to the role allows every action (comma-separated) on the resource
kind-iam-least-privilege = the role may do the actions on the resource and on nothing beside it (`*`, `table/*` and broad managed policies do not earn it)
kind-logs-log-group-exists = the CloudWatch Logs log group exists
kind-logs-log-stream-exists = the log group holds at least one log stream
kind-apigateway-endpoint-type = the REST API's endpoint type is this one (REGIONAL by default)
kind-apigateway-stage-logging = the stage's execution logging (*/* logging level) is ERROR or INFO
kind-apigateway-account-logs-role = API Gateway's account settings name a CloudWatch log role that exists
kind-apigateway-account-logs-role-trusts = the role in API Gateway's settings trusts the service (apigateway.amazonaws.com by default)
kind-apigateway-account-logs-role-allows = the role in API Gateway's settings may do the action on the resource
## vpc-s3-endpoint

kind-ec2-instance-running = an instance with this Name tag (a pattern) is running
kind-ec2-no-internet-route = the route table of the instance's subnet (its own, else the VPC's main table) has no active 0.0.0.0/0 route to an internet or NAT gateway
kind-ec2-s3-gateway-endpoint = the instance's VPC has an S3 endpoint of type Gateway, available
kind-ec2-endpoint-route = the S3 endpoint is associated with the route table of the instance's subnet, which routes the S3 prefix list to it
kind-ec2-endpoint-allows = the bucket is in the endpoint's region and the endpoint policy allows the action on its objects
kind-ec2-instance-profile = the instance has an instance profile holding a role
kind-ec2-instance-role-trusts = the role of the instance's profile trusts the service (ec2.amazonaws.com by default)
kind-ec2-instance-role-allows = the role of the instance's profile may do the action (s3:PutObject by default) on the bucket's objects
kind-s3-object-uploaded = the bucket holds an object whose key matches (any, by default)

## alb-autoscaling

kind-elb-target-group = the target group is HTTP on the port (80 by default)
kind-elb-alb = the load balancer is an internet-facing Application Load Balancer in at least two Availability Zones
kind-elb-alb-port-open = a security group of the load balancer lets the internet in on the port
kind-elb-instances-from-alb = the instances' security group (the Auto Scaling group's launch template's) lets the load balancer's security group in on the target port
kind-elb-listener-forwards = the load balancer has a listener on the port and protocol (HTTP:80 by default) forwarding to a target group
kind-ec2-launch-template = the launch template exists
kind-autoscaling-uses-template = the Auto Scaling group launches from the launch template, with this maximum capacity (4 by default)
kind-autoscaling-attached = the Auto Scaling group registers its instances in the target group the load balancer's HTTP listener forwards to
kind-autoscaling-cpu-policy = the Auto Scaling group has a target tracking policy on average CPU utilization
kind-elb-targets-healthy = at least one target of the load balancer's target group is healthy
kind-acm-certificate-issued = an ACM certificate in the lab's region covering the domain (any, if none given) is ISSUED
kind-elb-https-listener = the load balancer has an HTTPS:443 listener with an issued certificate covering the domain
## sns-notify
kind-sns-topic-exists = an SNS topic with this name exists
kind-sns-email-confirmed = an Email subscription to the topic is confirmed (not PendingConfirmation)
kind-lambda-role-may-publish = the function's execution role may sns:Publish to the topic (policies evaluated)
kind-lambda-environment-has-topic = one of the function's environment variables holds the topic's ARN (the code is not read)
kind-s3-lambda-trigger = an event notification on the bucket runs the function when the key is created
kind-lambda-s3-invoke-permission = the function's resource policy lets s3.amazonaws.com invoke it for the bucket
kind-s3-object-acl-public-read = the object's ACL grants AllUsers READ, with ACLs enabled and public ACLs neither blocked nor ignored
