import Foundation
import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceJSONata
import SluiceVocabulary

/// Issue 15's figures: the inline Map of 100,000 items written in JSONata beside the same Map in JSONPath (same
/// process, alternating order, outputs checked equal), and single evaluations of three small expressions against
/// jsonata-js 2.0.6 on Node 20 on this machine kind (the issue's figures: npm's registry is not reachable here, so
/// jsonata-js cannot run beside sluice).
enum JSONataBenchmark {
    static let jsonPathMap = #"""
        {"StartAt":"Fan out","States":{"Fan out":{"Type":"Map","ItemsPath":"$.items",
          "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Label","States":{
            "Label":{"Type":"Pass","Parameters":{"id.$":"$.id","label.$":"States.Format('item-{}', $.id)"},"End":true}}},
          "End":true}}}
        """#
    static let jsonataMap = #"""
        {"QueryLanguage":"JSONata","StartAt":"Fan out","States":{"Fan out":{"Type":"Map",
          "Items":"{% $states.input.items %}",
          "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Label","States":{
            "Label":{"Type":"Pass","Output":{"id":"{% $states.input.id %}","label":"{% 'item-' & $string($states.input.id) %}"},"End":true}}},
          "End":true}}}
        """#
    /// The expressions and jsonata-js's cost of one evaluation (µs), from the issue.
    static let expressions: [(String, Double)] = [
        (
            #"{"id": $states.input.id, "label": "company-" & $string($states.input.id), "idx": $states.context.Map.Item.Index}"#,
            14.1
        ),
        ("$sum($states.input.answers.($ * 2)) / $count($states.input.answers)", 22.4),
        ("$states.input.answers[$ > 3] ~> $count()", 13.6),
    ]

    static func run() throws {
        let items = 100_000
        var jsonPath: [Double] = []
        var jsonata: [Double] = []
        for round in 0..<5 {
            // Alternate which language goes first, so a machine slowing down within a round favours neither.
            let order = round.isMultiple(of: 2) ? [false, true] : [true, false]
            var outputs: [JSONValue] = []
            for useJSONata in order {
                let (seconds, output) = try timeMap(useJSONata ? jsonataMap : jsonPathMap, items: items)
                if useJSONata { jsonata.append(seconds) } else { jsonPath.append(seconds) }
                outputs.append(output)
            }
            guard outputs[0] == outputs[1] else { throw BenchError("the JSONata and JSONPath maps' outputs differ") }
        }
        let ratios = zip(jsonata, jsonPath).map { $0 / $1 }
        print("")
        print("jsonata-map: inline Map over \(items) items, Pass Output with & and $string vs JSONPath Parameters")
        print("  (5 rounds, alternating order, outputs checked equal)")
        print(String(format: "  JSONPath  %@ s", Figures.range(jsonPath, digits: 3)))
        print(
            String(
                format: "  JSONata   %@ s   target < 1 s: %@",
                Figures.range(jsonata, digits: 3),
                jsonata.sorted()[2] < 1 ? "met" : "MISSED"
            )
        )
        print(
            String(
                format: "  ratio     JSONata / JSONPath %@ (median %.2f)   target <= 1.5: %@",
                Figures.range(ratios, digits: 3),
                ratios.sorted()[2],
                ratios.sorted()[2] <= 1.5 ? "met" : "MISSED"
            )
        )
        try runExpressions()
    }

    static func runExpressions() throws {
        print("")
        print("jsonata-expressions: one evaluation, compiled once (median of 5 rounds of 100,000)")
        let input: JSONValue = ["id": 42, "answers": [1, 5, 3, 7, 2, 9, 4, 6, 8, 0]]
        let states: JSONValue = ["input": input, "context": ["Map": ["Item": ["Index": 5, "Value": input]]]]
        let bindings: [String: JSONataBinding] = ["states": .value(states)]
        for (text, reference) in expressions {
            let expression = try JSONataExpression(text)
            let expected = try expression.evaluate(input: input, bindings: bindings)
            var rounds: [Double] = []
            for _ in 0..<5 {
                let clock = ContinuousClock()
                let began = clock.now
                for _ in 0..<100_000 {
                    guard try expression.evaluate(input: input, bindings: bindings) == expected else {
                        throw BenchError("\(text) gave another value")
                    }
                }
                rounds.append(Figures.seconds(clock.now - began) / 100_000 * 1e6)
            }
            let median = rounds.sorted()[2]
            print("  \(text)")
            print(
                String(
                    format: "    sluice %@ µs   jsonata-js %.1f µs   %.1fx less   target 5x: %@",
                    Figures.range(rounds, digits: 3),
                    reference,
                    reference / median,
                    reference / median >= 5 ? "met" : "MISSED"
                )
            )
        }
    }

    static func timeMap(_ text: String, items: Int) throws -> (Double, JSONValue) {
        try InlineMapBenchmark.timeMap(text, items: items)
    }

}
