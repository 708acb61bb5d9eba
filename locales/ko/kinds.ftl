## `labcheck show`에서 검사 종류마다 한 줄: 그 종류가 무엇을 보는지.
## ID는 `kind-` 뒤에 종류 이름을 붙이고 `.`을 `-`로 바꾼 것입니다.

kind-apigateway-api-exists = 이 이름의 REST API가 있음
kind-apigateway-method-exists = 리소스에 이 HTTP 메서드가 있음
kind-apigateway-lambda-proxy = 메서드의 통합이 이 함수로 가는 Lambda 프록시 통합(AWS_PROXY)임
kind-apigateway-response-header = 메서드가 이 헤더로 응답함(`contains`를 지정하면 헤더 값에 그 값이 들어 있음)
kind-apigateway-stage-deployed = 스테이지가 있고 배포되어 있음
kind-dynamodb-table-exists = 테이블이 있음
kind-dynamodb-table-active = 테이블 상태가 ACTIVE임
kind-dynamodb-partition-key = 테이블의 파티션 키(HASH)가 이 이름과 유형임(유형 기본값은 S)
kind-dynamodb-has-items = 테이블에 항목이 하나 이상 있음
kind-iam-caller-not-root = 사용 중인 자격 증명이 계정의 루트 사용자가 아님
kind-iam-admin-user-exists = 모든 리소스에 대해 모든 작업을 할 수 있는 IAM 사용자가 있음(연결된 정책, 인라인 정책, 그룹 정책을 모두 봄)
kind-iam-role-trusts-service = 역할의 신뢰 정책이 이 서비스가 역할을 수임하도록(sts:AssumeRole) 허용함
kind-iam-role-allows = 역할의 정책이 이 리소스에 대한 이 작업을 허용함(명시적 거부가 우선함)
kind-lambda-function-exists = 함수가 있고 생성이 끝났음(생성 중 상태가 아님)
kind-lambda-runtime = 함수의 런타임 식별자가 이 계열 이름으로 시작함(기본값은 python3)
kind-lambda-execution-role = 함수가 이 실행 역할로 실행됨
kind-lambda-invoke-permission = 함수의 리소스 기반 정책이 API Gateway(이 API의 메서드)의 호출을 허용함
kind-probe-api-invoke = 스테이지 호출 URL에 GET을 보내면 200으로 응답함(헤더를 지정하면 응답에 그 헤더도 있음)
kind-probe-website = 버킷 웹 사이트 엔드포인트에 GET을 보내면 200으로 응답함
kind-probe-alb = 로드 밸런서 DNS 이름에 GET을 보내면 200으로 응답함
kind-probe-alb-https = 로드 밸런서에 실습 호스트 이름으로 HTTPS GET을 보내면 그 호스트에 유효한 인증서로 200을 응답함
kind-s3-bucket-exists = 이 이름의(또는 이 패턴에 맞는) 버킷이 있음
kind-s3-public-policy-allowed = 퍼블릭 액세스 차단(버킷 또는 계정 수준)이 퍼블릭 버킷 정책을 막지 않음
kind-s3-website-index = 정적 웹 사이트 호스팅이 활성화되어 있고 인덱스 문서가 이 문서임
kind-s3-object-exists = 버킷에 객체가 있음
kind-s3-public-read = 버킷 정책이 조건 없이 누구에게나 이 객체에 대한 s3:GetObject를 허용함
kind-s3-object-calls-api = 객체 내용이 API 스테이지의 호출 URL을 호출함

