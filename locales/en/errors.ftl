# Why an account could not be read at all (exit 3), one message per kind of
# failure. The id is `aws-` and the error's stable code (`--output json`
# gives the code); a few have a second form when an --endpoint-url is in use.
# Arguments are values (names, reasons AWS gave), never sentences.

aws-no-credentials = no AWS credentials found ({$detail}); run `aws configure`, set AWS_PROFILE, or pass --profile NAME (for IAM Identity Center: `aws sso login --profile NAME`)
aws-unknown-profile = profile `{$name}` is not in {$files}; create it with `aws configure --profile {$name}` (or `aws configure sso`), or leave out --profile
aws-sso-expired = the IAM Identity Center (SSO) session has expired or is missing; run `{$command}` and try again
aws-bad-credentials = AWS did not accept the credentials ({$code}: {$message}); check them with `aws sts get-caller-identity`, or refresh them (`aws configure`, `aws sso login`)
aws-network = could not reach AWS: {$reason}; check the network connection
aws-network-endpoint = could not reach {$target}: {$reason}; check that it is running and that --endpoint-url is right
aws-service-error = {$action} failed: {$code}: {$message}
aws-not-aws = {$endpoint} answered HTTP {$status} to {$action}, which is not an AWS answer; check that --endpoint-url points at the emulator or AWS service itself
aws-timed-out = reading the account took longer than {$limit} and was stopped; try again, or allow longer with --timeout
aws-timed-out-endpoint = reading the account took longer than {$limit} and was stopped ({$endpoint} accepted the connection but did not answer); try again, or allow longer with --timeout
aws-feature-missing = this labcheck was built without the `{$feature}` feature, so it cannot read this lab's AWS services (it can still run the lab on the simulator with --sim); build it with the default features: `cargo install labcheck` or `cargo build` without --no-default-features

# A student's snapshot (`grade` roster `snapshot = …`) that could not be read or parsed.
grade-snapshot-unreadable = could not read the snapshot {$path}: {$reason}
