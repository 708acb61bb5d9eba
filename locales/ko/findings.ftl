# labcheck: 검사 결과(finding) 문구, 한국어.
#
# locales/en/findings.ftl과 같은 id, 같은 인수를 씁니다. id는 코드의 `.`을 `-`로
# 바꾼 것입니다(`dynamodb.partition-key.mismatch` → `dynamodb-partition-key-mismatch`).
# 모든 메시지는 이름 있는 인수를 쓰는 완전한 문장입니다. 인수는 이름, 값, 이름 목록
# (`found`, `policies`, `users`, `unmet`)이므로 받침에 따라 모양이 바뀌는 조사
# (이/가, 을/를, 은/는, 와/과, (으)로)를 인수 바로 뒤에 붙이지 않습니다. 인수 뒤에는
# 고정된 명사(테이블, 함수, 역할…), 콜론, 또는 모양이 바뀌지 않는 조사(에, 에서, 의,
# 입니다)만 둡니다.
# 코드 목록은 src/report/catalog.rs의 `CODES`입니다.

## 엔진

engine-dependency-unmet = 검사하지 않았습니다. 먼저 통과해야 하는 검사: { $unmet }
engine-arguments-invalid = 검사하지 않았습니다. 인수가 이 검사 종류에 맞지 않습니다({ $error }). 실습 파일에 `labcheck lint`를 실행하십시오
engine-candidates-api-called = 이름이 { $name }인 REST API가 { $count }개 있습니다. index.html이 호출하는 API를 검사했습니다: { $chosen }
engine-candidates-api-best = 이름이 { $name }인 REST API가 { $count }개 있습니다. 점수를 가장 많이 얻는 API를 검사했습니다: { $chosen }. 확실히 하려면 쓰지 않는 API를 삭제하십시오
engine-candidates-bucket-best = 패턴 { $name }에 맞는 버킷이 { $count }개 있습니다. 점수를 가장 많이 얻는 버킷을 검사했습니다: { $chosen }
engine-candidates-bounded = 이름이 같은 리소스를 고르는 { $total }가지 방법 중 처음 { $tried }가지만 검사했습니다. 쓰지 않는 리소스를 삭제하십시오

## 읽기 권한이 거부됨

iam-read-denied = { $action } 권한이 없어 AccessDenied 오류가 반환되었습니다. 역할에 이 권한을 추가하거나 관리자 프로필로 실행하십시오
iam-read-denied-on = { $action } 권한이 거부되어 다음을 읽지 못했습니다: { $resource }. labcheck가 읽을 때 쓰는 자격 증명에 { $action } 권한을 허용하거나(함께 제공되는 정책에 들어 있습니다) 관리자 프로필로 실행하십시오

## 프로브 (호출 URL과 웹 사이트 엔드포인트에 HTTP GET)

probe-not-run = 프로브를 실행하지 않았습니다: { $reason }
probe-not-run-no-probe = 프로브를 실행하지 않았습니다. --no-probe 옵션을 지정했습니다
probe-not-run-endpoint = 프로브를 실행하지 않았습니다. AWS 대신 엔드포인트({ $endpoint })를 사용하므로 GET을 보낼 실제 URL이 없습니다
probe-no-response = 프로브를 실행하지 않았습니다. { $url }에 대한 응답이 기록되지 않았습니다
probe-http-status = GET { $url } 요청의 응답 코드는 { $status }입니다. 200이어야 합니다
probe-http-status-body = GET { $url } 요청의 응답 코드는 { $status }({ $body })입니다. 200이어야 합니다
probe-api-ok = GET { $url } 요청의 응답 코드는 200입니다
probe-api-ok-header = GET { $url } 요청의 응답 코드는 200이며 응답에 { $header }: { $value } 헤더가 있습니다
probe-api-header-missing = GET { $url } 요청의 응답 코드는 200이지만 응답에 { $header } 헤더가 없습니다. 브라우저가 이 응답을 거부합니다(CORS)
probe-website-ok = { $url }에서 페이지를 제공합니다
probe-no-answer = GET { $url } 요청에 응답이 없습니다: { $reason }
probe-alb-ok = 로드 밸런서 { $alb }에 보낸 GET { $url } 요청의 응답 코드는 200입니다
probe-alb-https-no-host = 프로브를 실행하지 않았습니다. { $alb }에 발급된 인증서를 쓰는 HTTPS:443 리스너가 없어 요청할 호스트 이름이 없습니다
probe-alb-https-ok = { $dns }에 보낸 GET { $url } 요청이 HTTPS로 200을 응답했고, 인증서가 이 호스트에 유효합니다
probe-alb-https-no-answer = { $dns }에 보낸 GET { $url } 요청이 HTTPS로 응답하지 않았습니다: { $reason }

## IAM: 호출자

iam-caller-unknown = 호출자의 자격 증명을 알 수 없습니다
iam-caller-root = 루트 사용자로 로그인했습니다: { $arn }. IAM 사용자나 역할로 로그인해야 합니다
iam-caller-not-root = 로그인한 자격 증명: { $arn }

## IAM: 관리자 사용자

