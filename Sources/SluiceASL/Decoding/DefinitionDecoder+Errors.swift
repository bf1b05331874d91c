import SluiceJSON

extension DefinitionDecoder {
    mutating func retriers(_ r: inout FieldReader) -> [Retrier] {
        guard let array = r.array("Retry", &problems) else { return [] }
        var result: [Retrier] = []
        for (i, item) in array.enumerated() {
            let here = r.at("Retry") + "[\(i)]"
            guard case .object(let o) = item else {
                problems.append(DefinitionProblem(location: here, message: "A retrier must be an object"))
                continue
            }
            var f = FieldReader(o, location: here)
            var retrier = Retrier(errorEquals: errorEquals(&f))
            if let v = f.int("IntervalSeconds", &problems, minimum: 1, maximum: 99_999_999) {
                retrier.intervalSeconds = v
            }
            if let v = f.int("MaxAttempts", &problems, minimum: 0, maximum: 99_999_999) { retrier.maxAttempts = v }
            if let v = f.number("BackoffRate", &problems) {
                if v < 1 {
                    problems.append(
                        DefinitionProblem(location: f.at("BackoffRate"), message: "BackoffRate must be at least 1.0")
                    )
                }
                retrier.backoffRate = v
            }
            if let v = f.int("MaxDelaySeconds", &problems, minimum: 1, maximum: 31_622_400) {
                retrier.maxDelaySeconds = v
            }
            if let v = f.string("JitterStrategy", &problems) {
                if let j = Retrier.JitterStrategy(rawValue: v) {
                    retrier.jitterStrategy = j
                } else {
                    problems.append(
                        DefinitionProblem(
                            location: f.at("JitterStrategy"),
                            message: "JitterStrategy must be FULL or NONE"
                        )
                    )
                }
            }
            f.reportUnknown(&problems)
            result.append(retrier)
        }
        checkAllIsLast(result.map(\.errorEquals), location: r.at("Retry"))
        return result
    }

    mutating func catchers(_ r: inout FieldReader) -> [Catcher] {
        guard let array = r.array("Catch", &problems) else { return [] }
        var result: [Catcher] = []
        for (i, item) in array.enumerated() {
            let here = r.at("Catch") + "[\(i)]"
            guard case .object(let o) = item else {
                problems.append(DefinitionProblem(location: here, message: "A catcher must be an object"))
                continue
            }
            var f = FieldReader(o, location: here)
            let errors = errorEquals(&f)
            let next = f.string("Next", &problems)
            if next == nil, !f.has("Next") {
                problems.append(DefinitionProblem(location: here, message: "The field 'Next' is required"))
            }
            var catcher = Catcher(errorEquals: errors, next: next ?? "")
            if language == .jsonata {
                if let o = f.raw("Output") { catcher.output = jsonataTemplate(o, location: f.at("Output")) }
                if let a = f.raw("Assign") { catcher.jsonataAssign = assign(a, location: f.at("Assign")) }
            } else {
                if let rp = resultPath("ResultPath", &f) { catcher.resultPath = rp }
                if let a = f.raw("Assign") {
                    catcher.assign = a
                    _ = assign(a, location: f.at("Assign"))
                }
            }
            f.reportUnknown(&problems)
            result.append(catcher)
        }
        checkAllIsLast(result.map(\.errorEquals), location: r.at("Catch"))
        return result
    }

    private mutating func errorEquals(_ f: inout FieldReader) -> [String] {
        guard let array = f.array("ErrorEquals", &problems) else {
            if !f.has("ErrorEquals") {
                problems.append(DefinitionProblem(location: f.location, message: "The field 'ErrorEquals' is required"))
            }
            return []
        }
        if array.isEmpty {
            problems.append(
                DefinitionProblem(location: f.at("ErrorEquals"), message: "'ErrorEquals' must not be empty")
            )
        }
        var names: [String] = []
        for v in array {
            guard case .string(let s) = v else {
                problems.append(
                    DefinitionProblem(location: f.at("ErrorEquals"), message: "Error names must be strings")
                )
                continue
            }
            names.append(s)
        }
        if names.contains(StatesError.Name.all), names.count > 1 {
            problems.append(
                DefinitionProblem(
                    location: f.at("ErrorEquals"),
                    message: "States.ALL must appear alone in 'ErrorEquals'"
                )
            )
        }
        return names
    }

    /// AWS: a retrier or catcher naming States.ALL must be the last one.
    private mutating func checkAllIsLast(_ lists: [[String]], location: String) {
        for (i, names) in lists.enumerated() where names.contains(StatesError.Name.all) && i != lists.count - 1 {
            problems.append(
                DefinitionProblem(location: location + "[\(i)]", message: "States.ALL must appear in the last element")
            )
        }
    }
}
