import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SluiceAWS
import SluiceEngine
import SluiceLinux

/// One client connection: requests one after another (keep-alive), each admitted on its head, its body read into
/// memory or spooled to disk, answered, and the answer written head and body in one flush (a separate write of the
/// head would meet the client's delayed ACK).
struct APIConnection {
    let router: APIRouter
    let dashboard: DashboardRouter
    let paths: SluicePaths
    let logger: Logger

    typealias Channel = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    /// The most of a refused request's body read and dropped before the connection closes.
    static let drainLimit = 64 << 20

    /// A request whose head has been admitted, while its body arrives.
    fileprivate struct InFlight {
        var head: HTTPRequestHead
        var request: AWSRequest
        var requestId: String
        /// Nil for a page, the dashboard's JSON or /metrics (unsigned; the dashboard checks its own login).
        var signed: SignedRequest?
        var service: AWSService?
        var verified = false
        var bytes: [UInt8] = []
        var upload: SpooledUpload?
        /// The framing of an `aws-chunked` upload, taken off on the way to the spool file.
        var chunked: AWSChunkedDecoder?
        var chunkedFailure: AWSChunkedError?
        var tooLarge = false
    }

    func serve(_ channel: Channel) async {
        let fromLoopback = Self.isLoopback(channel.channel.remoteAddress?.ipAddress)
        do {
            try await channel.executeThenClose { inbound, outbound in
                var current: InFlight?
                var draining = false
                for try await part in inbound {
                    switch part {
                    case .head(let head):
                        current = try await admit(head, outbound)
                        guard current == nil else { continue }
                        // Refused and answered: a body the client is already sending is read and dropped (up to
                        // 64 MiB), so that it reads the answer rather than a reset; then the connection closes.
                        let length = head.headers.first(name: "content-length").flatMap(Int.init) ?? 0
                        guard (1...Self.drainLimit).contains(length) else { return }
                        draining = true
                    case .body(let buffer):
                        current?.receive(buffer)
                    case .end:
                        if draining { return }
                        guard let done = current else { continue }
                        current = nil
                        let response = await answer(done, fromLoopback: fromLoopback)
                        try await write(response, head: done.head, to: outbound)
                        if !done.head.isKeepAlive { return }
                    }
                }
                current?.upload?.discard()
            }
        } catch {
            logger.debug("API connection ended: \(error)")
        }
    }

    /// The request admitted, with `100 Continue` sent if the client waits for it (boto3 waits a whole second
    /// otherwise); nil when it was refused, its answer written, and the connection is to close.
    private func admit(_ head: HTTPRequestHead, _ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>)
        async throws -> InFlight?
    {
        let request = AWSRequest(
            method: head.method.rawValue,
            target: head.uri,
            headers: head.headers.map { (name: $0.name, value: $0.value) }
        )
        let requestId = UUID().uuidString.lowercased()
        var flight: InFlight
        switch router.admit(request, requestId: requestId) {
        case .refuse(let response):
            logger.notice(
                "API refused \(head.method.rawValue) \(head.uri): \(response.status)",
                metadata: ["sluice.request.id": .string(requestId)]
            )
            try await write(response, head: head, to: outbound, close: true)
            return nil
        case .stream(let signed):
            flight = InFlight(
                head: head,
                request: request,
                requestId: requestId,
                signed: signed,
                service: .s3,
                verified: true
            )
            flight.chunked = AWSChunkedBody.decoder(
                request,
                signed,
                secret: router.credentials.secret(for: signed.accessKeyId)
            )
            do {
                flight.upload = try SpooledUpload(folder: paths.uploads, requestId: requestId)
                if UploadChecksum.wantsCRC32(request) { flight.upload?.crc32 = CRC32() }
            } catch {
                let failure = AWSError.internalFailure("\(error)")
                try await write(
                    AWSProtocol.restXml.response(for: failure, requestId: requestId),
                    head: head,
                    to: outbound,
                    close: true
                )
                return nil
            }
        case .web:
            flight = InFlight(head: head, request: request, requestId: requestId, signed: nil, service: nil)
        case .collect(let signed, let service, let verified):
            flight = InFlight(
                head: head,
                request: request,
                requestId: requestId,
                signed: signed,
                service: service,
                verified: verified
            )
        }
        if head.headers["expect"].contains(where: { $0.lowercased() == "100-continue" }) {
            try await outbound.write(.head(HTTPResponseHead(version: head.version, status: .continue)))
        }
        return flight
    }

