import SluiceAWS
import Testing

/// The XML request bodies S3 clients send, read into elements; and what is refused.
@Suite struct XMLReaderTests {
    @Test func readsDeleteObjectsAsBoto3SendsIt() throws {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a &amp; b.csv</Key></Object>\
            <Object><Key><![CDATA[x<y]]></Key><VersionId>v1</VersionId></Object><Quiet>true</Quiet></Delete>
            """
        let root = try XMLReader.parse(Array(body.utf8))
        #expect(root.name == "Delete")
        #expect(root.children("Object").map { $0.text(of: "Key") } == ["a & b.csv", "x<y"])
        #expect(root.text(of: "Quiet") == "true")
    }

    @Test func dropsNamespacePrefixesAndReadsReferences() throws {
        let body =
            "<s3:CompleteMultipartUpload a='1' b=\"2\"><s3:Part><PartNumber>1</PartNumber>"
            + "<ETag>&quot;abc&quot;&#x41;&#66;</ETag></s3:Part><Empty/><!-- note --></s3:CompleteMultipartUpload>"
        let root = try XMLReader.parse(Array(body.utf8))
        #expect(root.name == "CompleteMultipartUpload")
        #expect(root.child("Part")?.text(of: "ETag") == "\"abc\"AB")
        #expect(root.child("Empty") == XMLElement(name: "Empty"))
    }

    @Test(arguments: [
        "", "<a>", "<a></b>", "<a>x</a><b/>", "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "<a>&bogus;</a>",
        "<a b=c/>", "<a><![CDATA[x</a>", "text",
    ])
    func refusesMalformedDocuments(_ body: String) {
        #expect(throws: XMLReaderError.self) { try XMLReader.parse(Array(body.utf8)) }
    }

    @Test func refusesDeepNesting() {
        let body = String(repeating: "<a>", count: 40) + String(repeating: "</a>", count: 40)
        #expect(throws: XMLReaderError.self) { try XMLReader.parse(Array(body.utf8)) }
    }
}