iam-admin-user-found = `{ $user }` 사용자는 모든 작업을 할 수 있습니다: { $policies }
iam-admin-user-no-users = IAM 사용자가 없습니다. 관리자 사용자가 있어야 합니다
iam-admin-user-none = 모든 리소스에 대해 모든 작업을 할 수 있는 IAM 사용자가 없습니다. 사용자: { $users }
iam-admin-user-undecided = `{ $user }` 사용자가 관리자인지 판정할 수 없습니다. 이 사용자에게 적용되는 정책 중 읽지 못한 것이 있고({ $unread }, { $permission } 권한 거부), 그 정책에 따라 결과가 달라질 수 있습니다. labcheck가 읽을 때 쓰는 자격 증명에 { $permission } 권한을 허용하십시오

## IAM: 정책

iam-policy-invalid = 정책 문서를 읽을 수 없습니다. { $policy }: { $error }

## IAM: 역할 (찾을 수 없음: `name`, `region`과 `near`, `found` 또는 `found_region`)

iam-role-not-found = { $region }에서 `{ $name }` 역할을 찾을 수 없습니다
iam-role-not-found-near = `{ $name }` 역할을 찾을 수 없습니다. 이름이 비슷한 역할: `{ $near }`
iam-role-not-found-among = `{ $name }` 역할을 찾을 수 없습니다. 찾은 역할: { $found }
iam-role-in-other-region = `{ $name }` 역할이 { $found_region } 리전에 있습니다. 실습 리전은 { $region }입니다. --region { $found_region } 옵션으로 실행하거나 역할을 다시 생성하십시오
iam-trust-policy-invalid = 신뢰 정책을 읽을 수 없습니다: { $error }
iam-trust-allowed = `{ $service }` 서비스가 `{ $role }` 역할을 수임할 수 있습니다
iam-trust-denied = `{ $role }` 역할의 신뢰 정책이 `{ $service }` 서비스의 sts:AssumeRole 호출을 거부합니다
iam-trust-missing = `{ $role }` 역할의 신뢰 정책이 `{ $service }` 서비스의 역할 수임을 허용하지 않습니다. Principal {"{"}"Service": "{ $service }"{"}"}에 sts:AssumeRole을 허용하는 문(statement)이 있어야 합니다
iam-role-allowed = `{ $role }` 역할은 { $resource }에 대해 { $action } 작업을 할 수 있습니다
iam-role-allowed-by = `{ $role }` 역할은 { $resource }에 대해 { $action } 작업을 할 수 있습니다({ $statement })
iam-role-denied-explicitly = `{ $role }` 역할은 명시적 거부(Deny) 때문에 { $resource }에 대해 { $action } 작업을 할 수 없습니다. 명시적 거부는 어떤 허용(Allow)보다도 우선합니다
iam-role-denied-explicitly-by = `{ $role }` 역할은 명시적 거부(Deny, { $statement }) 때문에 { $resource }에 대해 { $action } 작업을 할 수 없습니다. 명시적 거부는 어떤 허용(Allow)보다도 우선합니다
iam-role-no-policies = `{ $role }` 역할에 정책이 없습니다. { $resource }에 대해 { $action } 작업을 허용하는 정책이 있어야 합니다
iam-role-not-allowed = `{ $role }` 역할의 어떤 정책도 { $resource }에 대해 { $action } 작업을 허용하지 않습니다. 역할의 정책: { $policies }
iam-role-undecided = `{ $role }` 역할이 { $resource }에 대해 { $action } 작업을 할 수 있는지 판정할 수 없습니다. 이 역할에 적용되는 정책 중 읽지 못한 것이 있고({ $unread }, { $permission } 권한 거부), 그 정책에 따라 결과가 달라질 수 있습니다. labcheck가 읽을 때 쓰는 자격 증명에 { $permission } 권한을 허용하십시오

## DynamoDB

dynamodb-table-not-found = { $region }에서 `{ $name }` 테이블을 찾을 수 없습니다
dynamodb-table-not-found-near = `{ $name }` 테이블을 찾을 수 없습니다. 이름이 비슷한 테이블: `{ $near }`
dynamodb-table-not-found-among = `{ $name }` 테이블을 찾을 수 없습니다. 찾은 테이블: { $found }
dynamodb-table-in-other-region = `{ $name }` 테이블이 { $found_region } 리전에 있습니다. 실습 리전은 { $region }입니다. --region { $found_region } 옵션으로 실행하거나 테이블을 다시 생성하십시오
dynamodb-table-exists = `{ $table }` 테이블이 있습니다
dynamodb-table-active = `{ $table }` 테이블이 ACTIVE 상태입니다
dynamodb-table-settling = `{ $table }` 테이블이 { $status } 상태입니다. 1분쯤 지나면 ACTIVE 상태가 됩니다
dynamodb-table-not-active = `{ $table }` 테이블이 { $status } 상태입니다. ACTIVE 상태여야 합니다
dynamodb-partition-key-matches = 파티션 키는 `{ $found }`({ $found_type })입니다
dynamodb-partition-key-mismatch = 파티션 키는 `{ $found }`({ $found_type })입니다. 필요한 파티션 키: `{ $expected }`({ $expected_type })
dynamodb-key-schema-unreadable = 테이블의 키 스키마를 읽을 수 없습니다
dynamodb-items-present = `{ $table }` 테이블에 항목이 있습니다
dynamodb-items-empty = `{ $table }` 테이블이 비어 있습니다. 항목이 하나 이상 있어야 합니다

