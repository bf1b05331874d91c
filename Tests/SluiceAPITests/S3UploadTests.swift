import Foundation
import SluiceTesting
import SluiceVocabulary
import Testing

/// Uploads through S3: multipart, aws-chunked bodies, bodies that do not match their hash, and an upload through a
/// rule starting exactly one execution, as a file dropped into the bucket does.
@Suite struct S3UploadTests {
    /// Requests boto3 would not send: signed by botocore's own signer, sent as they are with urllib.
    static let rawRequests = """
        import hashlib, urllib.request, urllib.error
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        credentials = boto3.Session().get_credentials()
        def raw(method, path, body, headers):
            request = AWSRequest(method=method, url=s3.meta.endpoint_url + path, data=body, headers=headers)
            SigV4Auth(credentials, "s3", "local").add_auth(request)
            return send(request, body)
        def send(request, body):
            sent = urllib.request.Request(request.url, data=body, headers=dict(request.headers.items()), method=request.method)
            try:
                with urllib.request.urlopen(sent) as response:
                    return [response.status, response.read().decode()]
            except urllib.error.HTTPError as e:
                return [e.code, e.read().decode()]
        def raw_put(path, body, headers):
            return raw("PUT", path, body, headers)
        def signed_chunks(path, chunks, tamper=False):
            # STREAMING-AWS4-HMAC-SHA256-PAYLOAD: the seed signature from the headers, then each chunk signed over
            # the one before, as AWS's "Transferring Payload in Multiple Chunks" describes.
            import hmac
            data = b"".join(chunks)
            headers = {"X-Amz-Content-SHA256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "Content-Encoding": "aws-chunked",
                       "x-amz-decoded-content-length": str(len(data))}
            request = AWSRequest(method="PUT", url=s3.meta.endpoint_url + path, data=b"", headers=headers)
            SigV4Auth(credentials, "s3", "local").add_auth(request)
            seed = request.headers["Authorization"].rsplit("Signature=", 1)[1]
            date = request.headers["X-Amz-Date"]
            key = ("AWS4" + credentials.secret_key).encode()
            for part in [date[:8], "local", "s3", "aws4_request"]:
                key = hmac.new(key, part.encode(), hashlib.sha256).digest()
            body, previous = b"", seed
            for chunk in list(chunks) + [b""]:
                text = "\\n".join(["AWS4-HMAC-SHA256-PAYLOAD", date, date[:8] + "/local/s3/aws4_request", previous,
                                  hashlib.sha256(b"").hexdigest(), hashlib.sha256(chunk).hexdigest()])
                previous = hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
                sent = chunk.upper() if tamper else chunk
                body += b"%x;chunk-signature=%s\\r\\n" % (len(chunk), previous.encode()) + sent + b"\\r\\n"
            body += b"\\r\\n"
            request.headers["Content-Length"] = str(len(body))
            return send(request, body)

        """

