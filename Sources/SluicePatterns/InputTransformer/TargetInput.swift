import SluiceJSON

/// What one rule target receives for a matched event, as PutTargets configures it: the whole event, a constant
/// (`Input`), the part of the event an `InputPath` selects, or the text an `InputTransformer` builds.
///
/// Built once from the target's fields (with PutTargets' validation, see `init(target:targetId:)`), then rendered
/// for every event the rule matches.
package struct TargetInput: Sendable {
    /// How the target's input is chosen.
    package enum Kind: Sendable {
        /// None of Input, InputPath or InputTransformer: the event itself.
        case event
        /// `Input`: this JSON text, whatever the event holds.
        case constant(String)
        /// `InputPath`: the part of the event the path selects.
        case inputPath(JSONPath)
        /// `InputTransformer`: variables read from the event, substituted into a template.
        case transformer(InputTransformer)
    }

    /// How the target's input is chosen.
    package let kind: Kind

    /// A target input of an already validated kind.
    package init(kind: Kind) {
        self.kind = kind
    }

    /// What the target receives, as text; nil when EventBridge drops the event instead of delivering it.
    ///
    /// An `InputPath` that selects nothing and a JSON-object template whose result is not valid JSON both leave
    /// nothing to deliver; AWS drops such events silently.
    package func render(event: JSONValue, context: TargetContext) -> String? {
        switch kind {
        case .event:
            return event.serialized()
        case .constant(let text):
            return text
        case .inputPath(let path):
            return path.evaluate(event)?.serialized()
        case .transformer(let transformer):
            return transformer.render(event: event, context: context)
        }
    }
}
