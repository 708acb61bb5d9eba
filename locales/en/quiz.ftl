# labcheck quiz: the chrome around the questions (question text is in the banks).
# Ids start with quiz-; arguments are named. Keep locales/ko/quiz.ftl in step:
# a test renders every id in both languages.

## Practice

quiz-seed = Seed { $seed } (repeat this session with --seed { $seed })
quiz-exam-seed = Seed { $seed } (repeat this exam with --seed { $seed })
quiz-due-none = Nothing is due today: practising new and later questions.
quiz-due-some = { $n } question(s) due for review come first.
quiz-question-header = Question { $n } of { $total }  ·  { $domain }  ·  { $topics }
quiz-your-answer = Your answer ({ $hint })
quiz-hint-one = one letter
quiz-hint-letters = { $n } letters, like AC
quiz-hint-order = the letters in order, like CADB
quiz-hint-number = a number, in { $unit }
quiz-not-an-answer = Not an answer: { $why }.
quiz-why-not-letter = { $c } is not one of the letters A-{ $last }
quiz-why-twice = { $letter } is given twice
quiz-why-one = type one letter, A-{ $last }
quiz-why-n = type { $n } letters, like AC
quiz-why-all = type all { $n } letters in order, like { $example }
quiz-why-number = type a number (in { $unit }), like 12 or 2.5
quiz-right = ✓ Right.
quiz-wrong = ✗ Wrong.
quiz-the-answer-is = The answer is { $answer }.
quiz-why-tempting = Why { $letter } is tempting: { $text }
quiz-why-wrong = Why { $letter } is wrong: { $text }
quiz-working = Working:
quiz-docs = Docs: { $url }
quiz-end-of-input = End of input: stopping here.
quiz-retry-missed = Retry the { $n } question(s) you missed now? (y/N)
quiz-score = Score: { $right } / { $n } ({ $pct }%)
quiz-by-domain = By domain:
quiz-by-topic = By topic:
quiz-misconceptions = Misconceptions to review:
quiz-stopped = Stopped: every answer so far is saved.

## Domains (DVA-C02 exam guide)

quiz-domain-development = Development with AWS Services
quiz-domain-security = Security
quiz-domain-deployment = Deployment
quiz-domain-troubleshooting = Troubleshooting and Optimization

## Statistics (--stats)

quiz-stats-title = Spaced repetition (FSRS)
quiz-stats-seen = Seen { $seen } of { $total } questions. Right { $right } of { $answers } answers ({ $pct }).
quiz-stats-recall = Predicted recall today (FSRS retrievability, mean over seen questions): { $pct }
quiz-stats-due = Due today: { $today }   Due within 7 days: { $week }   New: { $new }
quiz-col-seen = seen
quiz-col-recall = recall
quiz-col-today = today
quiz-col-week = 7 days

## Exam

quiz-exam-intro = Practice exam: { $n } questions, { $minutes } minutes. No feedback until you submit. At each question: type your answer, ? to flag it for review, Enter to skip, R for the review screen. Your answers are saved as you go: after Ctrl-C, continue with `labcheck quiz --exam --resume`.
quiz-exam-resumed = Practice exam resumed: { $answered } of { $n } answered, { $left } left.
quiz-exam-time-up = Time is up: the exam ends here.
quiz-exam-header = Question { $n } of { $total }  ·  { $left } left
quiz-exam-header-flagged = Question { $n } of { $total }  ·  { $left } left  ·  flagged
quiz-exam-so-far = Your answer so far: { $answer }
quiz-exam-answer = Answer ({ $hint }; ? flag, Enter skip, R review)
quiz-exam-flagged = Flagged for review.
quiz-exam-unflagged = Flag removed.
quiz-exam-goto = Question number to go back to, or S to submit
quiz-exam-type-number = Type a number from 1 to { $n }, or S to submit.
quiz-exam-confirm = { $open } question(s) have no answer and will count as wrong. Submit anyway? (y/N)
quiz-exam-saved = Input ended: the exam is saved ({ $answered } of { $n } answered, { $left } left). Continue it with `labcheck quiz --exam --resume`, or drop it with `labcheck quiz --exam --abandon`.
quiz-exam-stopped = Stopped: the exam is saved. Continue it with `labcheck quiz --exam --resume` (the clock resumes with the time that was left).
quiz-exam-review-title = Review before submitting
quiz-exam-answered = Answered:   { $answered } of { $n }
quiz-exam-unanswered = Unanswered: { $list }
quiz-exam-flagged-list = Flagged:    { $list }
quiz-exam-none = none
quiz-exam-submitted = Exam submitted: { $answered } of { $n } answered in { $took }.
quiz-exam-scaled = Scaled score: { $score } / 1000 (pass mark { $pass }):
quiz-exam-pass = PASS
quiz-exam-fail = FAIL
quiz-exam-explain = { $right } of the { $scored } scored questions right ({ $unscored } questions were unscored, as on the real exam). Score = 100 + 900 × right / scored: a linear mapping, since AWS does not publish its scaling.
quiz-exam-meets = meets competencies
quiz-exam-needs = needs improvement
quiz-exam-not-assessed = not assessed
quiz-exam-missed-title = Review of the questions you missed
quiz-exam-missed = Question { $n } ({ $id }): your answer { $yours }; the answer is { $answer }.
quiz-exam-no-answer = (no answer)
quiz-exam-dropped = The exam in progress was dropped.
quiz-exam-none-in-progress = No exam in progress.

## Coverage (--list --coverage)

quiz-coverage-title = Questions per DVA-C02 task statement ({ $n } questions)
quiz-coverage-task = task
quiz-coverage-total = total
quiz-coverage-statement = statement
quiz-coverage-no-task = (no task yet)
quiz-coverage-domain = domain
