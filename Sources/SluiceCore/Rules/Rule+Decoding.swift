import SluiceJSON
import SluicePatterns

extension Rule {
    /// Decodes a rule file. `defaultName` (the file stem) is used when the file has no `Name`.
    /// Every problem is reported with the file and field; the rule is returned only when there is none.
    package static func decode(
        _ json: JSONValue,
        file: String,
        defaultName: String
    ) -> Result<Rule, ConfigErrors> {
        var problems: [ConfigProblem] = []
        guard case .object(let object) = json else {
            return .failure(
                ConfigErrors([ConfigProblem(file: file, location: "/", message: "a rule must be a JSON object")])
            )
        }
        var r = ConfigReader(object, file: file, location: "")
        let name = r.string("Name", &problems) ?? defaultName
        if !ResourceName.isValidRuleName(name) {
            problems.append(
                r.problem(r.has("Name") ? "Name" : nil, "rule names are 1 to 64 of A-Z a-z 0-9 . - _ ('\(name)')")
            )
        }
        let description = r.string("Description", &problems)
        if let description, description.count > 512 {
            problems.append(r.problem("Description", "must be at most 512 characters"))
        }
        var state = State.enabled
        if let s = r.string("State", &problems) {
            if let parsed = State(rawValue: s) {
                state = parsed
            } else {
                problems.append(r.problem("State", "must be ENABLED or DISABLED, not '\(s)'"))
            }
        }
        let pattern = Self.decodePattern(&r, &problems)
        if r.has("ScheduleExpression") {
            _ = r.raw("ScheduleExpression")
            problems.append(r.problem("ScheduleExpression", "scheduled rules are not supported by sluice"))
        }
        let targets = Self.decodeTargets(&r, file: file, &problems)
        r.reportUnknown(&problems)
        guard problems.isEmpty, let pattern else { return .failure(ConfigErrors(problems)) }
        return .success(
            Rule(
                name: name,
                description: description,
                state: state,
                eventPattern: pattern,
                targets: targets,
                file: file
            )
        )
    }
}

/// All the problems found in one file.
package struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    package var problems: [ConfigProblem]
    package init(_ problems: [ConfigProblem]) { self.problems = problems }
    package var description: String { problems.map(\.description).joined(separator: "\n") }
}

extension Rule {
    /// `EventPattern`: required; PutRule's JSON text, or an object, which is easier to write by hand.
    static func decodePattern(_ r: inout ConfigReader, _ problems: inout [ConfigProblem]) -> EventPattern? {
        var pattern: EventPattern?
        switch r.raw("EventPattern") {
        case nil:
            problems.append(r.problem(nil, "the field 'EventPattern' is required (sluice rules react to events)"))
        case .string(let text)?:
            do {
                pattern = try EventPattern(text: text)
            } catch {
                problems.append(r.problem("EventPattern", "\(error.code): \(error.message)"))
            }
        case let value?:
            do {
                pattern = try EventPattern(value)
            } catch {
                problems.append(r.problem("EventPattern", "\(error.code): \(error.message)"))
            }
        }
        return pattern
    }

    /// `Targets`: at most 5, each decoded, ids unique. A rule without targets does nothing, as on EventBridge,
    /// where PutRule makes it and PutTargets gives it targets later.
    static func decodeTargets(_ r: inout ConfigReader, file: String, _ problems: inout [ConfigProblem]) -> [RuleTarget]
    {
        var targets: [RuleTarget] = []
        if let array = r.array("Targets", &problems) {
            if array.count > 5 {
                problems.append(r.problem("Targets", "a rule has at most 5 targets"))
            }
            var ids: Set<String> = []
            for (i, item) in array.enumerated() {
                let here = "/Targets[\(i)]"
                guard case .object(let t) = item else {
                    problems.append(ConfigProblem(file: file, location: here, message: "a target must be an object"))
                    continue
                }
                if let target = RuleTarget.decode(t, file: file, location: here, problems: &problems) {
                    if !ids.insert(target.id).inserted {
                        problems.append(
                            ConfigProblem(
                                file: file,
                                location: here + "/Id",
                                message: "duplicate target id '\(target.id)'"
                            )
                        )
                    }
                    targets.append(target)
                }
            }
        } else if !r.has("Targets") {
            problems.append(r.problem(nil, "the field 'Targets' is required"))
        }
        return targets
    }
}
