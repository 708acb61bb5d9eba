"""A raw load test of moto: how many calls per second it answers when
several clients call at once, with the kinds of call labcheck makes.

Usage: moto_load.py ENDPOINT SECONDS PROCESSES THREADS -> prints "calls_per_second N"
"""

import multiprocessing
import sys
import threading
import time

import boto3

ENDPOINT, SECONDS, PROCESSES, THREADS = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])


def worker(count, stop_at):
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                                    region_name="ap-northeast-2")
    clients = [session.client(n, endpoint_url=ENDPOINT) for n in ("sts", "iam", "dynamodb", "s3", "apigateway")]
    calls = [
        lambda: clients[0].get_caller_identity(),
        lambda: clients[1].list_users(),
        lambda: clients[2].list_tables(),
        lambda: clients[3].list_buckets(),
        lambda: clients[4].get_rest_apis(),
    ]
    n = 0
    while time.time() < stop_at:
        calls[n % len(calls)]()
        n += 1
    with count.get_lock():
        count.value += n


def process(count, stop_at):
    threads = [threading.Thread(target=worker, args=(count, stop_at)) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    count = multiprocessing.Value("i", 0)
    start = time.time()
    stop_at = start + SECONDS
    procs = [multiprocessing.Process(target=process, args=(count, stop_at)) for _ in range(PROCESSES)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"calls_per_second {count.value / (time.time() - start):.0f}")
