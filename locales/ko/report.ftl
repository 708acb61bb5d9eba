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
