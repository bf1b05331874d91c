"""The AWS API's benchmark, driven by `sluice-bench api`: boto3 against sluiced, and against a canned-answer
server in this process (boto3's own floor: the same client, the same calls, an answer that costs nothing).

    python3 bench/api.py latency N        # N StartExecution then N DescribeExecution, one client, one thread
    python3 bench/api.py floor N          # the same against the canned server
    python3 bench/api.py throughput N T   # N StartExecution from T threads; then ListExecutions must list all N
    python3 bench/api.py s3cp N FILE AWS  # N rounds: `cp FILE` beside `AWS s3 cp FILE s3://inbox/...` (wall and the
                                          # client's own CPU time), the upload checked byte for byte

The endpoint and credentials come from the environment (`sluice env`). Prints one JSON line.
"""
import json
import os
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3
from botocore.config import Config

MACHINE = "arn:aws:states:local:000000000000:stateMachine:bench-api"
CONFIG = Config(retries={"max_attempts": 1}, max_pool_connections=64)


def client(endpoint=None, **keys):
    return boto3.client("stepfunctions", endpoint_url=endpoint, config=CONFIG, **keys)


def percentiles(samples):
    samples = sorted(samples)
    pick = lambda p: samples[min(len(samples) - 1, int(p * len(samples)))]
    return {"p50": round(pick(0.5), 3), "p90": round(pick(0.9), 3), "p99": round(pick(0.99), 3)}


def timed(call, n):
    samples = []
    for i in range(n):
        start = time.perf_counter()
        call(i)
        samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)


def latency(sfn, n, prefix):
    # Warm the connection and the machine first.
    arn = sfn.start_execution(stateMachineArn=MACHINE, name=f"{prefix}-warm", input="{}")["executionArn"]
    sfn.describe_execution(executionArn=arn)
    start = timed(lambda i: sfn.start_execution(stateMachineArn=MACHINE, name=f"{prefix}-{i}", input='{"i": 1}'), n)
    describe = timed(lambda i: sfn.describe_execution(executionArn=arn), n)
    return {"StartExecution": start, "DescribeExecution": describe}


class Canned(BaseHTTPRequestHandler):
    """Answers every call at once with a fixed body of the right shape (keep-alive, no Nagle)."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        execution = "arn:aws:states:local:000000000000:execution:bench-api:x"
        if self.headers.get("X-Amz-Target", "").endswith("StartExecution"):
            body = {"executionArn": execution, "startDate": 1.0}
        else:
            body = {"executionArn": execution, "stateMachineArn": MACHINE, "status": "SUCCEEDED",
                    "startDate": 1.0, "stopDate": 1.0, "input": "{}", "output": "{}"}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def floor(n):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Canned)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sfn = client(f"http://127.0.0.1:{server.server_port}", region_name="local",
                     aws_access_key_id="AKIAFLOOR", aws_secret_access_key="floor")
        return latency(sfn, n, "floor")
    finally:
        server.shutdown()


def throughput(sfn, n, threads):
    prefix = "tp-" + uuid.uuid4().hex[:8]
    errors = []
    per_thread = n // threads

    def work(t):
        local = client()
        for i in range(per_thread):
            try:
                local.start_execution(stateMachineArn=MACHINE, name=f"{prefix}-{t}-{i}", input="{}")
            except Exception as e:  # counted, not hidden
                errors.append(str(e))

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    seconds = time.perf_counter() - start
    listed = set()
    for page in sfn.get_paginator("list_executions").paginate(stateMachineArn=MACHINE):
        listed.update(e["name"] for e in page["executions"] if e["name"].startswith(prefix))
    return {"calls": per_thread * threads, "seconds": round(seconds, 3),
            "per_second": round(per_thread * threads / seconds, 1), "errors": len(errors),
            "listed": len(listed), "first_error": errors[0] if errors else None}


def s3cp(rounds, path, aws):
    import resource
    import subprocess
    import tempfile
    results = []
    folder = tempfile.mkdtemp(prefix="sluice-bench-cp-")
    for i in range(rounds):
        start = time.perf_counter()
        subprocess.run(["cp", path, os.path.join(folder, f"copy-{i}.csv")], check=True)
        cp_seconds = time.perf_counter() - start
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([aws, "s3", "cp", path, f"s3://inbox/bench-cp/{i}.csv", "--only-show-errors"], check=True)
        aws_seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        client_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        s3 = boto3.client("s3", config=CONFIG)
        uploaded = s3.get_object(Bucket="inbox", Key=f"bench-cp/{i}.csv")["Body"].read()
        with open(path, "rb") as f:
            same = uploaded == f.read()
        results.append({"cp": round(cp_seconds, 3), "aws": round(aws_seconds, 3),
                        "client_cpu": round(client_cpu, 3), "same": same})
    subprocess.run(["rm", "-rf", folder])
    return {"rounds": results}


def main():
    mode = sys.argv[1]
    n = int(sys.argv[2])
    if mode == "floor":
        print(json.dumps(floor(n)))
    elif mode == "latency":
        print(json.dumps(latency(client(), n, "lat-" + uuid.uuid4().hex[:8])))
    elif mode == "s3cp":
        print(json.dumps(s3cp(n, sys.argv[3], sys.argv[4])))
    elif mode == "throughput":
        print(json.dumps(throughput(client(), n, int(sys.argv[3]))))
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
