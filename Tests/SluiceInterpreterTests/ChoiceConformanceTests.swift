import Foundation
import SluiceASL
import SluiceInterpreter
import SluiceJSON
import Testing

/// Runs the Choice states of the recorded AWS cases in `shared/conformance/asl` (next to the package root) through
/// the decoder and evaluator. Only the Choice state is exercised, so each case checks which branch is taken.
@Suite struct ChoiceConformanceTests {
    @Test(.enabled(if: ConformanceFiles.root != nil))
    func choiceOperatorCases() throws {
        let root = try #require(ConformanceFiles.root) + "/asl/choice_operators"
        let names = try FileManager.default.contentsOfDirectory(atPath: root).filter { !$0.hasPrefix(".") }.sorted()
        #expect(!names.isEmpty)
        for name in names {
            let files = try ConformanceFiles.load(root + "/" + name)
            let states = try #require(files.definition["States"])
            let start = try #require(files.definition["StartAt"]?.stringValue)
            let resolver = TestPathResolver(input: files.input)
            let runner = try ChoiceStateRunner(state: try #require(states[start]), name: start)
            let outcome = Result { () throws(StatesError) in try runner.next(resolver) }
            switch (files.expected["status"]?.stringValue, outcome) {
            case ("SUCCEEDED", .success(let taken)):
                // Each branch is a Pass state whose Result is the execution's output.
                let branch = try #require(taken.next, "\(name): no branch taken")
                #expect(states[branch]?["Result"] == files.expected["output"], "\(name)")
            case ("FAILED", .failure(let error)):
                #expect(error.name == files.expected["error"]?.stringValue, "\(name)")
            default:
                Issue.record("\(name): expected \(files.expected), got \(outcome)")
            }
        }
    }

    @Test(.enabled(if: ConformanceFiles.root != nil))
    func scenarioBranches() throws {
        let cases: [(String, String?)] = [
            (
                "scenarios/test_base_scenarios.test_choice_aws_docs_scenario.CHOICE_STATE_AWS_SCENARIO.3cc1ce79",
                "ValueInTwenties"
            ),
            (
                "scenarios/test_base_scenarios.test_choice_singleton_composite"
                    + ".CHOICE_STATE_SINGLETON_COMPOSITE.de87e5d3",
                "Public"
            ),
            (
                "scenarios/test_base_scenarios.test_choice_unsorted_parameters_positive"
                    + ".CHOICE_STATE_UNSORTED_CHOICE_PARAMETERS.ced520f1", "FinishTrue"
            ),
            ("context_object/test_context_object.test_variable.2527a57e", "QuitChoiceMatched"),
        ]
        for (path, expectedNext) in cases {
            let files = try #require(try ConformanceFiles.loadIfPresent(path), "\(path) is missing from the cases")
            let start = try #require(files.definition["StartAt"]?.stringValue)
            let state = try #require(files.definition["States"]?[start])
            let resolver = TestPathResolver(input: files.input, context: ["Execution": ["Input": files.input]])
            #expect(try ChoiceStateRunner(state: state, name: start).next(resolver).next == expectedNext, "\(path)")
        }
    }

    /// `IsPresent: false` on a present string, then `NumericEquals` on the string "0": neither matches, so the
    /// state-level Assign applies (recorded output "INCORRECT").
    @Test(.enabled(if: ConformanceFiles.root != nil))
    func assignInChoiceFallsToDefault() throws {
        let path = "assign/test_assign_reference_variables.test_assign_in_choice_state.INCORRECT.edbedb51"
        guard let files = try ConformanceFiles.loadIfPresent(path) else { return }
        let state = try #require(files.definition["States"]?["CheckInputState"])
        let runner = try ChoiceStateRunner(state: state, name: "CheckInputState")
        #expect(runner.choices.map(\.assign) == [["status": "UNKNOWN"], ["status": "CORRECT"]])
        let taken = try runner.next(TestPathResolver(input: files.input))
        #expect(taken.index == nil)
        #expect(taken.next == "FinalState")
    }

    /// Variables on both sides of a `...Path` comparison, compared again after the loop reassigns one.
    @Test(.enabled(if: ConformanceFiles.root != nil))
    func variableReferences() throws {
        let path = "assign/test_assign_reference_variables.test_reference_assign.BASE_REFERENCE_IN_CHOICE.4d9e380c"
        guard let files = try ConformanceFiles.loadIfPresent(path) else { return }
        let state = try #require(files.definition["States"]?["CheckAnswer"])
        let runner = try ChoiceStateRunner(state: state, name: "CheckAnswer")
        var variables: JSONValue = ["guess": "the_guess", "answer": "the_answer"]
        #expect(try runner.next(TestPathResolver(input: files.input, variables: variables)).next == "WrongAnswer")
        variables = ["guess": "the_answer", "answer": "the_answer"]
        #expect(try runner.next(TestPathResolver(input: files.input, variables: variables)).next == "CorrectAnswer")
    }

    /// The Map iteration's Choice runs on every item; only the item 3 reaches the failing branch, and items of
    /// other types are simply not numeric (no error).
    @Test(.enabled(if: ConformanceFiles.root != nil))
    func mapBreakCondition() throws {
        guard
            let files = try ConformanceFiles.loadIfPresent(
                "scenarios/test_base_scenarios.test_map_state_break_condition.a90b44d3"
            )
        else { return }
        let definition = files.definition
        let items = try #require(definition["States"]?["StartState"]?["Result"]?.arrayValue)
        let state = try #require(definition["States"]?["MapState"]?["ItemProcessor"]?["States"]?["Equals3"])
        let runner = try ChoiceStateRunner(state: state, name: "Equals3")
        let taken = try items.map { try runner.next(TestPathResolver(input: $0)).next }
        #expect(taken == ["Pass", "Pass", "Pass", "Pass", "Break", "Pass", "Pass"])
    }
}

/// Reading the recorded cases from disk.
enum ConformanceFiles {
    /// `shared/conformance` beside the package root, found from this file's path; nil when it is not there.
    static let root: String? = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let root = url.deletingLastPathComponent().appendingPathComponent("shared/conformance").standardized.path
        return FileManager.default.fileExists(atPath: root + "/asl") ? root : nil
    }()

