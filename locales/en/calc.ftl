## `labcheck calc capacity`: the working, one line per step. Numbers and
## units (RCU, WCU, KB) are arguments; the words around them are here.

calc-item-size = Item size:         {$kb} ({$bytes} bytes)
calc-rounded-read = Rounded up:        ceil({$bytes} / {$unit_bytes}) = {$units} unit(s) of {$unit_kb} per read
calc-rounded-write = Rounded up:        ceil({$bytes} / {$unit_bytes}) = {$units} unit(s) of {$unit_kb} per write
calc-times-rate-read = Times the rate:    {$units} × {$rate} reads/s = {$base}
calc-times-rate-write = Times the rate:    {$units} × {$rate} writes/s = {$base}
calc-mode-standard-write = Standard writes: no adjustment
calc-mode-strong = Strongly consistent: no adjustment
calc-mode-eventual = Eventually consistent: halved, rounded up: ceil({$base} / 2) = {$value}
calc-mode-transactional = Transactional: doubled: {$base} × 2 = {$value}

calc-op-header = {$items} item(s) of {$kb} ({$bytes} bytes) per call, {$rate} call(s)/s, {$mode}
calc-op-query-how = Query: sizes summed, then rounded up to 4 KB:
calc-op-query-sum = {$items} × {$bytes} = {$total} bytes; ceil({$total} / 4096) = {$units} unit(s) per call
calc-op-batch-how = BatchGetItem: each item rounded up to 4 KB, then summed:
calc-op-batch-sum = ceil({$bytes} / 4096) = {$per_item} unit(s) per item; × {$items} = {$units} unit(s) per call
calc-op-query = Query:        {$units} × {$rate} = {$value} RCU
calc-op-query-eventual = Query:        {$units} × {$rate}, halved and rounded up (eventually consistent) = {$value} RCU
calc-op-batch = BatchGetItem: {$units} × {$rate} = {$value} RCU
calc-op-batch-eventual = BatchGetItem: {$units} × {$rate}, halved and rounded up (eventually consistent) = {$value} RCU
calc-op-asked = <- asked
calc-note = Note: {$note}

calc-limit-query = {$kb} of items is more than one Query returns: a Query reads at most 1 MB per call (page), counted before any filter, so this takes {$calls} calls with LastEvaluatedKey. See https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html
calc-limit-batch = {$kb} of items is more than one BatchGetItem returns: at most 16 MB (and {$max_items} items) per call; the rest come back in UnprocessedKeys, so this takes at least {$calls} calls. See https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html

## The read mode, as the header of an --operation comparison names it.
calc-read-strong = strongly consistent
calc-read-eventual = eventually consistent
calc-read-transactional = transactional
