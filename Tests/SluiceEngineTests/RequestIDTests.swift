import Testing

@testable import SluiceEngine

/// Lambda request IDs: version 4 UUIDs in lowercase 8-4-4-4-12 form.
struct RequestIDTests {
    @Test("the bits go in order, with the version and variant set")
    func format() {
        #expect(RequestID.format(high: 0, low: 0) == "00000000-0000-4000-8000-000000000000")
        #expect(RequestID.format(high: .max, low: .max) == "ffffffff-ffff-4fff-bfff-ffffffffffff")
        #expect(
            RequestID.format(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210)
                == "01234567-89ab-4def-bedc-ba9876543210"
        )
    }

    @Test("random ones are well formed and differ")
    func random() {
        let ids = (0..<1_000).map { _ in RequestID.random() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let parts = id.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
            #expect(parts == [8, 4, 4, 4, 12], "\(id)")
            #expect(id.allSatisfy { "0123456789abcdef-".contains($0) }, "\(id)")
            #expect(Array(id)[14] == "4")
            #expect("89ab".contains(Array(id)[19]))
        }
    }
}
