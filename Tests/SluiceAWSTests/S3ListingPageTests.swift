import SluiceAWS
import Testing

/// ListObjectsV2's pages: prefixes, delimiters rolled up into common prefixes, max-keys and where the next page
/// starts.
@Suite struct S3ListingPageTests {
    static let keys = ["a.csv", "companies/1.csv", "companies/2.csv", "companies/x/3.csv", "logs/1", "z"]

    @Test func listsEverythingUnderAPrefix() {
        let page = S3ListingPage(sortedKeys: Self.keys, prefix: "companies/", delimiter: nil, after: nil, maxKeys: 1000)
        #expect(page.keys == ["companies/1.csv", "companies/2.csv", "companies/x/3.csv"])
        #expect(page.commonPrefixes.isEmpty)
        #expect(!page.isTruncated)
        #expect(page.nextMarker == nil)
    }

    @Test func rollsKeysUpToTheDelimiter() {
        let top = S3ListingPage(sortedKeys: Self.keys, prefix: "", delimiter: "/", after: nil, maxKeys: 1000)
        #expect(top.keys == ["a.csv", "z"])
        #expect(top.commonPrefixes == ["companies/", "logs/"])
        let inner = S3ListingPage(sortedKeys: Self.keys, prefix: "companies/", delimiter: "/", after: nil, maxKeys: 9)
        #expect(inner.keys == ["companies/1.csv", "companies/2.csv"])
        #expect(inner.commonPrefixes == ["companies/x/"])
    }

    @Test func pagesCountKeysAndPrefixesAndResumeAfterTheMarker() {
        var seen: [String] = []
        var after: String?
        var pages = 0
        repeat {
            let page = S3ListingPage(sortedKeys: Self.keys, prefix: "", delimiter: "/", after: after, maxKeys: 1)
            seen += page.keys + page.commonPrefixes
            after = page.nextMarker
            #expect(page.isTruncated == (after != nil))
            pages += 1
        } while after != nil && pages < 10
        #expect(seen == ["a.csv", "companies/", "logs/", "z"])
        #expect(pages == 4)
    }

    @Test func startsAfterAKeyAndSortsAsBytes() {
        let keys = ["A", "B", "a", "é"]
        let page = S3ListingPage(sortedKeys: keys, prefix: "", delimiter: nil, after: "B", maxKeys: 10)
        #expect(page.keys == ["a", "é"])
    }

    @Test func tokensStandForTheirMarker() {
        let token = S3ListingPage.token(for: "companies/é x")
        #expect(S3ListingPage.marker(fromToken: token) == "companies/é x")
        #expect(S3ListingPage.marker(fromToken: "bogus") == nil)
    }
}
