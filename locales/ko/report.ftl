# `labcheck verify` 표의 머리글, 상태, 표 앞뒤 줄. 검사 결과 문장은 findings.ftl에 있습니다.

report-col-check = 검사
report-col-result = 결과
report-status-pass = ✓ 통과
report-status-fail = ✗ 실패
report-status-pending = … 대기 중
report-status-error = ! 오류
report-status-skipped = - 건너뜀
report-hint = 힌트: { $hint }
report-source = 출처: { $source } · 계정 { $account } · { $region }
report-score = 점수: { $earned }/{ $possible }점, 검사 { $total }개 중 { $passed }개 통과
report-lab = 실습 { $lab } { $version } ({ $digest })

## `labcheck grade`: 터미널 성적표, CSV 머리글, 학생별 피드백 파일, HTML 페이지.
## 한국어에는 복수형이 없으므로 인원은 "N명"으로 씁니다.

gradebook-title = { $lab } — { $title } (학생 { $students }명, 채점 { $graded }명)
gradebook-col-student = 학생
gradebook-col-total = 합계
gradebook-col-percent = %
gradebook-error = 오류
gradebook-steps = 단계: { $legend }
gradebook-not-graded = 채점하지 못한 학생:
gradebook-no-reason = 이유가 기록되지 않았습니다
gradebook-worst = 반 전체가 가장 많이 틀린 검사:
gradebook-col-worst-check = 검사(통과율 낮은 순)
gradebook-col-passed = 통과
gradebook-col-rate = 통과율
gradebook-could-not-grade-one = 학생 1명을 채점하지 못했습니다({ $ids }): { $cause }
gradebook-could-not-grade = 학생 { $count }명을 채점하지 못했습니다({ $ids }): { $cause }
gradebook-could-not-grade-more = 학생 { $count }명을 채점하지 못했습니다({ $ids } 외 { $more }명): { $cause }

# CSV 머리글 (docs/instructors.md 참고: 열 순서는 언어와 상관없이 같고, 단계 열은
# 어느 언어에서나 단계 ID로 표시합니다).
csv-id = 학생 ID
csv-name = 이름
csv-total = 점수
csv-possible = 만점
csv-percent = 백분율
csv-status = 상태

# 학생별 피드백 파일(Markdown).
feedback-score = 점수: { $earned }/{ $possible }점, 검사 { $total }개 중 { $passed }개 통과.
feedback-not-graded = 계정을 채점하지 못했습니다: { $reason }
feedback-hint = 힌트: { $hint }

# HTML 성적표. 상태 이름은 히트맵과 범례에 표시됩니다.
html-title = 성적표: { $lab } { $version }
html-heading = 성적표: { $title }
html-lab = 실습
html-version = 버전
html-digest = 다이제스트
html-counts = 학생 { $students }명 중 { $graded }명 채점, { $failed }명 채점 못 함.
html-class-by-check = 검사별 반 현황
html-legend = 범례
html-col-student = 학생
html-col-points = 점수
html-col-percent = 백분율
html-checks = 검사
html-status-pass = 통과
html-status-fail = 실패
html-status-pending = 대기 중
html-status-error = 오류
html-status-skipped = 건너뜀
html-cell = { $title }: { $status } ({ $points }/{ $max })
html-cell-missing = { $title }: 결과 없음
html-row-error = 채점하지 못함: { $reason }
html-rates = 검사별 통과율(낮은 순)
html-rates-note = 위에 있는 검사일수록 다시 가르쳐야 할 내용입니다.
html-no-graded = 채점된 학생 없음
html-left = 학생별 남은 과제
html-student-error = 채점하지 못했습니다: { $reason }
html-all-passed = 모든 검사를 통과했습니다.
html-hint = 힌트: { $hint }

## `labcheck labs`와 `labcheck show`.

labs-col-lab = 실습
labs-col-title = 제목
labs-col-region = 리전
labs-col-checks = 검사 수
labs-run-one = 실행 방법: labcheck verify LAB --sim
show-heading = { $lab } — { $title } (버전 { $version })
show-workshop = 워크숍: { $workshop }
show-region = 리전: { $region }
show-col-parameter = 파라미터
show-col-value = 값
show-col-meaning = 의미
show-set-hint = (--set NAME=VALUE로 바꿀 수 있습니다)
show-col-check = 검사
show-col-looks-for = 확인하는 내용
show-col-points = 배점

## 터미널의 진행 표시 (stderr가 터미널일 때만)
progress-reading = { $what } 읽는 중…
progress-service-iam = IAM 사용자와 역할
progress-service-dynamodb = DynamoDB 테이블
progress-service-lambda = Lambda 함수
progress-service-apigateway = API Gateway REST API
progress-service-s3 = S3 버킷
progress-service-regions = 다른 리전
progress-service-probes = HTTP 프로브
progress-grading = { $id } 채점 중…
progress-students = 명
progress-not-graded = · { $count }명 채점 불가

## grade: 안내와 --check-access
grade-journal-kept = 참고: 이전 저널은 다음 파일로 보관했습니다: { $path }
grade-access-ok = 정상
grade-access-fail = 실패
grade-access-summary = 학생 { $total }명 중 { $reached }명에게 접근할 수 있습니다

## verify --verbose, snapshot
verbose-calls = { $region }에서 AWS API 호출 { $count }번:
snapshot-wrote = 저장했습니다: { $file } (계정 { $account }, { $region })

# `labcheck grade --serve`: 터미널에 찍는 줄, 그리고 실시간 페이지의 낱말
# (`live-page-` 메시지는 모두 페이지에 라벨로 보냅니다).

live-listening = 실시간 수업 화면: { $url } (중지하려면 Ctrl-C)
live-token-warning = 이 링크를 가진 사람은 누구나 학생의 이름과 결과를 볼 수 있습니다. 아무에게도 공유하지 말고, 신뢰할 수 있는 네트워크에서만 여십시오
live-round = { $round }회차 · { $time } · 소요 { $took } · 완료 { $complete }/{ $total }명 · 막힘 { $stuck }명 · 접속 불가 { $errors }명
live-stopped = { $round }회차 후 중지했습니다. 결과 파일을 쓰는 중입니다
live-page-title = 실시간 수업 화면
live-page-round = 회차
live-page-grading = 채점 중…
live-page-waiting = 다음 회차를 기다리는 중
live-page-updated = 갱신
live-page-student = 학생
live-page-progress = 진행
live-page-current-step = 현재 단계
live-page-last-progress = 마지막 진행
live-page-complete = 완료
live-page-stale = 막힘
live-page-not-graded = 아직 채점 전
live-page-error = 채점하지 못함
live-page-pass-rate = 검사별 통과율(낮은 순)
live-page-worst = 가장 낮음
live-page-students-complete = 명 완료
live-page-close = 닫기
live-page-hint = 힌트
live-page-report = 보고서
live-page-disconnected = 연결이 끊겼습니다. 다시 연결하는 중…
live-page-status-pass = 통과
live-page-status-fail = 실패
live-page-status-pending = 대기 중
live-page-status-error = 오류
live-page-status-skipped = 건너뜀
