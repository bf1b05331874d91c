import SluiceJSON
import SluiceLinux
import SluiceWatch
import Testing

struct ObjectEventTests {
    private let settings = ObjectEventSettings(account: "111122223333", region: "ca-central-1")

    @Test("Object Created has every field of S3's event, in S3's order")
    func created() {
        let event = ObjectEvent(
            kind: .created,
            reason: .putObject,
            bucket: "inbox",
            key: "companies/2026.csv",
            size: 5,
            etag: "b1946ac92492d2347c6235b4d2611184",
            sequencer: "00617F08299329D189",
            id: "17793124-05d4-b198-2fde-7ededc63b103",
            requestID: "N4N7GDK58NMKJ12R",
            time: "2021-11-12T00:00:00Z",
            settings: settings
        )
        #expect(
            event.event.serialized()
                == #"{"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created","#
                + #""source":"aws.s3","account":"111122223333","time":"2021-11-12T00:00:00Z","region":"ca-central-1","#
                + #""resources":["arn:aws:s3:::inbox"],"detail":{"version":"0","bucket":{"name":"inbox"},"#
                + #""object":{"key":"companies/2026.csv","size":5,"etag":"b1946ac92492d2347c6235b4d2611184","#
                + #""sequencer":"00617F08299329D189"},"request-id":"N4N7GDK58NMKJ12R","requester":"111122223333","#
                + #""source-ip-address":"127.0.0.1","reason":"PutObject"}}"#
        )
    }

    @Test("Object Deleted has no size or etag and says the delete was permanent")
    func deleted() {
        let event = ObjectEvent(
            kind: .deleted,
            reason: .deleteObject,
            bucket: "inbox",
            key: "old.csv",
            size: 12,
            etag: "ignored",
            sequencer: "0069B21FFD0745EE4E",
            id: "06867d52-424c-a01f-902e-12988b843c28",
            requestID: "5NV30C3NV8BJERFV",
            time: "2026-03-12T02:07:57Z",
            settings: settings
        )
        #expect(event.size == nil && event.etag == nil)
        #expect(
            event.event.serialized()
                == #"{"version":"0","id":"06867d52-424c-a01f-902e-12988b843c28","detail-type":"Object Deleted","#
                + #""source":"aws.s3","account":"111122223333","time":"2026-03-12T02:07:57Z","region":"ca-central-1","#
                + #""resources":["arn:aws:s3:::inbox"],"detail":{"version":"0","bucket":{"name":"inbox"},"#
                + #""object":{"key":"old.csv","sequencer":"0069B21FFD0745EE4E"},"request-id":"5NV30C3NV8BJERFV","#
                + #""requester":"111122223333","source-ip-address":"127.0.0.1","reason":"DeleteObject","#
                + #""deletion-type":"Permanently Deleted"}}"#
        )
    }

    @Test("the factory fills ids, request ids, time and increasing sequencers")
    func factory() throws {
        let factory = ObjectEventFactory(settings: ObjectEventSettings(), clock: { 0x69B2_1FFD })
        let first = factory.created(
            bucket: "inbox",
            key: "a",
            size: 1,
            etag: "0cc175b9c0f1b6a831c399e269772661",
            reason: .putObject
        )
        let second = factory.deleted(bucket: "inbox", key: "a")

        #expect(first.sequencer == "0069B21FFD00000000")
        #expect(second.sequencer == "0069B21FFD00000001")
        #expect(factory.lastSequencer == 0x69B2_1FFD_0000_0001)
        #expect(first.event["time"] == "2026-03-12T02:07:57Z")
        #expect(first.event["account"] == "000000000000" && first.event["region"] == "local")
        #expect(first.event["detail"]?["requester"] == "000000000000")
        #expect(first.event["detail"]?["source-ip-address"] == "127.0.0.1")

        let id = try #require(first.event["id"]?.stringValue)
        #expect(id == first.id && id != second.id)
        #expect(id.count == 36 && id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(Array(id)[14] == "4")  // version 4
        #expect("89ab".contains(Array(id)[19]))  // RFC 4122 variant
        #expect(id.allSatisfy { "0123456789abcdef-".contains($0) })

        let requestID = try #require(first.event["detail"]?["request-id"]?.stringValue)
        #expect(requestID.count == 16 && requestID.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) })
    }

    @Test("a factory seeded with a previous run's last sequencer continues above it")
    func seededSequencer() throws {
        let previous = try #require(Sequencer.value(of: "0069B21FFD0745EE4E"))
        // The clock went back an hour since the previous run; the sequencer still increases.
        let factory = ObjectEventFactory(sequencerFloor: previous, clock: { 0x69B2_1FFD - 3600 })
        #expect(factory.deleted(bucket: "b", key: "k").sequencer == "0069B21FFD0745EE4F")
        #expect(Sequencer.value(of: "not hex") == nil)
        #expect(Sequencer.format(0x0064_D390_1D00_0592) == "000064D3901D000592")
    }

    @Test("times are UTC to the second with a Z")
    func time() {
        #expect(UTCTime.iso8601(seconds: 0) == "1970-01-01T00:00:00Z")
        #expect(UTCTime.iso8601(seconds: 1_636_675_200) == "2021-11-12T00:00:00Z")
    }
}
