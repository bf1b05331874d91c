import Synchronization

/// An object's compact JSON as a reader wrote it (a CSV row), and its members once something asked for them.
///
/// A Distributed Map mostly hands its items on whole (a batch goes down a pipe as JSON): building 28 strings and an
/// array per row only to serialize and free them was most of sluice's share of a CSV run. Parsed at most once;
/// shared between copies of the object and between threads, hence the lock.
final class CompactObject: Sendable {
    let json: [UInt8]
    private let parsed = Mutex<[JSONObject.Member]?>(nil)

    init(json: [UInt8]) {
        self.json = json
    }

    var members: [JSONObject.Member] {
        parsed.withLock { cached in
            if let cached { return cached }
            let members: [JSONObject.Member]
            if case .object(let object) = try? JSONParser.parse(bytes: json) {
                members = object.members
            } else {
                // The builder promised an object's JSON; nothing sluice writes breaks that.
                assertionFailure("compact JSON that is not an object")
                members = []
            }
            cached = members
            return members
        }
    }
}
