# labcheck quiz: 문제 주변의 안내 문구 (문제 본문은 문제 은행에 있습니다).
# locales/en/quiz.ftl과 같은 id, 같은 인수를 씁니다. 테스트가 두 언어로 모든 id를 렌더링합니다.

## 연습

quiz-seed = 시드 { $seed } (--seed { $seed }로 이 세션을 다시 할 수 있습니다)
quiz-exam-seed = 시드 { $seed } (--seed { $seed }로 이 시험을 다시 볼 수 있습니다)
quiz-due-none = 오늘 복습할 문제가 없습니다. 새 문제와 나중에 복습할 문제를 풉니다.
quiz-due-some = 복습할 때가 된 문제 { $n }개를 먼저 풉니다.
quiz-question-header = 문제 { $n }/{ $total }  ·  { $domain }  ·  { $topics }
quiz-your-answer = 답 ({ $hint })
quiz-hint-one = 문자 하나
quiz-hint-letters = 문자 { $n }개, 예: AC
quiz-hint-order = 순서대로 문자, 예: CADB
quiz-hint-number = 숫자, 단위 { $unit }
quiz-not-an-answer = 답이 아닙니다: { $why }.
quiz-why-not-letter = A-{ $last } 중 한 글자가 아닙니다 (입력한 값: { $c })
quiz-why-twice = 같은 글자를 두 번 입력했습니다: { $letter }
quiz-why-one = A-{ $last } 중 문자 하나를 입력하십시오
quiz-why-n = 문자 { $n }개를 입력하십시오. 예: AC
quiz-why-all = 문자 { $n }개를 모두 순서대로 입력하십시오. 예: { $example }
quiz-why-number = 숫자({ $unit })를 입력하십시오. 예: 12 또는 2.5
quiz-right = ✓ 정답입니다.
quiz-wrong = ✗ 오답입니다.
quiz-the-answer-is = 정답은 { $answer }입니다.
# Choice letters run A-H, all read with a final vowel (에이, 비, 씨, 디, 이, 에프, 지,
# 에이치), so the particle is always 가; no 이(가) splice.
quiz-why-tempting = { $letter }가 그럴듯한 이유: { $text }
quiz-why-wrong = { $letter }가 틀린 이유: { $text }
quiz-working = 풀이:
quiz-docs = 문서: { $url }
quiz-end-of-input = 입력이 끝났습니다. 여기서 멈춥니다.
quiz-retry-missed = 틀린 문제 { $n }개를 지금 다시 풀겠습니까? (y/N)
quiz-score = 점수: { $right } / { $n } ({ $pct }%)
quiz-by-domain = 도메인별:
quiz-by-topic = 주제별:
quiz-misconceptions = 복습할 오개념:
quiz-stopped = 중지했습니다. 지금까지의 모든 답은 저장되었습니다.

## 도메인 (DVA-C02 시험 안내서)

quiz-domain-development = AWS 서비스를 사용한 개발
quiz-domain-security = 보안
quiz-domain-deployment = 배포
quiz-domain-troubleshooting = 문제 해결 및 최적화

## 통계 (--stats)

quiz-stats-title = 간격 반복 학습 (FSRS)
quiz-stats-seen = 문제 { $total }개 중 { $seen }개를 풀었습니다. 답 { $answers }개 중 { $right }개가 정답입니다 ({ $pct }).
quiz-stats-recall = 오늘 예상 기억률 (FSRS 인출 가능성, 푼 문제의 평균): { $pct }
quiz-stats-due = 오늘 복습: { $today }   7일 이내 복습: { $week }   새 문제: { $new }
quiz-col-seen = 푼 문제
quiz-col-recall = 기억률
quiz-col-today = 오늘
quiz-col-week = 7일

## 모의시험

quiz-exam-intro = 모의시험: { $n }문제, { $minutes }분. 제출할 때까지 채점 결과를 보여 주지 않습니다. 각 문제에서 답을 입력하거나, ?로 검토 표시를 하거나, Enter로 건너뛰거나, R로 검토 화면을 엽니다. 답은 입력할 때마다 저장됩니다. Ctrl-C로 멈춘 뒤에는 `labcheck quiz --exam --resume`으로 이어서 풉니다.
quiz-exam-resumed = 모의시험을 이어서 봅니다: { $n }문제 중 { $answered }문제 답함, 남은 시간 { $left }.
quiz-exam-time-up = 시간이 다 되었습니다. 시험을 여기서 마칩니다.
quiz-exam-header = 문제 { $n }/{ $total }  ·  남은 시간 { $left }
quiz-exam-header-flagged = 문제 { $n }/{ $total }  ·  남은 시간 { $left }  ·  검토 표시
quiz-exam-so-far = 지금까지의 답: { $answer }
quiz-exam-answer = 답 ({ $hint }; ? 검토 표시, Enter 건너뛰기, R 검토)
quiz-exam-flagged = 검토 표시를 했습니다.
quiz-exam-unflagged = 검토 표시를 지웠습니다.
quiz-exam-goto = 돌아갈 문제 번호, 또는 제출하려면 S
quiz-exam-type-number = 1부터 { $n }까지의 숫자나 S(제출)를 입력하십시오.
quiz-exam-confirm = 답하지 않은 문제가 { $open }개 있으며 오답으로 처리됩니다. 그래도 제출하겠습니까? (y/N)
quiz-exam-saved = 입력이 끝났습니다. 시험이 저장되었습니다 ({ $n }문제 중 { $answered }문제 답함, 남은 시간 { $left }). `labcheck quiz --exam --resume`으로 이어서 보거나 `labcheck quiz --exam --abandon`으로 취소하십시오.
quiz-exam-stopped = 중지했습니다. 시험이 저장되었습니다. `labcheck quiz --exam --resume`으로 이어서 보십시오 (남아 있던 시간부터 다시 잽니다).
quiz-exam-review-title = 제출 전 검토
quiz-exam-answered = 답함:       { $n }문제 중 { $answered }문제
quiz-exam-unanswered = 답하지 않음: { $list }
quiz-exam-flagged-list = 검토 표시:   { $list }
quiz-exam-none = 없음
quiz-exam-submitted = 시험을 제출했습니다: { $n }문제 중 { $answered }문제 답함, 걸린 시간 { $took }.
quiz-exam-scaled = 환산 점수: { $score } / 1000 (합격선 { $pass }):
quiz-exam-pass = 합격
quiz-exam-fail = 불합격
quiz-exam-explain = 채점 대상 { $scored }문제 중 { $right }문제 정답 (실제 시험처럼 { $unscored }문제는 채점하지 않았습니다). 점수 = 100 + 900 × 정답 수 / 채점 대상 문제 수: AWS가 환산 방식을 공개하지 않으므로 선형으로 환산합니다.
quiz-exam-meets = 역량 충족
quiz-exam-needs = 개선 필요
quiz-exam-not-assessed = 평가 안 됨
quiz-exam-missed-title = 틀린 문제 다시 보기
quiz-exam-missed = 문제 { $n } ({ $id }): 내 답 { $yours }, 정답 { $answer }.
quiz-exam-no-answer = (답 없음)
quiz-exam-dropped = 진행 중이던 시험을 취소했습니다.
quiz-exam-none-in-progress = 진행 중인 시험이 없습니다.

## 범위 (--list --coverage)

quiz-coverage-title = DVA-C02 작업 설명별 문제 수 (문제 { $n }개)
quiz-coverage-task = 작업
quiz-coverage-total = 합계
quiz-coverage-statement = 작업 설명
quiz-coverage-no-task = (작업 미지정)
quiz-coverage-domain = 도메인
