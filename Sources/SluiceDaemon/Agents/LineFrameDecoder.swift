import NIOCore

/// Splits the agent protocol's stream into lines (newline dropped). A line longer than `maxLength` (a request or
/// answer beyond any payload Lambda allows) is an error that closes the connection.
package struct LineFrameDecoder: ByteToMessageDecoder {
    package typealias InboundOut = ByteBuffer

    package var maxLength = 16 * 1024 * 1024
    private var searched = 0

    package init() {}

    package mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.dropFirst(searched).firstIndex(of: 0x0A) else {
            searched = view.count
            if searched > maxLength { throw LineTooLong() }
            return .needMoreData
        }
        let length = newline - view.startIndex
        searched = 0
        let line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }

    package mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }

    struct LineTooLong: Error {}
}
