/// A scope of variable bindings (jsonata-js's frame), chained to the enclosing one. Most frames bind a few
/// names, searched linearly; the library's frame, with every built-in, uses a dictionary.
final class Frame {
    private var entries: [(name: String, value: JV?)] = []
    private var index: [String: Int]?
    let parent: Frame?
    /// The library's frame (the only indexed one), where `lookup(_:builtin:)` stops.
    private let isLibrary: Bool

    init(_ parent: Frame?, indexed: Bool = false) {
        self.parent = parent
        isLibrary = indexed
        if indexed { index = [:] }
    }

    func bind(_ name: String, _ value: JV?) {
        if let i = position(name) {
            entries[i].value = value
            return
        }
        if entries.isEmpty { entries.reserveCapacity(4) }
        entries.append((name, value))
        index?[name] = entries.count - 1
    }

    private func position(_ name: String) -> Int? {
        if let index { return index[name] }
        for i in 0..<entries.count where entries[i].name == name { return i }
        return nil
    }

    /// The value bound to the name here or in an enclosing scope (undefined when none binds it).
    func lookup(_ name: String) -> JV? {
        var frame: Frame? = self
        while let f = frame {
            if let i = f.position(name) { return f.entries[i].value }
            frame = f.parent
        }
        return nil
    }

    /// `lookup` of a name the library binds to `builtin`: the frames below the library's are searched, the
    /// library's dictionary is not (it never changes after it is built; no other frame is indexed).
    func lookup(_ name: String, builtin: JV) -> JV? {
        var frame: Frame? = self
        while let f = frame {
            if f.isLibrary { return builtin }
            if let i = f.position(name) { return f.entries[i].value }
            frame = f.parent
        }
        return nil
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Drops every binding (the end of an evaluation: `Evaluator.releaseFrames`).
    func unbindAll() {
        entries = []
        if index != nil { index = [:] }
    }
}
