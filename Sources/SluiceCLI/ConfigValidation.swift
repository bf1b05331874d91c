import Foundation
import SluiceASL
import SluiceCore
import SluiceJSON

/// Rule, subscription and bucket checks for `sluice validate`, with the same decoders the daemon loads them with.
enum ConfigValidation {
    static func checkBucket(_ document: JSONValue, file: String) -> [DefinitionProblem] {
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        guard case .failure(let errors) = BucketDeclaration.decode(document, file: file, name: name) else { return [] }
        return errors.problems.map {
            DefinitionProblem(
                code: "INVALID_BUCKET",
                location: $0.location.isEmpty ? "/" : $0.location,
                message: $0.message
            )
        }
    }

    static func check(_ document: JSONValue, file: String, isRule: Bool) -> [DefinitionProblem] {
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let problems: [ConfigProblem]
        if isRule {
            if case .failure(let errors) = Rule.decode(document, file: file, defaultName: name) {
                problems = errors.problems
            } else {
                problems = []
            }
        } else {
            if case .failure(let errors) = Subscription.decode(document, file: file, name: name) {
                problems = errors.problems
            } else {
                problems = []
            }
        }
        return problems.map {
            DefinitionProblem(
                code: isRule ? "INVALID_RULE" : "INVALID_SUBSCRIPTION",
                location: $0.location.isEmpty ? "/" : $0.location,
                message: $0.message
            )
        }
    }
}