## serverless-backend
kind-iam-customer-policy-allows = 역할에 연결된 고객 관리형 정책이 리소스에 대한 모든 작업(쉼표로 구분)을 허용함
kind-iam-least-privilege = 역할이 이 리소스에 대해서만 작업을 할 수 있음(`*`, `table/*`, 범위가 넓은 관리형 정책으로는 통과하지 않음)
kind-logs-log-group-exists = CloudWatch Logs 로그 그룹이 있음
kind-logs-log-stream-exists = 로그 그룹에 로그 스트림이 하나 이상 있음
kind-apigateway-endpoint-type = REST API의 엔드포인트 유형이 이 유형임(기본값 REGIONAL)
kind-apigateway-stage-logging = 스테이지의 실행 로깅(*/* 로깅 수준)이 ERROR 또는 INFO임
kind-apigateway-account-logs-role = API Gateway 계정 설정에 있는 CloudWatch 로그 역할이 실제로 있음
kind-apigateway-account-logs-role-trusts = API Gateway 설정의 역할이 서비스(기본값 apigateway.amazonaws.com)를 신뢰함
kind-apigateway-account-logs-role-allows = API Gateway 설정의 역할이 리소스에 대해 작업을 할 수 있음
## vpc-s3-endpoint

kind-ec2-instance-running = 이 Name 태그(패턴)의 인스턴스가 실행 중임
kind-ec2-no-internet-route = 인스턴스 서브넷의 라우팅 테이블(명시적으로 연결된 테이블, 없으면 VPC의 기본 테이블)에 인터넷 게이트웨이나 NAT 게이트웨이로 가는 활성 0.0.0.0/0 라우팅이 없음
kind-ec2-s3-gateway-endpoint = 인스턴스의 VPC에 Gateway 유형의 S3 엔드포인트가 있고 사용 가능(available) 상태임
kind-ec2-endpoint-route = S3 엔드포인트가 인스턴스 서브넷의 라우팅 테이블에 연결되어 있고, 그 테이블이 S3 접두사 목록을 엔드포인트로 보냄
kind-ec2-endpoint-allows = 버킷이 엔드포인트와 같은 리전에 있고 엔드포인트 정책이 버킷 객체에 대한 작업을 허용함
kind-ec2-instance-profile = 인스턴스에 역할이 든 인스턴스 프로파일이 있음
kind-ec2-instance-role-trusts = 인스턴스 프로파일의 역할이 서비스(기본값 ec2.amazonaws.com)를 신뢰함
kind-ec2-instance-role-allows = 인스턴스 프로파일의 역할이 버킷 객체에 대한 작업(기본값 s3:PutObject)을 할 수 있음
kind-s3-object-uploaded = 버킷에 키가 일치하는 객체가 있음(기본값: 아무 객체)

## alb-autoscaling

kind-elb-target-group = 대상 그룹이 해당 포트(기본값 80)의 HTTP임
kind-elb-alb = 로드 밸런서가 가용 영역 두 개 이상에 있는 인터넷 경계 Application Load Balancer임
kind-elb-alb-port-open = 로드 밸런서의 보안 그룹이 해당 포트에서 인터넷 접속을 허용함
kind-elb-instances-from-alb = 인스턴스의 보안 그룹(Auto Scaling 그룹 시작 템플릿의 보안 그룹)이 대상 포트에서 로드 밸런서의 보안 그룹을 허용함
kind-elb-listener-forwards = 로드 밸런서에 해당 포트와 프로토콜(기본값 HTTP:80)의 리스너가 있고 대상 그룹으로 전달함
kind-ec2-launch-template = 시작 템플릿이 있음
kind-autoscaling-uses-template = Auto Scaling 그룹이 시작 템플릿으로 인스턴스를 시작하고 최대 용량이 이 값(기본값 4)임
kind-autoscaling-attached = Auto Scaling 그룹이 로드 밸런서의 HTTP 리스너가 전달하는 대상 그룹에 인스턴스를 등록함
kind-autoscaling-cpu-policy = Auto Scaling 그룹에 평균 CPU 사용률 대상 추적 정책이 있음
kind-elb-targets-healthy = 로드 밸런서 대상 그룹의 대상 중 하나 이상이 정상임
kind-acm-certificate-issued = 실습 리전에 도메인(지정하지 않으면 아무 도메인)을 포함하는 ACM 인증서가 발급(ISSUED)됨
kind-elb-https-listener = 로드 밸런서에 도메인을 포함하는 발급된 인증서를 쓰는 HTTPS:443 리스너가 있음
## sns-notify
kind-sns-topic-exists = 이 이름의 SNS 주제가 있음
kind-sns-email-confirmed = 주제에 대한 이메일(Email) 구독이 확인됨(PendingConfirmation이 아님)
kind-lambda-role-may-publish = 함수의 실행 역할이 주제에 sns:Publish 할 수 있음(정책을 평가함)
kind-lambda-environment-has-topic = 함수의 환경 변수 중 하나에 주제 ARN이 있음(코드는 읽지 않음)
kind-s3-lambda-trigger = 키가 생성되면 버킷의 이벤트 알림이 함수를 실행함
kind-lambda-s3-invoke-permission = 함수의 리소스 기반 정책이 이 버킷에 대해 s3.amazonaws.com의 호출을 허용함
kind-s3-object-acl-public-read = ACL이 활성화되어 있고 퍼블릭 ACL이 차단되거나 무시되지 않으며, 객체 ACL이 AllUsers에게 READ를 부여함
