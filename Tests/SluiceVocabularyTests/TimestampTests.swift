import SluiceVocabulary
import Testing

@Suite struct TimestampTests {
    @Test func parsesUTCSeconds() throws {
        let t = try #require(Timestamp.parse("2016-03-14T01:59:00Z"))
        #expect(t.epochSeconds == 1_457_920_740)
        #expect(t.nanoseconds == 0)
        #expect(t.iso8601() == "2016-03-14T01:59:00.000Z")
    }

    @Test func epochAndPreEpoch() throws {
        #expect(Timestamp.parse("1970-01-01T00:00:00Z")?.epochSeconds == 0)
        let before = try #require(Timestamp.parse("1969-12-31T23:59:59.5Z"))
        #expect(before.epochSeconds == -1)
        #expect(before.nanoseconds == 500_000_000)
        #expect(before.epochMilliseconds == -500)
        #expect(before.iso8601() == "1969-12-31T23:59:59.500Z")
    }

    @Test func fractionalSeconds() throws {
        #expect(Timestamp.parse("2024-05-01T12:00:00.1Z")?.nanoseconds == 100_000_000)
        #expect(Timestamp.parse("2024-05-01T12:00:00.123Z")?.iso8601() == "2024-05-01T12:00:00.123Z")
        #expect(Timestamp.parse("2024-05-01T12:00:00.123456789Z")?.nanoseconds == 123_456_789)
        // Printing truncates to milliseconds, as the context object does.
        #expect(Timestamp.parse("2024-05-01T12:00:00.9999Z")?.iso8601() == "2024-05-01T12:00:00.999Z")
        #expect(Timestamp.parse("2024-05-01T12:00:00.1234567890Z") == nil)
        #expect(Timestamp.parse("2024-05-01T12:00:00.Z") == nil)
    }

    @Test func offsetsNameTheSameInstant() {
        let utc = Timestamp.parse("2012-10-09T18:00:55Z")
        #expect(utc != nil)
        #expect(Timestamp.parse("2012-10-09T19:00:55+01:00") == utc)
        #expect(Timestamp.parse("2012-10-09T13:30:55-04:30") == utc)
        #expect(Timestamp.parse("2012-10-09T19:00:55+01") == utc)
        #expect(Timestamp.parse("2012-10-09T19:00:55+01:00:00") == utc)
        #expect(Timestamp.parse("2012-10-09T18:00:55-00:00") == utc)
        #expect(Timestamp.parse("2012-10-10T08:00:55+14:00") == utc)
    }

    @Test func secondsAreOptionalAsInJava() {
        #expect(Timestamp.parse("2016-03-14T01:59Z") == Timestamp.parse("2016-03-14T01:59:00Z"))
        // A fraction needs seconds before it.
        #expect(Timestamp.parse("2016-03-14T01:59.5Z") == nil)
    }

    @Test func caseInsensitiveSeparators() {
        #expect(Timestamp.parse("2016-03-14t01:59:00z") == Timestamp.parse("2016-03-14T01:59:00Z"))
    }

    @Test(arguments: [
        "2016-13-05T21:29:29Z",  // month 13
        "05-12-2016T21:29:29Z",  // day-month-year
        "2016-12-05T25:29:29Z",  // hour 25
        "2016-12-05T21:29:29",  // no zone
        "2016-12-05 21:29:29Z",  // no T
        "2016-12-05",
        "2023-02-24 12:15:56.832957",
        "2016-02-30T00:00:00Z",
        "2015-02-29T00:00:00Z",
        "2016-12-05T24:00:00Z",
        "2016-12-05T23:60:00Z",
        "2016-12-05T23:59:60Z",
        "2016-12-05T21:29:29+19:00",
        "2016-12-05T21:29:29+18:01",
        "2016-12-05T21:29:29+0100",
        "2016-12-05T21:29:29+1",
        "2016-12-05T21:29:29ZZ",
        "2016-12-05T21:29:29Z ",
        " 2016-12-05T21:29:29Z",
        "2016-1-05T21:29:29Z",
        "16-12-05T21:29:29Z",
        "2016-12-05T21:29:29.Z",
        "",
        "HelloWorld",
    ])
    func rejects(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func leapDayAndCenturies() {
        #expect(Timestamp.parse("2016-02-29T00:00:00Z") != nil)
        #expect(Timestamp.parse("2000-02-29T00:00:00Z") != nil)
        #expect(Timestamp.parse("1900-02-29T00:00:00Z") == nil)
        #expect(Timestamp.parse("2000-03-01T00:00:00Z")?.epochSeconds == 951_868_800)
        #expect(Timestamp.parse("9999-12-31T23:59:59Z")?.iso8601() == "9999-12-31T23:59:59.000Z")
        #expect(Timestamp.parse("0001-01-01T00:00:00Z")?.epochSeconds == -62_135_596_800)
    }

    @Test func ordering() throws {
        let a = try #require(Timestamp.parse("2012-10-09T19:00:55Z"))
        let b = try #require(Timestamp.parse("2012-10-09T19:00:55.001Z"))
        let c = try #require(Timestamp.parse("2012-10-09T19:00:56Z"))
        #expect(a < b)
        #expect(b < c)
        #expect(!(c < a))
    }

    @Test func milliseconds() {
        let t = Timestamp(epochMilliseconds: 1_714_564_800_123)
        #expect(t.epochSeconds == 1_714_564_800)
        #expect(t.nanoseconds == 123_000_000)
        #expect(t.epochMilliseconds == 1_714_564_800_123)
        #expect(t.iso8601() == "2024-05-01T12:00:00.123Z")
        #expect(Timestamp(epochMilliseconds: -1).iso8601() == "1969-12-31T23:59:59.999Z")
    }

    @Test func adding() {
        let t = Timestamp(epochMilliseconds: 1_714_564_800_123)
        #expect(t.adding(seconds: 90).iso8601() == "2024-05-01T12:01:30.123Z")
        #expect(t.adding(seconds: -86_400).iso8601() == "2024-04-30T12:00:00.123Z")
        #expect(Timestamp(epochSeconds: 0, nanoseconds: 1_500_000_000).epochMilliseconds == 1500)
    }

    @Test func addingFractionalSeconds() {
        let t = Timestamp(epochMilliseconds: 1_000)
        #expect(t.adding(seconds: 1.5).epochMilliseconds == 2_500)
        #expect(t.adding(seconds: 5.0) == t.adding(seconds: 5))
        #expect(t.adding(seconds: -0.25).epochMilliseconds == 750)
        #expect(t.adding(seconds: 0.000_000_001).nanoseconds == 1)
        #expect(t.adding(seconds: .nan) == t)
        #expect(t.adding(seconds: .infinity) > t.adding(seconds: 1e9))
    }
}
