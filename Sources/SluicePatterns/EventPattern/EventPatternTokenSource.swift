/// Something the compiler can pull pattern tokens from: the pattern's text, or an already parsed document.
protocol EventPatternTokenSource {
    /// The next token; syntax errors are InvalidEventPatternException with Jackson's wording.
    mutating func next() throws(PatternError) -> EventPatternToken
}
