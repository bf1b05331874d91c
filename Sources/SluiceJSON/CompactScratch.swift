/// The buffer a parser writes each compact object into before it becomes the object's own bytes: one per parse,
/// reused object after object. A worker's answer holds hundreds of result objects, and a writer made for each cost
/// an allocation and a free apiece. A class, so the parser (a copyable struct) can hold the noncopyable writer.
final class CompactScratch {
    /// Unchecked: only `JSONParser.parseCompactObject` writes it, and never reentrantly (a nested object is scanned
    /// into the same bytes, not through another call).
    @exclusivity(unchecked) var writer = CompactJSONWriter(capacity: 512)
}
