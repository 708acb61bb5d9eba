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

# `labcheck grade --serve`: 터미널에 찍는 줄, 그리고 실시간 페이지의 낱말
# (`live-page-` 메시지는 모두 페이지에 라벨로 보냅니다).

live-listening = 실시간 수업 화면: { $url } (멈추려면 Ctrl-C)
live-token-warning = 이 링크를 가진 사람은 누구나 학생의 이름과 결과를 볼 수 있습니다. 아무에게도 공유하지 말고, 믿을 수 있는 네트워크에서만 여세요
live-round = { $round }회차 · { $time } · { $took } 걸림 · 완료 { $complete }/{ $total }명 · 막힘 { $stuck }명 · 접속 불가 { $errors }명
live-stopped = { $round }회차 뒤에 멈췄습니다. 결과 파일을 씁니다
live-page-title = 실시간 수업 화면
live-page-round = 회차
live-page-grading = 채점 중…
live-page-waiting = 다음 회차를 기다리는 중
live-page-updated = 갱신
live-page-student = 학생
live-page-progress = 진행
live-page-current-step = 현재 단계
live-page-last-progress = 마지막 진전
live-page-complete = 완료
live-page-stale = 막힘
live-page-not-graded = 아직 채점 전
live-page-error = 채점할 수 없음
live-page-pass-rate = 검사별 통과율 (낮은 순)
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
