/// The intrinsic functions of the JSONPath query language, named as they are written (`States.Format`).
///
/// The parser checks names and argument counts against this list, so a definition that calls an unknown function or
/// passes the wrong number of arguments is rejected before anything runs, as AWS rejects it at creation time.
package enum IntrinsicFunctionName: String, CaseIterable, Sendable, Hashable {
    case format = "States.Format"
    case stringToJson = "States.StringToJson"
    case jsonToString = "States.JsonToString"
    case array = "States.Array"
    case arrayPartition = "States.ArrayPartition"
    case arrayContains = "States.ArrayContains"
    case arrayRange = "States.ArrayRange"
    case arrayGetItem = "States.ArrayGetItem"
    case arrayLength = "States.ArrayLength"
    case arrayUnique = "States.ArrayUnique"
    case base64Encode = "States.Base64Encode"
    case base64Decode = "States.Base64Decode"
    case hash = "States.Hash"
    case jsonMerge = "States.JsonMerge"
    case mathRandom = "States.MathRandom"
    case mathAdd = "States.MathAdd"
    case stringSplit = "States.StringSplit"
    case uuid = "States.UUID"

    /// The fewest arguments the function accepts.
    package var minimumArguments: Int {
        switch self {
        case .array, .uuid: 0
        case .format, .stringToJson, .jsonToString, .arrayLength, .arrayUnique, .base64Encode, .base64Decode: 1
        case .arrayPartition, .arrayContains, .arrayGetItem, .hash, .mathRandom, .mathAdd, .stringSplit: 2
        case .arrayRange, .jsonMerge: 3
        }
    }

    /// The most arguments the function accepts; nil when there is no upper bound (`States.Format`, `States.Array`).
    package var maximumArguments: Int? {
        switch self {
        case .format, .array: nil
        case .mathRandom: 3
        default: minimumArguments
        }
    }

    /// Whether `count` arguments are acceptable.
    package func accepts(argumentCount count: Int) -> Bool {
        guard count >= minimumArguments else { return false }
        guard let maximum = maximumArguments else { return true }
        return count <= maximum
    }

    /// The accepted argument count in words, for error messages ("2", "2 or 3", "at least 1").
    package var arityDescription: String {
        guard let maximum = maximumArguments else { return "at least \(minimumArguments)" }
        if maximum == minimumArguments { return "\(minimumArguments)" }
        return maximum == minimumArguments + 1
            ? "\(minimumArguments) or \(maximum)" : "\(minimumArguments) to \(maximum)"
    }
}