    private func answer(_ flight: InFlight, fromLoopback: Bool) async -> AWSResponse {
        guard let signed = flight.signed, let service = flight.service else {
            guard !flight.tooLarge else {
                return DashboardResponse.error(413, "RequestTooLarge", "the body is too large")
            }
            return await dashboard.respond(flight.request, body: flight.bytes, fromLoopback: fromLoopback)
        }
        if flight.tooLarge {
            flight.upload?.discard()
            return router.error(APIRouter.tooLarge(service), service, flight.requestId)
        }
        if let failure = AWSChunkedBody.failure(flight.request, flight.chunked, flight.chunkedFailure) {
            flight.upload?.discard()
            return router.error(failure, .s3, flight.requestId)
        }
        if let decoder = flight.chunked { flight.upload?.trailers = decoder.trailers }
        let body: APIBody
        if let upload = flight.upload {
            guard upload.finish() else {
                upload.discard()
                let failure = AWSError.internalFailure(upload.failure ?? "the upload could not be written")
                return router.error(failure, .s3, flight.requestId)
            }
            body = .upload(upload)
        } else {
            body = .bytes(flight.bytes)
        }
        let response = await router.respond(
            flight.request,
            body: body,
            signed: signed,
            service: service,
            verified: flight.verified,
            requestId: flight.requestId
        )
        // Whatever the service did not take (moved into its bucket) is removed.
        if let upload = flight.upload, Posix.status(upload.path) != nil { upload.discard() }
        logger.debug(
            "API \(flight.request.method) \(flight.request.target) → \(response.status)",
            metadata: ["sluice.request.id": .string(flight.requestId)]
        )
        return response
    }

    private func write(
        _ response: AWSResponse,
        head request: HTTPRequestHead,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
        close: Bool = false
    ) async throws {
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        if !headers.contains(name: "content-length") {
            let length = response.bodyFile.map { Int($0.count) } ?? response.body.count
            headers.add(name: "Content-Length", value: String(length))
        }
        if close || !request.isKeepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(
            version: request.version,
            status: HTTPResponseStatus(statusCode: response.status),
            headers: headers
        )
        let sendsBody = request.method != .HEAD
        guard let file = response.bodyFile, sendsBody else {
            var parts: [HTTPServerResponsePart] = [.head(head)]
            if sendsBody, !response.body.isEmpty { parts.append(.body(.byteBuffer(ByteBuffer(bytes: response.body)))) }
            parts.append(.end(nil))
            try await outbound.write(contentsOf: parts)
            return
        }
        try await outbound.write(.head(head))
        try await FileBodyReader.stream(file) { chunk in
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: chunk))))
        }
        try await outbound.write(.end(nil))
    }
}

extension APIConnection {
    /// Whether a peer's address is this machine's loopback (IPv4's 127/8, IPv6's ::1, or 127/8 mapped into IPv6).
    static func isLoopback(_ address: String?) -> Bool {
        guard let address = address?.lowercased() else { return false }
        return address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
    }
}

extension APIConnection.InFlight {
    fileprivate mutating func receive(_ buffer: ByteBuffer) {
        guard !tooLarge else { return }
        if let upload {
            if var decoder = chunked {
                guard chunkedFailure == nil else { return }
                do {
                    try buffer.withUnsafeReadableBytes { raw throws(AWSChunkedError) in
                        try decoder.feed(raw) { upload.append($0) }
                    }
                } catch {
                    chunkedFailure = error
                }
                chunked = decoder
            } else {
                buffer.withUnsafeReadableBytes { upload.append($0) }
            }
            if upload.size > APIRouter.uploadLimit { tooLarge = true }
            return
        }
        guard bytes.count + buffer.readableBytes <= APIRouter.bodyLimit else {
            tooLarge = true
            bytes = []
            return
        }
        bytes += buffer.readableBytesView
    }
}
