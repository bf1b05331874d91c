import SluiceASL
import SluiceJSON

/// The serialized size of a template's output worked out from the template alone, given the size of the input.
enum PayloadSize {
    /// The exact compact size of `template` evaluated against an input of `inputSize` bytes, or nil when it
    /// depends on more than constants and the whole input (`$`).
    static func bound(_ template: PayloadTemplate, inputSize: Int) -> Int? {
        switch template {
        case .constant(let value): return value.serializedByteCount
        case .path("$"): return inputSize
        case .object(let fields):
            // Later fields with the same key replace earlier ones: only exact when keys are distinct.
            guard Set(fields.map(\.key)).count == fields.count else { return nil }
            var total = 2 + max(0, fields.count - 1)
            for field in fields {
                guard let value = bound(field.value, inputSize: inputSize) else { return nil }
                total += JSONValue.string(field.key).serializedByteCount + 1 + value
            }
            return total
        case .array(let items):
            var total = 2 + max(0, items.count - 1)
            for item in items {
                guard let value = bound(item, inputSize: inputSize) else { return nil }
                total += value
            }
            return total
        case .path, .intrinsic, .jsonata: return nil
        }
    }
}
