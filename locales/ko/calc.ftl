## `labcheck calc capacity`: 계산 과정을 한 단계씩 한 줄로 보여 줍니다. 숫자와
## 단위(RCU, WCU, KB)는 인수이고, 그 주위의 말만 여기에 있습니다.

calc-item-size = 항목 크기:         { $kb } ({ $bytes }바이트)
calc-rounded-read = 올림:              ceil({ $bytes } / { $unit_bytes }) = 읽기 1회당 { $unit_kb } 단위 { $units }개
calc-rounded-write = 올림:              ceil({ $bytes } / { $unit_bytes }) = 쓰기 1회당 { $unit_kb } 단위 { $units }개
calc-times-rate-read = 초당 횟수를 곱함:  { $units } × 초당 읽기 { $rate }회 = { $base }
calc-times-rate-write = 초당 횟수를 곱함:  { $units } × 초당 쓰기 { $rate }회 = { $base }
calc-mode-standard-write = 표준 쓰기: 조정 없음
calc-mode-strong = 강력한 일관된 읽기: 조정 없음
calc-mode-eventual = 최종적으로 일관된 읽기: 절반으로 나누고 올림: ceil({ $base } / 2) = { $value }
calc-mode-transactional = 트랜잭션: 두 배: { $base } × 2 = { $value }

calc-op-header = 호출 1회당 항목 { $items }개, 항목당 { $kb }({ $bytes }바이트), 초당 { $rate }회 호출, { $mode }
calc-op-query-how = Query: 크기를 모두 더한 뒤 4 KB 단위로 올림:
calc-op-query-sum = { $items } × { $bytes } = { $total }바이트, ceil({ $total } / 4096) = 호출 1회당 { $units }단위
calc-op-batch-how = BatchGetItem: 항목마다 4 KB 단위로 올린 뒤 모두 더함:
calc-op-batch-sum = ceil({ $bytes } / 4096) = 항목당 { $per_item }단위, × { $items } = 호출 1회당 { $units }단위
calc-op-query = Query:        { $units } × { $rate } = { $value } RCU
calc-op-query-eventual = Query:        { $units } × { $rate }, 절반으로 나누고 올림(최종적으로 일관된 읽기) = { $value } RCU
calc-op-batch = BatchGetItem: { $units } × { $rate } = { $value } RCU
calc-op-batch-eventual = BatchGetItem: { $units } × { $rate }, 절반으로 나누고 올림(최종적으로 일관된 읽기) = { $value } RCU
calc-op-asked = <- 질문한 작업
calc-note = 참고: { $note }

calc-limit-query = 항목 합계({ $kb })가 Query 한 번이 반환할 수 있는 양보다 많습니다. Query는 호출(페이지) 1회에 필터 적용 전 기준으로 최대 1 MB를 읽으므로, LastEvaluatedKey를 사용해 { $calls }번 호출해야 합니다. https://docs.aws.amazon.com/ko_kr/amazondynamodb/latest/developerguide/Query.FilterExpression.html 참고
calc-limit-batch = 항목 합계({ $kb })가 BatchGetItem 한 번이 반환할 수 있는 양보다 많습니다. 호출 1회에 최대 16 MB(항목 { $max_items }개)까지 반환하고 나머지는 UnprocessedKeys로 돌아오므로, 최소 { $calls }번 호출해야 합니다. https://docs.aws.amazon.com/ko_kr/amazondynamodb/latest/APIReference/API_BatchGetItem.html 참고

## --operation 비교의 첫 줄에 쓰는 읽기 방식.
calc-read-strong = 강력한 일관된 읽기
calc-read-eventual = 최종적으로 일관된 읽기
calc-read-transactional = 트랜잭션 읽기
