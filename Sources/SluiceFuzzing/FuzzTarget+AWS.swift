import SluiceAWS
import SluiceVocabulary

extension FuzzTarget {
    /// An XML request body (S3's CompleteMultipartUpload, DeleteObjects, ...) read.
    static func xml(_ input: [UInt8]) {
        guard let root = try? XMLReader.parse(input) else { return }
        _ = root.children(root.name).count
    }

    /// An awsQuery form body (SNS) read and looked up as the handlers do.
    static func queryForm(_ input: [UInt8]) {
        let form = QueryForm(body: input)
        _ = form.members("Attributes.entry")
        _ = form.stringMap("MessageAttributes.entry", key: "Name", value: "Value.StringValue")
        _ = form.scoped("Tags").strings("member")
        _ = FormBody.isWellFormed(FuzzInput.text(input))
    }

    /// An `aws-chunked` body decoded whole and in two pieces cut where the first byte says: the bytes decoded,
    /// the trailers, the error and whether the body is complete must not depend on where the network split it.
    static func awsChunked(_ input: [UInt8]) {
        let cut = input.isEmpty ? 0 : Int(input[0]) % (input.count + 1)
        let whole = decodeChunked(input, cuts: [])
        let split = decodeChunked(input, cuts: [cut])
        guard whole.bytes == split.bytes, whole.error == split.error, whole.complete == split.complete,
            whole.trailers == split.trailers
        else { fatalError("aws-chunked decoding depends on the split at \(cut)") }
    }

    private static func decodeChunked(_ input: [UInt8], cuts: [Int]) -> (
        bytes: [UInt8], error: AWSChunkedError?, complete: Bool, trailers: [String]
    ) {
        var decoder = AWSChunkedDecoder()
        var decoded: [UInt8] = []
        var failure: AWSChunkedError?
        input.withUnsafeBytes { bytes in
            var start = 0
            for end in cuts + [bytes.count] where failure == nil {
                do throws(AWSChunkedError) {
                    try decoder.feed(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) { decoded += $0 }
                } catch {
                    failure = error
                }
                start = end
            }
        }
        return (decoded, failure, decoder.isComplete, decoder.trailers.map { "\($0.name):\($0.value)" })
    }

    /// A request head, `METHOD TARGET` on the first line and `name: value` header lines, with its Signature
    /// Version 4 parsed from the Authorization header or the query, and the routes read from its target.
    static func signatureV4(_ input: [UInt8]) {
        let lines = FuzzInput.text(input).split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return }
        let requestLine = first.split(separator: " ", maxSplits: 1)
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " })))
        }
        let request = AWSRequest(
            method: requestLine.first.map(String.init) ?? "",
            target: requestLine.count > 1 ? String(requestLine[1]) : "/",
            headers: headers
        )
        _ = request.pathSegments
        _ = request.queryItems
        _ = LambdaRoute.parse(request)
        _ = ByteRange.parse(request.header("range"), size: 1000)
        if case .success(let signed) = SignatureV4.parse(request) {
            _ = SignatureV4.canonicalRequest(request, signed, payloadHash: "UNSIGNED-PAYLOAD")
            _ = SignatureV4.verify(
                request,
                signed,
                payloadHash: "UNSIGNED-PAYLOAD",
                secret: "fuzz",
                now: Timestamp(epochMilliseconds: 1_767_225_600_000)
            )
        }
        if let date = request.header("x-amz-date") { _ = SignatureV4.timestamp(date) }
    }
}
