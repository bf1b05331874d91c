/// A parent-operator slot: the variable label the ancestor is bound to and how many levels remain to climb.
final class Slot {
    var label: String
    var level: Int
    let index: Int

    init(label: String, level: Int, index: Int) {
        self.label = label
        self.level = level
        self.index = index
    }
}
