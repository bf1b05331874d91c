import Foundation
import SluiceCore
import SluiceJSON

/// Loads the configuration folders of /etc/sluice: every file is checked on its own, a file with a problem is
/// reported (file and field) and skipped, and the others load.
package enum ConfigLoader {
    /// `rules/*.json` → the rule set, and the problems of the files that did not load.
    package static func loadRules(directory: String) -> (rules: RuleSet, problems: [ConfigProblem]) {
        var rules: [Rule] = []
        var problems: [ConfigProblem] = []
        for (path, name, json) in documents(in: directory, problems: &problems) {
            switch Rule.decode(json, file: path, defaultName: name) {
            case .success(let rule):
                if rules.contains(where: { $0.name == rule.name }) {
                    problems.append(
                        ConfigProblem(file: path, location: "/Name", message: "another rule is named '\(rule.name)'")
                    )
                } else {
                    rules.append(rule)
                }
            case .failure(let errors): problems += errors.problems
            }
        }
        return (RuleSet(rules), problems)
    }

    /// `subscriptions/*.json` → the subscriptions that loaded, and the problems of the others.
    package static func loadSubscriptions(directory: String) -> (
        subscriptions: [Subscription], problems: [ConfigProblem]
    ) {
        var subscriptions: [Subscription] = []
        var problems: [ConfigProblem] = []
        for (path, name, json) in documents(in: directory, problems: &problems) {
            switch Subscription.decode(json, file: path, name: name) {
            case .success(let s): subscriptions.append(s)
            case .failure(let errors): problems += errors.problems
            }
        }
        return (subscriptions, problems)
    }

    /// `buckets/*.json` → the declared buckets that loaded, and the problems of the others.
    package static func loadBuckets(directory: String) -> (buckets: [BucketDeclaration], problems: [ConfigProblem]) {
        var buckets: [BucketDeclaration] = []
        var problems: [ConfigProblem] = []
        for (path, name, json) in documents(in: directory, problems: &problems) {
            switch BucketDeclaration.decode(json, file: path, name: name) {
            case .success(let bucket): buckets.append(bucket)
            case .failure(let errors): problems += errors.problems
            }
        }
        return (buckets, problems)
    }

    /// The JSON documents of a folder's `*.json` files (hidden and temporary names skipped), sorted by name.
    static func documents(
        in directory: String,
        problems: inout [ConfigProblem]
    ) -> [(path: String, name: String, json: JSONValue)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var result: [(String, String, JSONValue)] = []
        for file in names.sorted() where file.hasSuffix(".json") && !file.hasPrefix(".") {
            let path = directory + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(ConfigProblem(file: path, location: "/", message: "cannot be read"))
                continue
            }
            do {
                result.append((path, String(file.dropLast(5)), try JSONParser.parse(bytes: Array(data))))
            } catch {
                problems.append(ConfigProblem(file: path, location: "/", message: "not valid JSON: \(error)"))
            }
        }
        return result
    }
}