## Lambda

lambda-function-not-found = { $region }에서 `{ $name }` 함수를 찾을 수 없습니다
lambda-function-not-found-near = `{ $name }` 함수를 찾을 수 없습니다. 이름이 비슷한 함수: `{ $near }`
lambda-function-not-found-among = `{ $name }` 함수를 찾을 수 없습니다. 찾은 함수: { $found }
lambda-function-in-other-region = `{ $name }` 함수가 { $found_region } 리전에 있습니다. 실습 리전은 { $region }입니다. --region { $found_region } 옵션으로 실행하거나 함수를 다시 생성하십시오
lambda-function-pending = `{ $function }` 함수가 Pending 상태입니다. 몇 초 후 Active 상태가 됩니다
lambda-function-failed = `{ $function }` 함수가 Failed 상태입니다. Active 상태여야 합니다(콘솔에서 StateReason을 확인하십시오)
lambda-function-exists = `{ $function }` 함수가 있습니다
lambda-runtime-matches = 런타임은 { $runtime }입니다
lambda-runtime-none = 함수에 관리형 런타임이 없습니다(컨테이너 이미지일 수 있습니다). { $family }.x 런타임이어야 합니다
lambda-runtime-mismatch = 런타임은 { $runtime }입니다. { $family }.x 런타임이어야 합니다
lambda-execution-role-matches = 실행 역할은 `{ $role }`입니다
lambda-execution-role-mismatch = 실행 역할은 `{ $found }`입니다. `{ $expected }` 역할이어야 합니다
lambda-resource-policy-missing = `{ $function }` 함수에 리소스 기반 정책이 없습니다. apigateway.amazonaws.com에 lambda:InvokeFunction 호출을 허용하는 정책이 있어야 합니다
lambda-resource-policy-invalid = 함수의 정책을 읽을 수 없습니다: { $error }
lambda-invoke-permission-allowed = API Gateway가 { $method } { $path }에서 `{ $function }` 함수를 호출할 수 있습니다
lambda-invoke-permission-missing = `{ $function }` 함수의 리소스 기반 정책이 apigateway.amazonaws.com에 { $source_arn }에서의 함수 호출을 허용하지 않습니다. 이 API에 대한 lambda:InvokeFunction 권한이 있어야 합니다

## API Gateway (REST API)

apigateway-api-not-found = { $region }에서 `{ $name }` REST API를 찾을 수 없습니다
apigateway-api-not-found-near = `{ $name }` REST API를 찾을 수 없습니다. 이름이 비슷한 API: `{ $near }`
apigateway-api-not-found-among = `{ $name }` REST API를 찾을 수 없습니다. 찾은 API: { $found }
apigateway-api-in-other-region = `{ $name }` REST API가 { $found_region } 리전에 있습니다. 실습 리전은 { $region }입니다. --region { $found_region } 옵션으로 실행하거나 API를 다시 생성하십시오
apigateway-api-exists = `{ $api }` REST API가 있습니다(ID { $id })
apigateway-resource-not-found = `{ $path }` 리소스를 찾을 수 없습니다
apigateway-resource-not-found-near = `{ $path }` 리소스를 찾을 수 없습니다. 경로가 비슷한 리소스: `{ $near }`
apigateway-method-none = `{ $path }` 리소스에 메서드가 없습니다. 필요한 메서드: { $expected }
apigateway-method-mismatch = `{ $path }` 리소스의 메서드: { $found }. 필요한 메서드: { $expected }
apigateway-method-exists = `{ $path }` 리소스에 { $method } 메서드가 있습니다
apigateway-integration-missing = 메서드에 통합이 없습니다. Lambda 프록시 통합(AWS_PROXY)이 있어야 합니다
apigateway-integration-proxy = Lambda 프록시 통합이 `{ $function }` 함수에 연결되어 있습니다
apigateway-integration-wrong-function = Lambda 프록시 통합이 `{ $found }` 함수에 연결되어 있습니다. `{ $expected }` 함수에 연결해야 합니다
apigateway-integration-not-proxy = 통합이 Lambda 비프록시 통합(AWS)입니다. Lambda 프록시 통합(AWS_PROXY)이어야 합니다
apigateway-integration-wrong-type = 통합 유형이 { $kind }입니다. `{ $function }` 함수에 대한 Lambda 프록시 통합(AWS_PROXY)이어야 합니다
apigateway-header-missing = { $method } 메서드의 응답에 { $header } 헤더가 없습니다
apigateway-header-present = { $method } 메서드의 응답에 { $header }: { $value } 헤더가 있습니다
apigateway-header-includes = { $header } 헤더 값은 { $value }입니다
apigateway-header-lacks = { $header } 헤더 값은 { $value }입니다. 이 값에 { $expected } 항목이 포함되어야 합니다
apigateway-stage-deployed = `{ $stage }` 스테이지가 배포되어 있습니다(배포 ID { $deployment })
apigateway-stage-not-deployed = `{ $stage }` 스테이지에 배포가 없습니다. 이 스테이지에 API를 배포하십시오
apigateway-stage-not-found-near = `{ $stage }` 스테이지를 찾을 수 없습니다. 이름이 비슷한 스테이지: `{ $near }`
apigateway-stage-none = API에 스테이지가 없습니다. `{ $stage }` 스테이지가 있어야 합니다
apigateway-stage-not-found-among = `{ $stage }` 스테이지를 찾을 수 없습니다. API의 스테이지: { $found }

