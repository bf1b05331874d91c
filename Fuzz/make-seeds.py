#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora under Fuzz/corpus/TARGET from the repository's own cases: the shared
conformance files (../shared/conformance or $SLUICE_CONFORMANCE), etc/sluice and a few hand-written inputs for the
wire formats. Run once to start a corpus; `make fuzz` then grows it (merge the findings back with
`make fuzz-merge`). At most LIMIT files per target, the smallest first, so a corpus stays small."""
import glob, gzip, json, os, random, subprocess, sys

LIMIT = 150
here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)
conformance = os.environ.get("SLUICE_CONFORMANCE") or os.path.join(repo, "..", "shared", "conformance")
if not os.path.isdir(conformance):
    conformance = "/work/shared/conformance"
random.seed(19)
seeds = {}


def add(target, data):
    if isinstance(data, str):
        data = data.encode()
    seeds.setdefault(target, set()).add(bytes(data))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def walk_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from walk_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk_strings(v)


# ASL: definitions, their inputs, and the paths and intrinsic calls inside them.
for case in sorted(glob.glob(os.path.join(conformance, "asl", "*", "*"))):
    try:
        definition = read(os.path.join(case, "definition.json"))
        data = read(os.path.join(case, "input.json"))
    except OSError:
        continue
    add("asl", definition)
    add("json", definition)
    add("json", data)
    try:
        parsed = json.loads(definition)
    except ValueError:
        continue
    for s in walk_strings(parsed):
        if s.startswith("States."):
            add("intrinsic", s)
        elif s.startswith("$") and not s.startswith("$states") and "{%" not in s:
            add("jsonpath", s.encode() + b"\0" + data)
            add("referencepath", s.encode() + b"\0" + data)
        elif s.startswith("{%") and s.endswith("%}"):
            add("jsonata", s[2:-2].strip().encode() + b"\0" + data)
for path in glob.glob(os.path.join(repo, "etc", "sluice", "state-machines", "*.json")):
    add("asl", read(path))

# JSONata: jsonata-js's own cases, expression and input.
for path in sorted(glob.glob(os.path.join(conformance, "jsonata", "*", "*.json"))):
    try:
        case = json.loads(read(path))
    except ValueError:
        continue
    data = case.get("input")
    document = b"" if data is None else json.dumps(data).encode()
    if len(document) > 4096:
        document = b""
    add("jsonata", case["expr"].encode() + b"\0" + document)

# Event patterns, input transformers, filter policies: the recorded cases joined with NULs.
events = os.path.join(conformance, "eventpatterns")
for case in sorted(glob.glob(os.path.join(events, "pattern", "*"))):
    add("eventpattern", read(os.path.join(case, "pattern.json")) + b"\0" + read(os.path.join(case, "event.json")))
for case in sorted(glob.glob(os.path.join(events, "transformer", "*"))):
    add("transformer", read(os.path.join(case, "transformer.json")) + b"\0" + read(os.path.join(case, "event.json")))
for case in sorted(glob.glob(os.path.join(events, "sns-filter", "*"))):
    attributes = os.path.join(case, "attributes.json")
    attributes = read(attributes) if os.path.exists(attributes) else b""
    add("filterpolicy", read(os.path.join(case, "policy.json")) + b"\0" + read(os.path.join(case, "message.txt"))
        + b"\0" + attributes)

# Item readers: CSV, JSON Lines, JSON documents, and the same compressed.
csvs = [
    "name,revenue,employees\nacme,1200.5,10\nglobex,99,3\n",
    'a,b\n"quoted, with comma","line\nbreak"\n"",x\n',
    "a;b\r\n1;2\r\n",
    "h\n\n\nx\n",
    'a,b\n"unterminated\n',
    "\ufeffid,v\n1,2\n",
    "a,a,b\n1,2,3\n",
]
jsonls = ['{"a": 1}\n{"b": [1, 2]}\n', '1\n"x"\nnull\n', '{"a":1}\r\n\r\n{"a":2}', '{"a": \n', "[1,2]\n{}\n"]
jsons = ['[{"a": 1}, {"b": 2}]', '{"items": [1, 2, 3]}', '[]', '[1, [2, [3]], "x", null, true]', '[{"a": "\\u00e9"}]']
for text in csvs:
    add("items-csv", text)
for text in jsonls:
    add("items-jsonl", text)
for text in jsons:
    add("items-json", text)
for path in glob.glob(os.path.join(repo, "etc", "sluice", "examples", "*.json")):
    data = read(path)
    if len(data) < 65536:
        add("items-json", data)
for text in jsonls + csvs[:3]:
    add("items-compressed", gzip.compress(text.encode(), mtime=0))
    try:
        add("items-compressed", subprocess.run(["zstd", "-q", "-c"], input=text.encode(), capture_output=True,
                                               check=True).stdout)
    except (OSError, subprocess.CalledProcessError):
        pass
add("items-compressed", gzip.compress(b"", mtime=0))

# A persistent worker's answer lines.
for line in [
    '{"requestId": "fuzz-request", "result": {"score": 1}}',
    '{"requestId": "fuzz-request", "errorType": "ValueError", "errorMessage": "bad", "stackTrace": ["a", "b"]}',
    '{"requestId": "other", "result": 1}',
    '{"requestId": "fuzz-request"}',
    '{"requestId": "fuzz-request", "errorType": 5}',
    'not json',
    '{"requestId": "fuzz-request", "result": null}\n{"requestId": "fuzz-request", "result": 2}',
]:
    add("workeranswer", line)

# The AWS wire: XML bodies, awsQuery forms, aws-chunked bodies and request heads.
for body in [
    '<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
    '<Part><PartNumber>1</PartNumber><ETag>"a54357aff0632cce46d942af68356b38"</ETag></Part></CompleteMultipartUpload>',
    '<Delete><Quiet>true</Quiet><Object><Key>a &amp; b.csv</Key></Object><Object><Key>x</Key><VersionId>1</VersionId>'
    '</Object></Delete>',
    '<Tagging><TagSet><Tag><Key>k</Key><Value>&#x41;&#66;&lt;</Value></Tag></TagSet></Tagging>',
    '<a><![CDATA[<not a tag>]]><!-- comment --><b/></a>',
    '<a b="c" d=\'e\'>text</a>',
]:
    add("xml", body)
for body in [
    "Action=Publish&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3At&Message=hello+world&Version=2010-03-31",
    "Action=CreateTopic&Name=t&Attributes.entry.1.key=FifoTopic&Attributes.entry.1.value=true&Tags.member.1.Key=a"
    "&Tags.member.1.Value=b",
    "Action=Publish&MessageAttributes.entry.1.Name=color&MessageAttributes.entry.1.Value.DataType=String"
    "&MessageAttributes.entry.1.Value.StringValue=red",
    "a=%zz&b&=c&&d=%E2%82%AC",
]:
    add("queryform", body)
for body in [
    b"5\r\nhello\r\n0\r\n\r\n",
    b"5;chunk-signature=" + b"0" * 64 + b"\r\nhello\r\n0;chunk-signature=" + b"1" * 64 + b"\r\n\r\n",
    b"3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n",
    b"ffffffffffffffff\r\n",
    b"0\r\n",
]:
    add("awschunked", b"\x07" + body)
for head in [
    "POST /\nhost: localhost:4566\nx-amz-date: 20260101T000000Z\nx-amz-target: AWSStepFunctions.StartExecution\n"
    "authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/states/aws4_request, "
    "SignedHeaders=host;x-amz-date;x-amz-target, Signature=" + "a" * 64,
    "GET /inbox/companies%2Fa.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fs3"
    "%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature="
    + "b" * 64 + "\nhost: localhost\nrange: bytes=0-99",
    "POST /2015-03-31/functions/score/invocations\nhost: localhost\nx-amz-date: 20260101T000000Z\n"
    "authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/lambda/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=" + "c" * 64,
    "PUT /b/k?partNumber=1&uploadId=x\nrange: bytes=-5\nx-amz-content-sha256: UNSIGNED-PAYLOAD",
]:
    add("sigv4", head)

total = 0
for target, found in sorted(seeds.items()):
    chosen = sorted(found, key=lambda b: (len(b), b))
    if len(chosen) > LIMIT:
        # The smallest third and a random sample of the rest: small inputs run fast, large ones reach further.
        small = chosen[: LIMIT // 3]
        chosen = small + random.sample(chosen[LIMIT // 3:], LIMIT - len(small))
    folder = os.path.join(here, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    for i, data in enumerate(chosen):
        with open(os.path.join(folder, "seed-%03d" % i), "wb") as f:
            f.write(data)
    size = sum(len(d) for d in chosen)
    total += size
    print("%-18s %4d files %8d bytes" % (target, len(chosen), size))
print("total %d bytes" % total)
