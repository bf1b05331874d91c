/// A scope of variable bindings (jsonata-js's frame), chained to the enclosing one.
final class Frame {
    private var bindings: [String: JV?] = [:]
    let parent: Frame?

    init(_ parent: Frame?) {
        self.parent = parent
    }

    func bind(_ name: String, _ value: JV?) {
        bindings[name] = .some(value)
    }

    /// The value bound to the name here or in an enclosing scope (undefined when none binds it).
    func lookup(_ name: String) -> JV? {
        var frame: Frame? = self
        while let f = frame {
            if let slot = f.bindings[name] { return slot }
            frame = f.parent
        }
        return nil
    }

    var isEmpty: Bool { bindings.isEmpty }
}
