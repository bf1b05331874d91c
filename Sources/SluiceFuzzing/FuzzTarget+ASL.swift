import SluiceASL

extension FuzzTarget {
    /// A state machine definition decoded and validated.
    static func aslDefinition(_ input: [UInt8]) {
        _ = DefinitionDecoder.decode(text: FuzzInput.text(input))
    }

    /// An intrinsic function call (`States.Format(...)`) parsed.
    static func intrinsic(_ input: [UInt8]) {
        let text = FuzzInput.text(input)
        _ = IntrinsicCall.looksLikeCall(text)
        _ = try? IntrinsicCall.parse(text)
    }
}
