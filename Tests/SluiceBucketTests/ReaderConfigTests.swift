import SluiceBucket
import SluiceJSON
import Testing

@Suite("ReaderConfig: MaxItems, combinations, Resource and Parameters")
struct ReaderConfigTests {
    @Test("MaxItems stops early and excludes the header; 0 means no limit")
    func maxItems() throws {
        let f = try BucketFixture()
        try f.put("b", "x.csv", "n\n1\n2\n3\n4\n5\n")
        #expect(try f.items("b", "x.csv", config: #"{"InputType": "CSV", "MaxItems": 2}"#) == [["n": "1"], ["n": "2"]])
        #expect(try f.items("b", "x.csv", config: #"{"InputType": "CSV", "MaxItems": 0}"#).count == 5)
        #expect(try f.items("b", "x.csv", config: #"{"InputType": "CSV", "MaxItems": 2.0}"#).count == 2)
        #expect(try f.items("b", "x.csv", config: #"{"InputType": "CSV", "MaxItems": 500000000}"#).count == 5)
        try f.put("b", "x.json", "[1, 2, 3")
        // MaxItems stops before the unfinished part is read.
        #expect(try f.items("b", "x.json", config: #"{"InputType": "JSON", "MaxItems": 2}"#) == [1, 2])
        let listing = try BucketFixture.drain(try f.list("b", prefix: "", config: #"{"MaxItems": 1}"#))
        #expect(listing.count == 1)
    }

    @Test("MaxItems that is negative or not an integer is refused")
    func badMaxItems() throws {
        let f = try BucketFixture()
        try f.put("b", "x.csv", "n\n1\n")
        #expect(
            f.failure("b", "x.csv", config: #"{"InputType": "CSV", "MaxItems": -1}"#)?.cause.contains("positive")
                == true
        )
        #expect(f.failure("b", "x.csv", config: #"{"InputType": "CSV", "MaxItems": 1.5}"#) != nil)
        #expect(f.failure("b", "x.csv", config: #"{"InputType": "CSV", "MaxItems": "2"}"#) != nil)
    }

    @Test(
        "combinations AWS does not allow name the field",
        arguments: [
            (#"{"InputType": "XML"}"#, "InputType"),
            (#"{}"#, "InputType is required"),
            (#"{"InputType": "PARQUET"}"#, "PARQUET"),
            (#"{"InputType": "CSV", "CSVDelimiter": "COLON"}"#, "CSVDelimiter"),
            (#"{"InputType": "CSV", "CSVHeaderLocation": "GIVEN"}"#, "CSVHeaders"),
            (#"{"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": []}"#, "CSVHeaders"),
            (#"{"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a", 1]}"#, "CSVHeaders"),
            (#"{"InputType": "CSV", "CSVHeaders": ["a"]}"#, "CSVHeaders"),
            (#"{"InputType": "JSON", "CSVDelimiter": "PIPE"}"#, "CSVDelimiter"),
            (#"{"InputType": "CSV", "ItemsPointer": "/a"}"#, "ItemsPointer"),
            (#"{"InputType": "JSON", "ItemsPointer": "a"}"#, "ItemsPointer"),
            (#"{"InputType": "JSON", "ItemsPointer": "/a~2"}"#, "ItemsPointer"),
            (#"{"InputType": "CSV", "Transformation": "LOAD_AND_FLATTEN"}"#, "LOAD_AND_FLATTEN"),
            (#"{"ManifestType": "S3_INVENTORY", "InputType": "CSV"}"#, "S3_INVENTORY"),
            (#"{"ManifestType": "ATHENA_DATA", "InputType": "JSON"}"#, "ATHENA_DATA"),
            (#"{"ManifestType": "OTHER"}"#, "ManifestType"),
        ]
    )
    func invalidGetObject(config: String, mentions: String) throws {
        let f = try BucketFixture()
        try f.put("b", "x", "a\n1\n")
        let error = try #require(f.failure("b", "x", config: config))
        #expect(error.cause.contains(mentions), "\(error.cause)")
    }

    @Test("listObjectsV2 refuses InputType without LOAD_AND_FLATTEN, and manifests")
    func invalidListing() throws {
        let f = try BucketFixture()
        try f.makeBucket("b")
        for config in [
            #"{"InputType": "CSV"}"#, #"{"Transformation": "LOAD_AND_FLATTEN"}"#,
            #"{"InputType": "MANIFEST", "Transformation": "LOAD_AND_FLATTEN"}"#, #"{"ManifestType": "S3_INVENTORY"}"#,
        ] {
            #expect(throws: ItemReaderError.self, "\(config)") { try f.list("b", prefix: "", config: config) }
        }
    }

    @Test("Resource must be an s3 getObject or listObjectsV2 integration, in any partition")
    func resources() throws {
        let f = try BucketFixture()
        try f.put("b", "x.jsonl", "1\n")
        let parameters: JSONValue = ["Bucket": "b", "Key": "x.jsonl"]
        let config = try BucketFixture.object(#"{"InputType": "JSONL"}"#)
        let china = ItemReaderRequest(
            resource: "arn:aws-cn:states:::s3:getObject",
            parameters: parameters,
            readerConfig: config
        )
        #expect(try BucketFixture.drain(try ItemReaders.open(china, buckets: f.store)) == [1])
        for resource in ["arn:aws:states:::s3:putObject", "arn:aws:states:::lambda:invoke", "getObject"] {
            let request = ItemReaderRequest(resource: resource, parameters: parameters, readerConfig: config)
            let error = #expect(throws: ItemReaderError.self) { try ItemReaders.open(request, buckets: f.store) }
            #expect(error?.cause.contains("Resource") == true)
        }
    }

    @Test("Parameters need Bucket and Key strings; VersionId is accepted")
    func parameters() throws {
        let f = try BucketFixture()
        try f.put("b", "x.jsonl", "1\n")
        let config = try BucketFixture.object(#"{"InputType": "JSONL"}"#)
        let versioned: JSONValue = ["Bucket": "b", "Key": "x.jsonl", "VersionId": "BcK42coT2jE1234VHLUvBV1yLNod2OEt"]
        let ok = ItemReaderRequest(
            resource: "arn:aws:states:::s3:getObject",
            parameters: versioned,
            readerConfig: config
        )
        #expect(try BucketFixture.drain(try ItemReaders.open(ok, buckets: f.store)) == [1])
        for parameters: JSONValue in [["Bucket": "b"], ["Key": "x.jsonl"], ["Bucket": 1, "Key": "x.jsonl"], "b"] {
            let request = ItemReaderRequest(
                resource: "arn:aws:states:::s3:getObject",
                parameters: parameters,
                readerConfig: config
            )
            #expect(throws: ItemReaderError.self) { try ItemReaders.open(request, buckets: f.store) }
        }
    }
}
