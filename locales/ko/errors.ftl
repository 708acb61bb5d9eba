# 계정을 아예 읽을 수 없었던 이유(종료 코드 3)입니다. 실패의 종류마다 메시지가 하나씩 있습니다.
# id는 `aws-`에 오류의 고정 코드를 붙인 것입니다(`--output json`이 코드를 알려 줍니다).
# 몇 가지는 --endpoint-url을 쓸 때의 형태가 따로 있습니다.
# 인수는 값(이름, AWS가 준 이유)이며 문장이 아닙니다.

aws-no-credentials = AWS 자격 증명을 찾을 수 없습니다({$detail}). `aws configure`를 실행하거나, AWS_PROFILE을 설정하거나, --profile NAME을 지정하세요(IAM Identity Center라면 `aws sso login --profile NAME`).
aws-unknown-profile = 프로필 `{$name}`이(가) {$files}에 없습니다. `aws configure --profile {$name}`(또는 `aws configure sso`)로 만들거나, --profile을 빼세요.
aws-sso-expired = IAM Identity Center(SSO) 세션이 만료되었거나 없습니다. `{$command}`를 실행한 뒤 다시 시도하세요.
aws-bad-credentials = AWS가 자격 증명을 받아들이지 않았습니다({$code}: {$message}). `aws sts get-caller-identity`로 확인하거나, 자격 증명을 새로 받으세요(`aws configure`, `aws sso login`).
aws-network = AWS에 연결할 수 없습니다: {$reason}. 네트워크 연결을 확인하세요.
aws-network-endpoint = {$target}에 연결할 수 없습니다: {$reason}. 그 서버가 실행 중인지, --endpoint-url이 맞는지 확인하세요.
aws-service-error = {$action} 호출이 실패했습니다: {$code}: {$message}
aws-not-aws = {$endpoint}이(가) {$action}에 HTTP {$status}로 응답했습니다. AWS의 응답이 아닙니다. --endpoint-url이 에뮬레이터나 AWS 서비스 자체를 가리키는지 확인하세요.
aws-timed-out = 계정을 읽는 데 {$limit}보다 오래 걸려 중단했습니다. 다시 시도하거나, --timeout으로 시간을 늘리세요.
aws-timed-out-endpoint = 계정을 읽는 데 {$limit}보다 오래 걸려 중단했습니다({$endpoint}이(가) 연결은 받았지만 응답하지 않았습니다). 다시 시도하거나, --timeout으로 시간을 늘리세요.
aws-feature-missing = 이 labcheck는 `{$feature}` 기능 없이 빌드되어 이 실습의 AWS 서비스를 읽을 수 없습니다(--sim으로 시뮬레이터에서는 실행할 수 있습니다). 기본 기능으로 빌드하세요: `cargo install labcheck` 또는 --no-default-features 없이 `cargo build`.

# 로스터의 학생 스냅샷(`snapshot = …`)을 읽거나 해석할 수 없을 때입니다.
grade-snapshot-unreadable = 스냅샷 {$path}을(를) 읽을 수 없습니다: {$reason}