## S3: 버킷

s3-bucket-not-found = { $region }에서 `{ $name }` 버킷을 찾을 수 없습니다
s3-bucket-not-found-near = `{ $name }` 버킷을 찾을 수 없습니다. 이름이 비슷한 버킷: `{ $near }`
s3-bucket-not-found-among = `{ $name }` 버킷을 찾을 수 없습니다. 찾은 버킷: { $found }
s3-bucket-in-other-region = `{ $name }` 버킷이 { $found_region } 리전에 있습니다. 실습 리전은 { $region }입니다. --region { $found_region } 옵션으로 실행하거나 버킷을 다시 생성하십시오
s3-bucket-no-match = `{ $pattern }` 패턴과 일치하는 버킷이 없습니다
s3-bucket-no-match-near = `{ $pattern }` 패턴과 일치하는 버킷이 없습니다. 이름이 비슷한 버킷: `{ $near }`
s3-bucket-no-match-among = `{ $pattern }` 패턴과 일치하는 버킷이 없습니다. 찾은 버킷: { $found }
s3-bucket-exists = `{ $bucket }` 버킷이 있습니다

## S3: 퍼블릭 액세스 차단

s3-block-public-access-restrict-account = 퍼블릭 액세스 차단의 RestrictPublicBuckets 설정이 켜져 있습니다(계정 수준). 퍼블릭 정책을 통한 익명 액세스가 거부됩니다. 이 설정을 꺼야 합니다
s3-block-public-access-restrict-bucket = 퍼블릭 액세스 차단의 RestrictPublicBuckets 설정이 켜져 있습니다(버킷 수준). 퍼블릭 정책을 통한 익명 액세스가 거부됩니다. 이 설정을 꺼야 합니다
s3-block-public-access-block-policy-account = 퍼블릭 액세스 차단의 BlockPublicPolicy 설정이 켜져 있습니다(계정 수준). S3가 퍼블릭 버킷 정책을 거부합니다. 이 설정을 꺼야 합니다
s3-block-public-access-block-policy-bucket = 퍼블릭 액세스 차단의 BlockPublicPolicy 설정이 켜져 있습니다(버킷 수준). S3가 퍼블릭 버킷 정책을 거부합니다. 이 설정을 꺼야 합니다
s3-block-public-access-allows = 퍼블릭 액세스 차단 설정이 `{ $bucket }` 버킷의 퍼블릭 정책을 허용합니다

## S3: 정적 웹 사이트 호스팅

s3-website-off = `{ $bucket }` 버킷의 정적 웹 사이트 호스팅이 비활성화되어 있습니다. 정적 웹 사이트 호스팅을 활성화하고 인덱스 문서를 `{ $index }` 파일로 설정해야 합니다
s3-website-on = 정적 웹 사이트 호스팅이 활성화되어 있습니다. 인덱스 문서: `{ $index }`
s3-website-index-mismatch = 인덱스 문서는 `{ $found }`입니다. `{ $expected }` 파일이어야 합니다

## S3: 객체

s3-object-exists = `{ $bucket }` 버킷에 `{ $key }` 객체가 있습니다
s3-object-not-found = `{ $bucket }` 버킷에서 `{ $key }` 객체를 찾을 수 없습니다
s3-object-not-found-near = `{ $bucket }` 버킷에서 `{ $key }` 객체를 찾을 수 없습니다. 이름이 비슷한 객체: `{ $near }`
s3-object-unreadable = `{ $key }` 객체의 내용을 읽을 수 없습니다
s3-object-calls-api = `{ $key }` 파일에서 { $url } 주소를 호출합니다
s3-object-calls-other = `{ $key }` 파일에서 { $found } 주소를 호출합니다. { $expected } 주소를 호출해야 합니다
s3-object-no-api-call = `{ $key }` 파일에서 API를 호출하지 않습니다. { $url } 주소를 호출해야 합니다

## S3: 버킷 정책

