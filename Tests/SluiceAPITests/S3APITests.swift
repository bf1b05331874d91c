import Foundation
import SluiceTesting
import Testing

/// S3 through boto3 and the AWS CLI, against sluiced in-process: buckets are folders, objects files, and what a
/// client uploads appears in its bucket whole, once.
@Suite struct S3APITests {
    @Test func bucketsThroughBoto3() async throws {
        let root = try DaemonRoot()
        // What a sluiced killed mid-upload left: nobody will finish it.
        try root.write("var/lib/sluice/uploads/.upload-stale", "half")
        try await InProcessDaemon.run(on: root) { _ in
            let run = try await AWSClient(root: root.path).python(
                boto3Preamble + """
                    s3.create_bucket(Bucket="reports")
                    again = code(lambda: s3.create_bucket(Bucket="reports"))
                    bad = code(lambda: s3.create_bucket(Bucket="Not_Valid"))
                    s3.head_bucket(Bucket="reports")
                    names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
                    s3.put_object(Bucket="reports", Key="a/b.txt", Body=b"x")
                    full = code(lambda: s3.delete_bucket(Bucket="reports"))
                    s3.delete_object(Bucket="reports", Key="a/b.txt")
                    s3.delete_bucket(Bucket="reports")
                    out({"again": again, "bad": bad, "names": names, "full": full,
                         "gone": code(lambda: s3.head_bucket(Bucket="reports")),
                         "missing": code(lambda: s3.list_objects_v2(Bucket="nope")),
                         "location": s3.get_bucket_location(Bucket="inbox").get("LocationConstraint")})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(result["again"] as? String == "BucketAlreadyOwnedByYou")
            #expect(result["bad"] as? String == "InvalidBucketName")
            #expect(result["names"] as? [String] == ["inbox", "reports"])
            #expect(result["full"] as? String == "BucketNotEmpty")
            #expect(result["gone"] as? String == "404")
            #expect(result["missing"] as? String == "NoSuchBucket")
            #expect(result["location"] as? String == "local")
            #expect(!root.exists("var/lib/sluice/buckets/reports"))
            #expect(!root.exists("var/lib/sluice/buckets/Not_Valid"))
            #expect(!root.exists("var/lib/sluice/uploads/.upload-stale"))
        }
    }

    @Test func objectsThroughBoto3() async throws {
        let root = try DaemonRoot()
        try await InProcessDaemon.run(on: root) { _ in
            let run = try await AWSClient(root: root.path).python(
                boto3Preamble + """
                    import hashlib
                    put = s3.put_object(Bucket="inbox", Key="docs/a b+c.txt", Body=b"0123456789")
                    head = s3.head_object(Bucket="inbox", Key="docs/a b+c.txt")
                    whole = s3.get_object(Bucket="inbox", Key="docs/a b+c.txt")
                    part = s3.get_object(Bucket="inbox", Key="docs/a b+c.txt", Range="bytes=2-4")
                    tail = s3.get_object(Bucket="inbox", Key="docs/a b+c.txt", Range="bytes=-3")
                    copied = s3.copy_object(Bucket="inbox", Key="copy/c.txt", CopySource={"Bucket": "inbox", "Key": "docs/a b+c.txt"})
                    s3.put_object(Bucket="inbox", Key="meta.csv", Body=b"id", ContentType="text/csv", Metadata={"owner": "ana"})
                    s3.copy_object(Bucket="inbox", Key="meta-copy.csv", CopySource="inbox/meta.csv")
                    s3.copy_object(Bucket="inbox", Key="meta-new.csv", CopySource="inbox/meta.csv", MetadataDirective="REPLACE",
                                   ContentType="text/plain", Metadata={"owner": "bo"})
                    up = s3.create_multipart_upload(Bucket="inbox", Key="meta-parts.csv", ContentType="text/csv")["UploadId"]
                    tag = s3.upload_part(Bucket="inbox", Key="meta-parts.csv", UploadId=up, PartNumber=1, Body=b"id")["ETag"]
                    s3.complete_multipart_upload(Bucket="inbox", Key="meta-parts.csv", UploadId=up,
                                                 MultipartUpload={"Parts": [{"ETag": tag, "PartNumber": 1}]})
                    import urllib.request
                    presigned = s3.generate_presigned_url("get_object", Params={"Bucket": "inbox", "Key": "docs/a b+c.txt"}, ExpiresIn=60)
                    fetched = urllib.request.urlopen(presigned).read().decode()
                    upload = s3.generate_presigned_url("put_object", Params={"Bucket": "inbox", "Key": "shared/p.txt"}, ExpiresIn=60)
                    urllib.request.urlopen(urllib.request.Request(upload, data=b"presigned", method="PUT")).read()
                    listing = s3.generate_presigned_url("list_objects_v2", Params={"Bucket": "inbox", "Prefix": "shared/"}, ExpiresIn=60)
                    listed = urllib.request.urlopen(listing).read().decode()
                    def meta(key):
                        h = s3.head_object(Bucket="inbox", Key=key)
                        return [h["ContentType"], h["Metadata"]]
                    out({"etag": put["ETag"], "md5": hashlib.md5(b"0123456789").hexdigest(),
                         "headLength": head["ContentLength"], "headEtag": head["ETag"],
                         "body": whole["Body"].read().decode(), "part": part["Body"].read().decode(),
                         "partStatus": part["ResponseMetadata"]["HTTPStatusCode"], "range": part["ContentRange"],
                         "tail": tail["Body"].read().decode(), "copyEtag": copied["CopyObjectResult"]["ETag"],
                         "selfCopy": code(lambda: s3.copy_object(Bucket="inbox", Key="meta.csv", CopySource="inbox/meta.csv")),
                         "noSource": code(lambda: s3.copy_object(Bucket="inbox", Key="x.csv", CopySource="inbox/none.csv")),
                         "presigned": [fetched, "<Key>shared/p.txt</Key>" in listed],
                         "plain": meta("docs/a b+c.txt"), "meta": meta("meta.csv"), "metaCopy": meta("meta-copy.csv"),
                         "metaNew": meta("meta-new.csv"), "metaParts": meta("meta-parts.csv"),
                         "badRange": code(lambda: s3.get_object(Bucket="inbox", Key="docs/a b+c.txt", Range="bytes=10-")),
                         "noKey": code(lambda: s3.get_object(Bucket="inbox", Key="docs/none")),
                         "noKeyHead": code(lambda: s3.head_object(Bucket="inbox", Key="docs/none")),
                         "noBucket": code(lambda: s3.get_object(Bucket="nope", Key="x")),
                         "noBucketPut": code(lambda: s3.put_object(Bucket="nope", Key="x", Body=b"x")),
                         "hidden": code(lambda: s3.put_object(Bucket="inbox", Key="docs/.secret", Body=b"x")),
                         "deleteMissing": s3.delete_object(Bucket="inbox", Key="docs/none")["ResponseMetadata"]["HTTPStatusCode"]})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            let md5 = try #require(result["md5"] as? String)
            #expect(result["etag"] as? String == "\"\(md5)\"")
            #expect(result["headEtag"] as? String == "\"\(md5)\"")
            #expect(result["copyEtag"] as? String == "\"\(md5)\"")
            #expect(result["headLength"] as? Int == 10)
            #expect(result["body"] as? String == "0123456789")
            #expect(result["part"] as? String == "234")
            #expect(result["partStatus"] as? Int == 206)
            #expect(result["range"] as? String == "bytes 2-4/10")
            #expect(result["tail"] as? String == "789")
            func type(_ name: String) -> String? { (result[name] as? [Any])?.first as? String }
            func metadata(_ name: String) -> [String: String]? { (result[name] as? [Any])?.last as? [String: String] }
            #expect(type("plain") == "binary/octet-stream")
            #expect(metadata("plain") == [:])
            #expect(type("meta") == "text/csv")
            #expect(metadata("meta") == ["owner": "ana"])
            #expect(type("metaCopy") == "text/csv")
            #expect(metadata("metaCopy") == ["owner": "ana"])
            #expect(type("metaNew") == "text/plain")
            #expect(metadata("metaNew") == ["owner": "bo"])
            #expect(type("metaParts") == "text/csv")
            #expect(result["badRange"] as? String == "InvalidRange")
            #expect(result["noKey"] as? String == "NoSuchKey")
            #expect(result["noKeyHead"] as? String == "404")
            #expect(result["noBucket"] as? String == "NoSuchBucket")
            #expect(result["noBucketPut"] as? String == "NoSuchBucket")
            #expect(result["hidden"] as? String == "InvalidArgument")
            #expect(result["deleteMissing"] as? Int == 204)
            #expect(root.read("var/lib/sluice/buckets/inbox/docs/a b+c.txt") == "0123456789")
            #expect(root.read("var/lib/sluice/buckets/inbox/copy/c.txt") == "0123456789")
            #expect(result["selfCopy"] as? String == "InvalidRequest")
            #expect(result["noSource"] as? String == "NoSuchKey")
            #expect((result["presigned"] as? [Any])?.first as? String == "0123456789")
            #expect((result["presigned"] as? [Any])?.last as? Bool == true)
            #expect(root.read("var/lib/sluice/buckets/inbox/shared/p.txt") == "presigned")
            #expect(!root.exists("var/lib/sluice/buckets/inbox/docs/.secret"))
            #expect(root.files("var/lib/sluice/uploads").allSatisfy { $0 == ".multipart" })
            #expect(root.files("var/lib/sluice/uploads/.multipart").isEmpty)
        }
    }

    @Test func listingAndDeletingThroughBoto3() async throws {
        let root = try DaemonRoot()
        for key in [
            "a.csv", "companies/1.csv", "companies/2.csv", "companies/x/3.csv", "logs/1", "z", ".hidden", "w.tmp",
        ] {
            try root.write("var/lib/sluice/buckets/inbox/" + key, key)
        }
        try await InProcessDaemon.run(on: root) { _ in
            let run = try await AWSClient(root: root.path).python(
                boto3Preamble + """
                    everything = s3.list_objects_v2(Bucket="inbox")
                    top = s3.list_objects_v2(Bucket="inbox", Delimiter="/")
                    pages, token, seen = 0, None, []
                    while True:
                        kw = {"ContinuationToken": token} if token else {}
                        page = s3.list_objects_v2(Bucket="inbox", Prefix="companies/", MaxKeys=1, **kw)
                        pages += 1
                        seen += [o["Key"] for o in page.get("Contents", [])]
                        token = page.get("NextContinuationToken")
                        if not page["IsTruncated"] or pages > 10: break
                    after = s3.list_objects_v2(Bucket="inbox", StartAfter="logs/1")
                    v1 = s3.list_objects(Bucket="inbox", Prefix="companies/", Delimiter="/")
                    deleted = s3.delete_objects(Bucket="inbox", Delete={"Objects": [{"Key": "a.csv"}, {"Key": "none"}]})
                    quiet = s3.delete_objects(Bucket="inbox", Delete={"Objects": [{"Key": "z"}], "Quiet": True})
                    out({"all": [o["Key"] for o in everything["Contents"]], "count": everything["KeyCount"],
                         "size": everything["Contents"][0]["Size"],
                         "top": [o["Key"] for o in top["Contents"]], "prefixes": [p["Prefix"] for p in top["CommonPrefixes"]],
                         "pages": pages, "seen": seen, "after": [o["Key"] for o in after["Contents"]],
                         "v1": [o["Key"] for o in v1["Contents"]], "v1prefixes": [p["Prefix"] for p in v1["CommonPrefixes"]],
                         "deleted": sorted(d["Key"] for d in deleted["Deleted"]), "quiet": quiet.get("Deleted", []),
                         "badToken": code(lambda: s3.list_objects_v2(Bucket="inbox", ContinuationToken="bogus"))})
                    """
            )
            #expect(run.status == 0, "\(run.errors)")
            let result = try #require(run.json as? [String: Any], "\(run.output) \(run.errors)")
            #expect(
                result["all"] as? [String] == [
                    "a.csv", "companies/1.csv", "companies/2.csv", "companies/x/3.csv", "logs/1", "z",
                ]
            )
            #expect(result["count"] as? Int == 6)
            #expect(result["size"] as? Int == 5)
            #expect(result["top"] as? [String] == ["a.csv", "z"])
            #expect(result["prefixes"] as? [String] == ["companies/", "logs/"])
            #expect(result["pages"] as? Int == 3)
            #expect(result["seen"] as? [String] == ["companies/1.csv", "companies/2.csv", "companies/x/3.csv"])
            #expect(result["after"] as? [String] == ["z"])
            #expect(result["v1"] as? [String] == ["companies/1.csv", "companies/2.csv"])
            #expect(result["v1prefixes"] as? [String] == ["companies/x/"])
            #expect(result["deleted"] as? [String] == ["a.csv", "none"])
            #expect((result["quiet"] as? [Any])?.isEmpty == true)
            #expect(result["badToken"] as? String == "InvalidArgument")
            #expect(!root.exists("var/lib/sluice/buckets/inbox/a.csv"))
            #expect(!root.exists("var/lib/sluice/buckets/inbox/z"))
            #expect(root.exists("var/lib/sluice/buckets/inbox/logs/1"))
        }
    }
}
