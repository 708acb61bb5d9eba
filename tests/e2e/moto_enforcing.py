"""moto server for the enforced tier: IAM authorization on, request
signatures not checked. moto computes a different signature than the AWS
SDKs for path-style REST services (Lambda, API Gateway, S3 Control: boto3
and the Rust SDK alike get SignatureDoesNotMatch), which would refuse every
such call and hide the refusals the tier is about. Authorization (the
policy evaluation this tier tests) is left as moto does it.

Usage: python3 moto_enforcing.py -H 127.0.0.1 -p PORT
"""

import sys

from moto.iam import access_control
from moto.server import main

access_control.IAMRequestBase.check_signature = lambda self: None

if __name__ == "__main__":
    sys.exit(main())
