import SluiceASL
import SluiceJSON
import SluiceJSONata

/// The functions Step Functions adds to JSONata: `$partition`, `$range`, `$hash`, `$random` (with an optional seed),
/// `$uuid` and `$parse`; `$eval` is taken away. Integer arguments round down, as AWS documents.
extension Execution {
    /// The functions that draw nothing from the execution: made once.
    static let awsFunctions: [String: JSONataBinding] = [
        "partition": native("<an>") { args throws(StatesError) in
            try apply(.arrayPartition, [arg(args, 0), floor(arg(args, 1))])
        },
        // AWS's $range gives a sequence: one number comes back as itself, as JSONata unwraps a singleton.
        "range": native("<nnn>") { args throws(StatesError) in
            let range = try apply(.arrayRange, (0..<3).map { floor(arg(args, $0)) })
            if case .array(let a) = range, a.count == 1 { return a[0] }
            return range
        },
        "hash": native("<ss>") { args throws(StatesError) in try apply(.hash, args) },
        "parse": native("<s>") { args throws(StatesError) in try apply(.stringToJson, args) },
        // Not available on AWS: calling it is calling a non-function (T1006).
        "eval": .value(.null),
    ]

    /// One of the intrinsics that draw no random numbers (the generator it is handed goes unused).
    private static func apply(_ function: IntrinsicFunctionName, _ values: [JSONValue]) throws(StatesError)
        -> JSONValue
    {
        var unused = SplitMix64(seed: 0)
        return try IntrinsicEvaluator.apply(function, values: values, random: &unused)
    }

    /// `$uuid` and `$random`, drawing from the execution's generator for this evaluation.
    static func randomFunctions(_ random: JSONataRandom) -> [String: JSONataBinding] {
        [
            "uuid": native("<>") { _ throws(StatesError) in
                try random.withGenerator { (g) throws(StatesError) in
                    try IntrinsicEvaluator.apply(.uuid, values: [], random: &g)
                }
            },
            "random": native("<n?>") { args throws(StatesError) in
                guard let seed = args.first, let n = seed.doubleValue else { return .double(random.nextDouble()) }
                var seeded = SplitMix64(seed: UInt64(bitPattern: Int64(n.rounded(.down))))
                return .double(Double(seeded.next() >> 11) * 0x1.0p-53)
            },
        ]
    }

    /// A native function whose failures (AWS's intrinsic errors) surface as JSONata errors.
    private static func native(
        _ signature: String,
        _ body: @escaping @Sendable ([JSONValue]) throws(StatesError) -> JSONValue
    ) -> JSONataBinding {
        .function(
            JSONataNativeFunction(signature: signature) { (args: [JSONValue?]) throws(JSONataError) -> JSONValue? in
                do throws(StatesError) {
                    return try body(args.map { $0 ?? .null })
                } catch {
                    throw JSONataError(code: "D3030", message: error.cause ?? error.name, position: nil, token: nil)
                }
            }
        )
    }

    static func arg(_ args: [JSONValue], _ i: Int) -> JSONValue { i < args.count ? args[i] : .null }

    /// A number rounded down to a whole number; anything else as it is (the function reports its type).
    static func floor(_ value: JSONValue) -> JSONValue {
        guard case .double(let d) = value, d.isFinite, abs(d) < 9e15 else { return value }
        return .int(Int(d.rounded(.down)))
    }
}
