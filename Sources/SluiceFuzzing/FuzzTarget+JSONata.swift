import SluiceJSON
import SluiceJSONata

extension FuzzTarget {
    /// An expression (before the NUL) parsed and evaluated against an input document (after it). The limits are
    /// tighter than a state's defaults so that one input stays within the fuzzer's time and memory bounds; that
    /// the evaluator honours them at all is part of what is tested.
    static func jsonata(_ input: [UInt8]) {
        let parts = FuzzInput.parts(input, 2)
        guard let expression = try? JSONataExpression(parts[0]) else { return }
        let document = try? JSONParser.parse(parts[1])
        var environment = JSONataEnvironment(now: 1_767_225_600_000, randomSource: { 0.5 }, maxSteps: 200_000)
        environment.maxArrayLength = 100_000
        environment.maxStringLength = 1 << 20
        environment.maxAllocation = 16 << 20
        _ = try? expression.evaluate(input: document, environment: environment)
    }
}