s3-bucket-policy-missing = `{ $bucket }` 버킷에 버킷 정책이 없습니다. 누구나(Principal "*") arn:aws:s3:::{ $bucket }/* 리소스에 s3:GetObject 작업을 할 수 있도록 허용하는 정책이 있어야 합니다
s3-bucket-policy-invalid = 버킷 정책을 읽을 수 없습니다: { $error }
s3-public-read-allowed = 누구나 { $object_arn }에 대해 s3:GetObject 작업을 할 수 있습니다
s3-public-read-bucket-arn-only = 정책이 { $bucket_arn }에 대해서만 s3:GetObject 작업을 허용합니다. 이 ARN은 버킷 자체를 가리키며 버킷 안의 객체는 가리키지 않습니다. Resource 값은 { $bucket_arn }/* 형식이어야 합니다
s3-public-read-not-allowed = 버킷 정책이 누구나 조건 없이 { $object_arn }에 대해 s3:GetObject 작업을 할 수 있도록 허용하지 않습니다. Effect Allow, Principal "*", Action s3:GetObject, Resource { $bucket_arn }/* 문(statement)이 있어야 합니다

## serverless-backend: 콘솔 기본 역할, 범위를 좁힌 고객 관리형 정책, 최소 권한

lambda-execution-role-console-default = 실행 역할이 `{ $found }`입니다. 콘솔이 기본 Lambda 권한(로그 권한만)으로 만든 역할입니다. 직접 만든 역할 `{ $expected }`로 바꿔야 합니다
iam-customer-policy-allows = `{ $role }` 역할에 연결된 `{ $policy }` 고객 관리형 정책이 { $resource }에 대해 함수에 필요한 작업을 허용합니다
iam-customer-policy-not-allowing = `{ $role }` 역할에 연결된 `{ $policy }` 고객 관리형 정책이 { $resource }에 대해 { $actions } 작업을 허용하지 않습니다. 이 권한은 다른 정책에서 받고 있습니다
iam-customer-policy-none = `{ $role }` 역할에 직접 만든 고객 관리형 정책이 없습니다. 지금은 { $policies } 정책으로 권한을 받고 있습니다. 직접 만든 정책을 역할에 연결해야 합니다
iam-least-privilege-scoped = `{ $role }` 역할은 이 작업들로 { $resource }에만 접근할 수 있습니다
iam-least-privilege-not-allowed = `{ $role }` 역할은 { $resource }에 대해 { $action } 작업을 할 수 없습니다
iam-least-privilege-too-broad = `{ $role }` 역할은 { $resource }에 대해서도 { $action } 작업을 할 수 있습니다({ $statement }). 동작은 하지만 정책이 테이블 ARN으로 범위가 좁혀져 있지 않습니다

## serverless-backend: CloudWatch Logs

logs-log-group-not-found = { $region }에서 `{ $name }` 로그 그룹을 찾을 수 없습니다
logs-log-group-not-found-near = `{ $name }` 로그 그룹을 찾을 수 없습니다. 이름이 비슷한 로그 그룹: `{ $near }`
logs-log-group-not-found-among = `{ $name }` 로그 그룹을 찾을 수 없습니다. 찾은 로그 그룹: { $found }
logs-log-group-in-other-region = `{ $name }` 로그 그룹이 { $found_region } 리전에 있습니다. 실습 리전은 { $region }입니다
logs-log-group-exists = `{ $group }` 로그 그룹이 있습니다
logs-log-stream-exists = `{ $group }` 로그 그룹에 로그 스트림이 있습니다(최근 스트림 `{ $stream }`)
logs-log-stream-none = `{ $group }` 로그 그룹에 로그 스트림이 없습니다. 함수가 아직 로그를 남기지 않았습니다

## serverless-backend: API Gateway 엔드포인트 유형과 로깅

apigateway-endpoint-unread = `{ $api }` API의 엔드포인트 유형을 읽지 못했습니다
apigateway-endpoint-matches = 엔드포인트 유형은 { $found }입니다
apigateway-endpoint-mismatch = 엔드포인트 유형은 { $found }입니다. 엔드포인트 유형이 { $expected } 유형이어야 합니다
apigateway-stage-logging-on = `{ $stage }` 스테이지의 실행 로깅이 켜져 있습니다(수준 { $level })
apigateway-stage-logging-off = `{ $stage }` 스테이지의 실행 로깅이 꺼져 있습니다. ERROR 또는 INFO여야 합니다
apigateway-account-logs-role-unset = 이 리전의 API Gateway 설정에 CloudWatch 로그 역할 ARN이 지정되어 있지 않습니다
apigateway-account-logs-role-missing = API Gateway 설정에 { $arn } 역할이 지정되어 있지만 그런 역할이 없습니다
apigateway-account-logs-role-set = API Gateway 설정에 `{ $role }` 역할({ $arn })이 지정되어 있습니다
## vpc-s3-endpoint: 인스턴스(Name 태그로 찾음)

ec2-instance-not-found = { $region }에서 이름이 `{ $instance }`인 인스턴스를 찾을 수 없습니다
ec2-instance-not-found-among = { $region }에서 이름이 `{ $instance }`인 인스턴스를 찾을 수 없습니다. 찾은 인스턴스 이름: { $found }
ec2-instance-running = `{ $instance }`({ $id }) 인스턴스가 { $subnet } 서브넷에서 실행 중입니다
ec2-instance-pending = `{ $instance }`({ $id }) 인스턴스가 아직 시작 중입니다({ $state }). 잠시 후 다시 확인하십시오
ec2-instance-not-running = `{ $instance }`({ $id }) 인스턴스의 상태가 { $state }입니다. 실행 중(running)이어야 합니다

## vpc-s3-endpoint: 인스턴스 서브넷의 라우팅 테이블

ec2-route-table-not-found = { $subnet } 서브넷(VPC { $vpc })에 적용되는 라우팅 테이블이 없습니다
ec2-route-table-internet-route = 라우팅 테이블 { $table }에 아직 { $destination } 라우팅이 있습니다(대상: { $target }). 트래픽이 엔드포인트를 거치지 않고 나갈 수 있으므로 이 라우팅을 삭제해야 합니다
ec2-route-table-blackhole = 라우팅 테이블 { $table }에는 인터넷으로 나가는 경로가 없습니다({ $destination } → { $target } 라우팅은 대상이 삭제된 블랙홀 상태입니다. 삭제해도 됩니다)
ec2-route-table-private = { $subnet } 서브넷의 라우팅 테이블 { $table }에 인터넷으로 나가는 라우팅이 없습니다

## vpc-s3-endpoint: S3 게이트웨이 엔드포인트

ec2-endpoint-other-vpc = S3 엔드포인트 { $endpoint }의 VPC는 { $found_vpc }입니다. 인스턴스의 VPC { $vpc }에 만들어야 합니다
ec2-endpoint-none = 인스턴스의 VPC { $vpc }에 { $service } 엔드포인트가 없습니다
ec2-endpoint-not-gateway = S3 엔드포인트 { $endpoint }의 유형이 { $found }입니다. Gateway 유형이어야 합니다
ec2-endpoint-gateway = { $vpc }에 S3 게이트웨이 엔드포인트가 있습니다: { $endpoint }
ec2-endpoint-pending = 엔드포인트 { $endpoint }의 상태가 { $state }입니다. 잠시 후 다시 확인하십시오
ec2-endpoint-unavailable = 엔드포인트 { $endpoint }의 상태가 { $state }입니다. available이어야 합니다
ec2-endpoint-route-no-tables = 엔드포인트 { $endpoint }에 연결된 라우팅 테이블이 없습니다. { $subnet } 서브넷의 테이블 { $table }에 연결해야 합니다
ec2-endpoint-route-other-table = 엔드포인트 { $endpoint }에 연결된 라우팅 테이블은 { $found }입니다. { $subnet } 서브넷이 사용하는 테이블 { $table }에는 연결되어 있지 않습니다
ec2-endpoint-route-blackhole = { $table }의 { $prefix_list } 라우팅이 블랙홀 상태입니다
ec2-endpoint-route-present = { $table }에 { $prefix_list }(S3) 라우팅이 있습니다(대상: { $endpoint })
ec2-endpoint-route-missing = { $table }에 S3 접두사 목록 라우팅이 없습니다(대상이어야 할 엔드포인트: { $endpoint })
ec2-endpoint-bucket-other-region = `{ $bucket }` 버킷이 { $bucket_region } 리전에 있습니다. { $region }의 게이트웨이 엔드포인트는 같은 리전의 버킷에만 연결됩니다
ec2-endpoint-policy-full-access = 엔드포인트 { $endpoint }에 기본 정책(전체 액세스)이 있습니다
ec2-endpoint-policy-invalid = 엔드포인트 정책을 읽을 수 없습니다: { $error }
ec2-endpoint-policy-allows = { $endpoint }의 정책이 허용합니다: { $resource }에 대한 { $action }
ec2-endpoint-policy-denies = { $endpoint }의 정책이 허용하지 않습니다: { $resource }에 대한 { $action }

## vpc-s3-endpoint: 인스턴스 프로파일

ec2-instance-profile-none = `{ $instance }` 인스턴스에 IAM 역할(인스턴스 프로파일)이 없습니다
ec2-instance-profile-no-role = 인스턴스 프로파일 `{ $profile }`에 역할이 없습니다
ec2-instance-profile-missing = `{ $instance }` 인스턴스에 연결된 인스턴스 프로파일 `{ $profile }`이 더 이상 없습니다
ec2-instance-profile-role = `{ $instance }` 인스턴스에 인스턴스 프로파일 `{ $profile }`이 있고, 그 역할은 `{ $role }`입니다

## vpc-s3-endpoint: 업로드

s3-object-uploaded = `{ $bucket }` 버킷에 `{ $key }` 객체가 있습니다
s3-object-none-uploaded = `{ $bucket }` 버킷에 키 패턴 `{ $key }`에 맞는 객체가 없습니다

## alb-autoscaling

elb-alb-not-found = 이름이 `{ $alb }`인 로드 밸런서가 없습니다
elb-alb-not-found-among = 이름이 `{ $alb }`인 로드 밸런서가 없습니다. 찾은 로드 밸런서: { $found }
elb-alb-not-application = `{ $alb }` 로드 밸런서의 유형: { $found }. Application Load Balancer여야 합니다
elb-alb-internal = `{ $alb }` 로드 밸런서가 내부(internal)입니다. 브라우저가 접속할 수 있도록 인터넷 경계(internet-facing)여야 합니다
elb-alb-one-zone = `{ $alb }` 로드 밸런서의 가용 영역 수: { $zones }. Application Load Balancer에는 가용 영역이 두 개 이상 필요합니다
elb-alb-provisioning = `{ $alb }` 로드 밸런서를 아직 프로비저닝하는 중입니다. 몇 분 뒤 다시 확인하십시오
elb-alb-ok = `{ $alb }` 로드 밸런서는 인터넷 경계이며 가용 영역은 { $zones }입니다
elb-alb-sg-open = `{ $alb }` 로드 밸런서의 보안 그룹({ $groups })이 포트 { $port }에서 모든 곳의 접속을 허용합니다
elb-alb-sg-closed = `{ $alb }` 로드 밸런서의 보안 그룹({ $groups }) 중 포트 { $port }에서 인터넷(0.0.0.0/0) 접속을 허용하는 그룹이 없습니다
elb-instances-sg-from-alb = `{ $asg }` 그룹의 인스턴스가 `{ $alb }` 로드 밸런서의 보안 그룹에서 오는 포트 { $port } 트래픽을 허용합니다
elb-instances-sg-world = { $groups } 보안 그룹이 모든 곳(0.0.0.0/0)에 열려 있습니다(포트 { $port }). 대신 로드 밸런서의 보안 그룹({ $alb_groups })에서 오는 트래픽만 허용해야 합니다
elb-instances-sg-closed = { $groups } 보안 그룹이 로드 밸런서의 보안 그룹({ $alb_groups })에서 오는 포트 { $port } 트래픽을 허용하지 않습니다. 그래서 상태 검사가 시간 초과됩니다
elb-listener-missing = `{ $alb }` 로드 밸런서에 { $protocol }:{ $port } 리스너가 없습니다(리스너: { $found })
elb-listener-forwards = { $protocol }:{ $port } 리스너가 `{ $target_group }` 대상 그룹으로 전달합니다
elb-listener-no-forward = { $protocol }:{ $port } 리스너가 대상 그룹으로 전달하지 않습니다
elb-target-group-not-found = 이름이 `{ $target_group }`인 대상 그룹이 없습니다
elb-target-group-not-found-among = 이름이 `{ $target_group }`인 대상 그룹이 없습니다. 찾은 대상 그룹: { $found }
elb-target-group-wrong-port = `{ $target_group }` 대상 그룹의 프로토콜과 포트는 { $protocol }:{ $port }입니다. 예상 값: HTTP:{ $expected }
elb-target-group-ok = `{ $target_group }` 대상 그룹은 HTTP:{ $port }이고 상태 검사 경로는 { $path }입니다
ec2-launch-template-not-found = 이름이 `{ $launch_template }`인 시작 템플릿이 없습니다
ec2-launch-template-not-found-among = 이름이 `{ $launch_template }`인 시작 템플릿이 없습니다. 찾은 시작 템플릿: { $found }
ec2-launch-template-exists = 시작 템플릿이 있습니다: `{ $launch_template }`(기본 버전 { $version })
autoscaling-group-not-found = 이름이 `{ $asg }`인 Auto Scaling 그룹이 없습니다
autoscaling-group-not-found-among = 이름이 `{ $asg }`인 Auto Scaling 그룹이 없습니다. 찾은 그룹: { $found }
autoscaling-group-no-template = `{ $asg }` 그룹이 사용하는 시작 템플릿이 `{ $launch_template }` 패턴과 일치하지 않습니다
autoscaling-group-max = `{ $asg }` 그룹의 최대 용량: { $max }. 예상 값: { $expected }
autoscaling-group-ok = `{ $asg }` 그룹: 시작 템플릿 `{ $launch_template }`, 최대 인스턴스 수 { $max }
autoscaling-attached-yes = `{ $asg }` 그룹이 인스턴스를 `{ $target_group }` 대상 그룹에 등록합니다
autoscaling-attached-none = `{ $asg }` 그룹에 연결된 대상 그룹이 없습니다. `{ $target_group }` 대상 그룹에 연결해야 합니다
autoscaling-attached-other = `{ $asg }` 그룹에 연결된 대상 그룹은 { $found }입니다. 리스너가 전달하는 `{ $target_group }` 대상 그룹이 아닙니다
autoscaling-policy-cpu = `{ $asg }` 그룹은 평균 CPU 사용률 대상 추적 정책으로 조정됩니다(`{ $policy }`)
autoscaling-policy-none = `{ $asg }` 그룹에 평균 CPU 사용률 대상 추적 정책이 없습니다(정책: { $found })
elb-targets-healthy = `{ $target_group }` 대상 그룹의 대상 { $total }개 중 { $healthy }개가 정상(healthy)입니다
elb-targets-initial = `{ $target_group }` 대상 그룹의 대상을 아직 검사하는 중입니다(initial). 잠시 후 다시 확인하십시오
elb-targets-unhealthy = `{ $target_group }` 대상 그룹의 대상 { $target }의 상태가 비정상(unhealthy)입니다({ $reason }). 상태 검사 경로: { $path }
elb-targets-none = `{ $target_group }` 대상 그룹에 등록된 대상이 없습니다
elb-targets-not-healthy = `{ $target_group }` 대상 그룹에 정상 대상이 없습니다(상태: { $states })
acm-certificate-in-other-region = { $domain } 인증서가 { $found_region } 리전에 있습니다. { $region }의 로드 밸런서에는 { $region } 리전의 인증서가 필요합니다
acm-certificate-none = { $region }에 { $domain } ACM 인증서가 없습니다
acm-certificate-none-any = { $region }에 ACM 인증서가 없습니다
acm-certificate-issued = { $domain } 인증서가 발급되었습니다
acm-certificate-pending = { $domain } 인증서가 DNS 검증을 기다리고 있습니다
acm-certificate-not-issued = { $domain } 인증서의 상태: { $status }. 발급됨(ISSUED)이어야 합니다
elb-https-missing = `{ $alb }` 로드 밸런서에 HTTPS:443 리스너가 없습니다
elb-https-ok = `{ $alb }` 로드 밸런서가 443 포트에서 HTTPS를 제공합니다. 인증서: { $certificate }
elb-https-wrong-certificate = `{ $alb }` 로드 밸런서의 HTTPS 리스너 인증서는 { $found }입니다. 도메인에 대해 발급된 인증서가 아닙니다
## sns-notify: SNS 주제와 구독

sns-topic-exists = `{ $topic }` 주제가 있습니다({ $arn })
sns-topic-not-found = { $region }에서 `{ $name }` SNS 주제를 찾을 수 없습니다
sns-topic-not-found-near = { $region }에서 `{ $name }` SNS 주제를 찾을 수 없습니다. 이름이 비슷한 주제: `{ $near }`
sns-topic-not-found-among = { $region }에서 `{ $name }` SNS 주제를 찾을 수 없습니다. 찾은 주제: { $found }
sns-topic-in-other-region = `{ $name }` 주제가 { $found_region }에 있습니다. 실습 리전은 { $region }입니다
sns-subscription-confirmed = { $endpoint } 주소가 `{ $topic }` 주제를 구독하고 있으며 확인되었습니다
sns-subscription-pending = { $endpoint } 주소의 `{ $topic }` 이메일 구독이 PendingConfirmation(확인 대기) 상태입니다. AWS Notifications에서 온 메일의 "Confirm subscription" 링크를 클릭하세요(스팸 메일함도 확인하세요)
sns-subscription-none = `{ $topic }` 주제에 구독이 없습니다. 이메일(Email) 구독이 있어야 합니다
sns-subscription-no-email = `{ $topic }` 주제에 구독({ $protocols })은 있지만 이메일(Email) 구독은 없습니다

## sns-notify: 함수, 역할, 환경 변수

lambda-role-unknown = `{ $function }` 함수의 실행 역할을 읽을 수 없습니다
lambda-environment-has-topic = `{ $function }` 함수의 환경 변수 `{ $variable }`에 주제 ARN이 있습니다
lambda-environment-other-topic = `{ $function }` 함수의 환경 변수 `{ $variable }` 값이 { $found }입니다. { $expected }이어야 합니다
lambda-environment-no-topic = `{ $function }` 함수의 환경 변수 중 { $expected } 값을 가진 것이 없습니다. labcheck는 코드가 아니라 환경 변수만 읽으므로 코드 안에만 적힌 ARN은 확인하지 못합니다

## sns-notify: S3 트리거와 호출 권한

s3-trigger-fires = `{ $bucket }` 버킷에 `{ $key }`를 업로드하면 `{ $function }` 함수가 실행됩니다
s3-trigger-none = `{ $bucket }` 버킷에 Lambda 함수로 가는 이벤트 알림이 없습니다. 객체 생성 이벤트를 `{ $function }` 함수로 보내는 알림이 있어야 합니다
s3-trigger-other-function = `{ $bucket }` 버킷의 이벤트 알림 대상이 `{ $function }`이 아니라 { $found }입니다
s3-trigger-filter-excludes = `{ $bucket }` 버킷의 트리거가 `{ $key }`에 대해 실행되지 않습니다. 필터(접두사 "{ $prefix }", 접미사 "{ $suffix }")가 이 키를 제외합니다
s3-trigger-wrong-events = `{ $bucket }` 버킷의 트리거가 객체 생성(s3:ObjectCreated:*)이 아니라 { $events } 이벤트에 실행됩니다
lambda-s3-permission-allowed = S3가 `{ $bucket }` 버킷에 대해 `{ $function }` 함수를 호출할 수 있습니다
lambda-s3-permission-missing = `{ $function }` 함수의 리소스 기반 정책이 s3.amazonaws.com에 { $bucket_arn }에서의 함수 호출을 허용하지 않습니다. 이 SourceArn에 대한 lambda:InvokeFunction 권한이 있어야 합니다

## sns-notify: 객체 ACL

s3-object-acl-public = `{ $bucket }` 버킷의 `{ $key }` 객체를 ACL(AllUsers READ)로 누구나 읽을 수 있습니다
s3-object-acl-acls-disabled = `{ $bucket }` 버킷의 객체 소유권이 "버킷 소유자 적용(Bucket owner enforced)"입니다. ACL이 비활성화되어 put-object-acl이 거부되며(AccessControlListNotSupported) 어떤 ACL로도 `{ $key }`를 공개할 수 없습니다. 먼저 객체 소유권에서 ACL을 활성화하세요
s3-object-acl-ignored-account = 계정의 퍼블릭 액세스 차단에서 IgnorePublicAcls가 켜져 있어 S3가 `{ $key }`의 퍼블릭 권한 부여를 무시합니다
s3-object-acl-ignored-bucket = `{ $bucket }` 버킷의 퍼블릭 액세스 차단에서 IgnorePublicAcls가 켜져 있어 S3가 `{ $key }`의 퍼블릭 권한 부여를 무시합니다
s3-object-acl-blocked-account = `{ $key }`에 퍼블릭 권한 부여가 없습니다. 계정의 퍼블릭 액세스 차단에서 BlockPublicAcls가 켜져 있어 put-object-acl --acl public-read가 AccessDenied로 거부됩니다
s3-object-acl-blocked-bucket = `{ $key }`에 퍼블릭 권한 부여가 없습니다. `{ $bucket }` 버킷의 퍼블릭 액세스 차단에서 BlockPublicAcls가 켜져 있어 put-object-acl --acl public-read가 AccessDenied로 거부됩니다
s3-object-acl-private = `{ $bucket }` 버킷의 `{ $key }` 객체 ACL이 AllUsers에게 아무 권한도 주지 않습니다. READ 권한이 있어야 합니다(put-object-acl --acl public-read)