    @Test func multipartUploadsThroughBoto3() async throws {
        let root = try DaemonRoot()
        try await InProcessDaemon.run(on: root) { _ in
            let run = try await AWSClient(root: root.path).python(
                boto3Preamble + """
                    import hashlib
                    one, two = b"a" * (5 * 1024 * 1024), b"b" * 1024
                    up = s3.create_multipart_upload(Bucket="inbox", Key="big/data.bin")["UploadId"]
                    e1 = s3.upload_part(Bucket="inbox", Key="big/data.bin", UploadId=up, PartNumber=1, Body=one)["ETag"]
                    e2 = s3.upload_part(Bucket="inbox", Key="big/data.bin", UploadId=up, PartNumber=2, Body=two)["ETag"]
                    parts = s3.list_parts(Bucket="inbox", Key="big/data.bin", UploadId=up)["Parts"]
                    uploads = [u["UploadId"] for u in s3.list_multipart_uploads(Bucket="inbox").get("Uploads", [])]
                    def complete(listed):
                        return s3.complete_multipart_upload(Bucket="inbox", Key="big/data.bin", UploadId=up,
                                                            MultipartUpload={"Parts": listed})
                    wrong = code(lambda: complete([{"ETag": e2, "PartNumber": 1}, {"ETag": e2, "PartNumber": 2}]))
                    order = code(lambda: complete([{"ETag": e2, "PartNumber": 2}, {"ETag": e1, "PartNumber": 1}]))
                    done = complete([{"ETag": e1, "PartNumber": 1}, {"ETag": e2, "PartNumber": 2}])
                    digests = bytes.fromhex(hashlib.md5(one).hexdigest()) + bytes.fromhex(hashlib.md5(two).hexdigest())
                    other = s3.create_multipart_upload(Bucket="inbox", Key="big/other.bin")["UploadId"]
                    s3.abort_multipart_upload(Bucket="inbox", Key="big/other.bin", UploadId=other)
                    out({"etag": done["ETag"], "expected": '"%s-2"' % hashlib.md5(digests).hexdigest(),
                         "parts": [[p["PartNumber"], p["Size"]] for p in parts], "uploads": uploads == [up],
                         "wrong": wrong, "order": order,
                         "size": s3.head_object(Bucket="inbox", Key="big/data.bin")["ContentLength"],
                         "aborted": code(lambda: s3.upload_part(Bucket="inbox", Key="big/other.bin", UploadId=other, PartNumber=1, Body=b"x")),
                         "completedAgain": code(lambda: complete([{"ETag": e1, "PartNumber": 1}])),
                         "noUpload": code(lambda: s3.upload_part(Bucket="inbox", Key="big/x", UploadId="nope", PartNumber=1, Body=b"x"))})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["etag"] as? String == result["expected"] as? String)
            #expect(result["parts"] as? [[Int]] == [[1, 5 * 1024 * 1024], [2, 1024]])
            #expect(result["uploads"] as? Bool == true)
            #expect(result["wrong"] as? String == "InvalidPart")
            #expect(result["order"] as? String == "InvalidPartOrder")
            #expect(result["size"] as? Int == 5 * 1024 * 1024 + 1024)
            #expect(result["aborted"] as? String == "NoSuchUpload")
            #expect(result["completedAgain"] as? String == "NoSuchUpload")
            #expect(result["noUpload"] as? String == "NoSuchUpload")
            #expect(root.files("var/lib/sluice/buckets/inbox/big") == ["data.bin"])
            #expect(root.files("var/lib/sluice/uploads/.multipart").isEmpty)
        }
    }

    @Test func chunkedAndMismatchedBodies() async throws {
        let root = try DaemonRoot()
        try await InProcessDaemon.run(on: root) { _ in
            let run = try await AWSClient(root: root.path).python(
                boto3Preamble + Self.rawRequests + """
                    streaming = {"X-Amz-Content-SHA256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "Content-Encoding": "aws-chunked",
                                 "x-amz-decoded-content-length": "11", "x-amz-trailer": "x-amz-checksum-crc32"}
                    chunked = raw_put("/inbox/chunked.txt", b"5\\r\\nhello\\r\\n6\\r\\n world\\r\\n0\\r\\nx-amz-checksum-crc32:DUoRhQ==\\r\\n\\r\\n", streaming)
                    short = raw_put("/inbox/short.txt", b"5\\r\\nhello\\r\\n0\\r\\n\\r\\n", streaming)
                    mismatch = raw_put("/inbox/mismatch.txt", b"hello", {"X-Amz-Content-SHA256": "0" * 64})
                    badTrailer = raw_put("/inbox/bad-trailer.txt", b"5\\r\\nhello\\r\\n0\\r\\nx-amz-checksum-crc32:AAAAAA==\\r\\n\\r\\n",
                                         dict(streaming, **{"x-amz-decoded-content-length": "5"}))
                    badHeader = code(lambda: s3.put_object(Bucket="inbox", Key="bad-header.txt", Body=b"hello", ChecksumCRC32="AAAAAA=="))
                    signed = signed_chunks("/inbox/signed.txt", [b"a" * 70000, b"tail"])
                    tampered = signed_chunks("/inbox/tampered.txt", [b"abc"], tamper=True)
                    import io
                    seconds = []
                    for attempt in range(3):
                        started = time.time()
                        # A file-like body: botocore then sends Expect: 100-continue and waits for the answer.
                        s3.put_object(Bucket="inbox", Key="quick.bin", Body=io.BytesIO(b"quick"))
                        seconds.append(time.time() - started)
                    out({"chunked": chunked[0], "short": short, "mismatch": mismatch, "seconds": min(seconds),
                         "signed": signed, "tampered": tampered, "badTrailer": badTrailer, "badHeader": badHeader})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["chunked"] as? Int == 200)
            #expect(root.read("var/lib/sluice/buckets/inbox/chunked.txt") == "hello world")
            let short = try #require(result["short"] as? [Any])
            #expect(short.first as? Int == 400)
            #expect((short.last as? String)?.contains("<Code>IncompleteBody</Code>") == true)
            #expect(!root.exists("var/lib/sluice/buckets/inbox/short.txt"))
            let mismatch = try #require(result["mismatch"] as? [Any])
            #expect(mismatch.first as? Int == 400)
            #expect((mismatch.last as? String)?.contains("<Code>XAmzContentSHA256Mismatch</Code>") == true)
            #expect(!root.exists("var/lib/sluice/buckets/inbox/mismatch.txt"))
            #expect((result["signed"] as? [Any])?.first as? Int == 200, "\(result["signed"] ?? "")")
            #expect(
                root.read("var/lib/sluice/buckets/inbox/signed.txt") == String(repeating: "a", count: 70000) + "tail"
            )
            let tampered = try #require(result["tampered"] as? [Any])
            #expect(tampered.first as? Int == 403)
            #expect((tampered.last as? String)?.contains("<Code>SignatureDoesNotMatch</Code>") == true)
            #expect(!root.exists("var/lib/sluice/buckets/inbox/tampered.txt"))
            #expect(((result["badTrailer"] as? [Any])?.last as? String)?.contains("<Code>BadDigest</Code>") == true)
            #expect(result["badHeader"] as? String == "BadDigest")
            #expect(!root.exists("var/lib/sluice/buckets/inbox/bad-trailer.txt"))
            #expect(!root.exists("var/lib/sluice/buckets/inbox/bad-header.txt"))
            // boto3 waits for 100 Continue before sending the body: a second lost on every upload otherwise.
            #expect((result["seconds"] as? Double ?? 9) < 0.8)
            #expect(root.files("var/lib/sluice/uploads").isEmpty)
        }
    }

    @Test func virtualHostedStyleAddressesTheBucketByHost() async throws {
        let root = try DaemonRoot()
        try await InProcessDaemon.run(on: root) { _ in
            let run = try await AWSClient(root: root.path).python(
                boto3Preamble + Self.rawRequests + """
                    host = "inbox.localhost:" + s3.meta.endpoint_url.rsplit(":", 1)[1]
                    empty = hashlib.sha256(b"").hexdigest()
                    put = raw("PUT", "/v/hosted.txt", b"hosted", {"Host": host, "X-Amz-Content-SHA256": hashlib.sha256(b"hosted").hexdigest()})
                    got = raw("GET", "/v/hosted.txt", None, {"Host": host, "X-Amz-Content-SHA256": empty})
                    listed = raw("GET", "/?list-type=2&prefix=v%2F", None, {"Host": host, "X-Amz-Content-SHA256": empty})
                    out({"put": put[0], "got": got, "listed": "<Key>v/hosted.txt</Key>" in listed[1]})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["put"] as? Int == 200)
            #expect((result["got"] as? [Any])?.last as? String == "hosted")
            #expect(result["listed"] as? Bool == true)
            #expect(root.read("var/lib/sluice/buckets/inbox/v/hosted.txt") == "hosted")
        }
    }

    @Test func uploadsStartOneExecutionEachThroughARule() async throws {
        let root = try DaemonRoot()
        try root.write(
            "etc/sluice/rules/inbox.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"], "detail": {"bucket": {"name": ["inbox"]}}},
             "Targets": [{"Id": "note", "Arn": "arn:aws:states:local:000000000000:stateMachine:note"}]}
            """#
        )
        try root.write(
            "etc/sluice/state-machines/note.asl.json",
            #"{"StartAt": "Note", "States": {"Note": {"Type": "Pass", "End": true}}}"#
        )
        // Above the CLI's 8 MiB multipart threshold.
        let big = String(repeating: "id,name\n1,Acme\n", count: 700_000)
        try root.write("upload/x.csv", big)
        try await InProcessDaemon.run(on: root) { _ in
            let client = AWSClient(root: root.path)
            let put = try await client.python(
                boto3Preamble + #"s3.put_object(Bucket="inbox", Key="companies/a.csv", Body=b"id\n1\n")"#
            )
            #expect(put.status == 0, "\(put.errors)")
            let copied = try await client.aws(["s3", "cp", root.path + "/upload/x.csv", "s3://inbox/companies/x.csv"])
            #expect(copied.status == 0, "\(copied.errors)")
            try await eventually("both uploads ran", within: .seconds(20)) {
                root.executions(status: .succeeded).count >= 2 && root.isIdle
            }
            #expect(root.executions().count == 2)
            #expect(root.read("var/lib/sluice/buckets/inbox/companies/x.csv") == big)
            let buckets = try await client.aws(["s3", "ls"])
            #expect(buckets.output.contains(" inbox"), "\(buckets.output) \(buckets.errors)")
            let listed = try await client.aws(["s3", "ls", "s3://inbox/companies/"])
            #expect(
                listed.output.contains(" a.csv") && listed.output.contains(" x.csv"),
                "\(listed.output) \(listed.errors)"
            )
            #expect(root.files("var/lib/sluice/uploads/.multipart").isEmpty)
        }
    }
}