    struct Files {
        let definition: JSONValue
        let input: JSONValue
        let expected: JSONValue
    }

    static func load(_ directory: String) throws -> Files {
        func read(_ file: String) throws -> JSONValue {
            try JSONParser.parse(try String(contentsOfFile: directory + "/" + file, encoding: .utf8))
        }
        return Files(
            definition: try read("definition.json"),
            input: try read("input.json"),
            expected: try read("expected.json")
        )
    }

    /// A case under `asl/`, or nil when this checkout does not have it.
    static func loadIfPresent(_ relativePath: String) throws -> Files? {
        guard let root else { return nil }
        let directory = root + "/asl/" + relativePath
        guard FileManager.default.fileExists(atPath: directory) else { return nil }
        return try load(directory)
    }
}

/// A JSONPath Choice state reduced to what the evaluator decides: which rule matches first and where it goes.
struct ChoiceStateRunner {
    let choices: [Choice]
    let defaultNext: String?

    init(state: JSONValue, name: String) throws {
        var problems: [DefinitionProblem] = []
        let elements = try #require(state["Choices"]?.arrayValue)
        let decoded = elements.enumerated().map { index, element in
            Choice.decode(element, location: "/States/\(name)/Choices[\(index)]", problems: &problems)
        }
        #expect(problems.isEmpty, "\(problems)")
        choices = decoded.compactMap { $0 }
        defaultNext = state["Default"]?.stringValue
    }

    /// The index of the first matching rule (nil for Default) and the state to go to (nil when nothing matched and
    /// there is no Default).
    func next(_ resolver: TestPathResolver) throws(StatesError) -> (index: Int?, next: String?) {
        for (index, choice) in choices.enumerated()
        where try ChoiceEvaluator.matches(choice.rule, resolve: resolver.resolve) {
            return (index, choice.next)
        }
        return (nil, defaultNext)
    }
}

/// A small Reference Path reader for tests (the real engine lives elsewhere): `$` is the input, `$$` the context
/// object, `$name` a variable; steps are `.name`, `['name']` and `[index]`.
struct TestPathResolver {
    var input: JSONValue
    var context: JSONValue = [:]
    var variables: JSONValue = [:]

    init(input: JSONValue, context: JSONValue = [:], variables: JSONValue = [:]) {
        self.input = input
        self.context = context
        self.variables = variables
    }

    func resolve(_ path: String) throws(StatesError) -> JSONValue? {
        var rest = Substring(path)
        guard rest.hasPrefix("$") else { return nil }
        rest = rest.dropFirst()
        var current: JSONValue?
        if rest.hasPrefix("$") {
            rest = rest.dropFirst()
            current = context
        } else if let first = rest.first, first.isLetter || first == "_" {
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            rest = rest.dropFirst(name.count)
            current = variables[String(name)]
        } else {
            current = input
        }
        while let value = current, let step = rest.first {
            if step == "." {
                let name = rest.dropFirst().prefix { $0 != "." && $0 != "[" }
                rest = rest.dropFirst(1 + name.count)
                current = value[String(name)]
            } else if step == "[" {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                if inside.hasPrefix("'") {
                    current = value[String(inside.dropFirst().dropLast())]
                } else if let index = Int(inside), let array = value.arrayValue {
                    current = array.indices.contains(index) ? array[index] : nil
                } else {
                    return nil
                }
            } else {
                return nil
            }
        }
        return current
    }
}
