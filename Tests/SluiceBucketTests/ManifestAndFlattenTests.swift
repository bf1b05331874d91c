import SluiceBucket
import SluiceJSON
import Testing

@Suite("Several objects: LOAD_AND_FLATTEN, S3 inventory and Athena manifests")
struct ManifestAndFlattenTests {
    /// `"source","csvDataset/titles.csv","3399671","2022-11-16T00:29:32.000Z"\n`, gzip-compressed as S3 Inventory
    /// writes its data files.
    private static let gzipInventoryRow: [UInt8] = [
        31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 83, 42, 206, 47, 45, 74, 78, 85, 210, 81, 74, 46, 46, 115, 73, 44, 73, 44, 78,
        45, 209, 47, 201, 44, 201, 73, 45, 214, 3, 138, 0, 197, 141, 141, 45, 45, 205, 204, 13, 129, 44, 35, 3, 35, 35,
        93, 67, 67, 93, 67, 179, 16, 3, 3, 43, 35, 75, 43, 99, 35, 61, 3, 3, 131, 40, 37, 46, 0, 42, 181, 60, 80, 70, 0,
        0, 0,
    ]

    @Test("LOAD_AND_FLATTEN reads every object under the prefix in key order, each CSV with its own header")
    func flattenCSV() throws {
        let f = try BucketFixture()
        try f.put("logs", "hour/02.csv", "id,v\n3,c\n")
        try f.put("logs", "hour/01.csv", "v,id\nb,2\na,1\n")
        try f.put("logs", "hour/.inflight.csv", "id,v\n9,z\n")
        try f.put("logs", "other/00.csv", "id,v\n0,x\n")
        let config = #"{"InputType": "CSV", "Transformation": "LOAD_AND_FLATTEN"}"#
        let items = try BucketFixture.drain(try f.list("logs", prefix: "hour/", config: config), batch: 2)
        #expect(items == [["v": "b", "id": "2"], ["v": "a", "id": "1"], ["id": "3", "v": "c"]])
    }

    @Test("LOAD_AND_FLATTEN with JSON and JSONL, MaxItems counting across objects")
    func flattenJSON() throws {
        let f = try BucketFixture()
        try f.put("b", "in/a.json", "[1, 2]")
        try f.put("b", "in/b.json", "[3, 4, 5]")
        try f.put("b", "in/c.jsonl", "6\n7\n")
        let json = #"{"InputType": "JSON", "Transformation": "LOAD_AND_FLATTEN"}"#
        try f.put("b", "json/a.json", "[1, 2]")
        try f.put("b", "json/b.json", "[3, 4, 5]")
        #expect(try BucketFixture.drain(try f.list("b", prefix: "json/", config: json)) == [1, 2, 3, 4, 5])
        let limited = #"{"InputType": "JSON", "Transformation": "LOAD_AND_FLATTEN", "MaxItems": 4}"#
        #expect(try BucketFixture.drain(try f.list("b", prefix: "json/", config: limited), batch: 3) == [1, 2, 3, 4])
        let jsonl = #"{"InputType": "JSONL", "Transformation": "LOAD_AND_FLATTEN"}"#
        #expect(try BucketFixture.drain(try f.list("b", prefix: "in/c", config: jsonl)) == [6, 7])
    }

    @Test("an S3 inventory manifest: rows of the gzip data files keyed by fileSchema, all strings")
    func inventory() throws {
        let f = try BucketFixture()
        let manifest = #"""
            {"sourceBucket": "source", "destinationBucket": "arn:aws:s3:::inventory", "version": "2016-11-30",
             "creationTimestamp": "1668560400000", "fileFormat": "CSV",
             "fileSchema": "Bucket, Key, Size, LastModifiedDate",
             "files": [{"key": "source/config/data/one.csv.gz", "size": 0, "MD5checksum": ""},
                       {"key": "source/config/data/two.csv", "size": 0, "MD5checksum": ""}]}
            """#
        try f.put("inventory", "source/config/2022-11-16T00-00Z/manifest.json", manifest)
        try f.put("inventory", "source/config/data/one.csv.gz", bytes: Self.gzipInventoryRow)
        try f.put(
            "inventory",
            "source/config/data/two.csv",
            #""source","imageDataset/n.jpg","27034","2022-11-15T20:02:16.000Z""# + "\n"
        )
        for config in [#"{"InputType": "MANIFEST"}"#, #"{"ManifestType": "S3_INVENTORY"}"#] {
            let items = try f.items("inventory", "source/config/2022-11-16T00-00Z/manifest.json", config: config)
            #expect(items.count == 2)
            #expect(
                items[0]
                    == (try BucketFixture.json(
                        #"""
                        {"LastModifiedDate": "2022-11-16T00:29:32.000Z", "Bucket": "source", "Size": "3399671",
                         "Key": "csvDataset/titles.csv"}
                        """#
                    ))
            )
            #expect(items[0].objectValue?.keys == ["Bucket", "Key", "Size", "LastModifiedDate"])
            #expect(items[1]["Key"] == "imageDataset/n.jpg")
        }
        let limited = try f.items(
            "inventory",
            "source/config/2022-11-16T00-00Z/manifest.json",
            config: #"{"InputType": "MANIFEST", "MaxItems": 1}"#
        )
        #expect(limited.count == 1)
    }

    @Test("inventory manifests in ORC or Parquet are refused with the reason")
    func inventoryFormat() throws {
        let f = try BucketFixture()
        try f.put("inv", "manifest.json", #"{"fileFormat": "ORC", "fileSchema": "Bucket, Key", "files": []}"#)
        let error = try #require(f.failure("inv", "manifest.json", config: #"{"InputType": "MANIFEST"}"#))
        #expect(error.cause.contains("CSV format only"))
        try f.put("inv", "broken.json", "{")
        #expect(f.failure("inv", "broken.json", config: #"{"InputType": "MANIFEST"}"#) != nil)
        try f.put(
            "inv",
            "gone.json",
            #"{"fileFormat": "CSV", "fileSchema": "Bucket, Key", "files": [{"key": "nope.csv.gz"}]}"#
        )
        #expect(
            f.failure("inv", "gone.json", config: #"{"InputType": "MANIFEST"}"#)?.cause.contains("NoSuchKey") == true
        )
    }

    @Test("an Athena UNLOAD manifest lists data files by s3:// URI, read with the InputType given")
    func athena() throws {
        let f = try BucketFixture()
        try f.put("results", "unload/q1-manifest.csv", "s3://results/unload/part-0\ns3://results/unload/part-1\n")
        try f.put("results", "unload/part-0", "{\"a\": 1}\n{\"a\": 2}\n")
        try f.put("results", "unload/part-1", "{\"a\": 3}\n")
        let jsonl = #"{"ManifestType": "ATHENA_DATA", "InputType": "JSONL"}"#
        #expect(try f.items("results", "unload/q1-manifest.csv", config: jsonl) == [["a": 1], ["a": 2], ["a": 3]])
        try f.put("results", "csv/m.csv", "s3://results/csv/p0\r\n")
        try f.put("results", "csv/p0", "1,x\n2,y\n")
        let csv = #"""
            {"ManifestType": "ATHENA_DATA", "InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["n", "s"]}
            """#
        #expect(try f.items("results", "csv/m.csv", config: csv) == [["n": "1", "s": "x"], ["n": "2", "s": "y"]])
        try f.put("results", "bad/m.csv", "https://example.com/x\n")
        #expect(f.failure("results", "bad/m.csv", config: jsonl)?.cause.contains("line 1") == true)
    }
}
