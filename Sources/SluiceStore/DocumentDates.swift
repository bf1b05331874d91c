import SluiceJSON
import SluiceVocabulary

/// How a document writes its dates: ISO 8601 text (what `sluice` prints, as the AWS CLI shows dates), or epoch
/// seconds with milliseconds (what the JSON protocols send on the wire).
package enum DocumentDates: Sendable {
    case iso8601
    case epochSeconds

    package func value(_ seconds: Double) -> JSONValue {
        let millis = Int64((seconds * 1000).rounded(.down))
        switch self {
        case .iso8601: return .string(Timestamp(epochMilliseconds: millis).iso8601())
        case .epochSeconds: return .double(Double(millis) / 1000)
        }
    }
}
