import Foundation
import SluiceAWS
import SluiceJSON
import SluiceLinux
import SluiceVocabulary
import SluiceWorkers

/// ListFunctions, GetFunction and GetFunctionConfiguration: the functions in force in Lambda's
/// FunctionConfiguration shape.
extension LambdaAPI {
    func listFunctions(_ request: AWSRequest) throws(AWSError) -> JSONValue {
        let host = runtime.hosts.host
        let names = host.definitions.keys.sorted()
        let page: (items: ArraySlice<String>, nextToken: String?)
        do {
            page = try Page.of(
                names,
                token: request.query("Marker"),
                size: request.query("MaxItems").flatMap { Int($0) },
                defaultSize: 50,
                maximum: 10_000
            )
        } catch {
            throw AWSError("InvalidParameterValueException", "Invalid Marker: '\(request.query("Marker") ?? "")'")
        }
        var o = JSONObject()
        o["Functions"] = .array(page.items.compactMap { host.definitions[$0].map(configuration) })
        if let next = page.nextToken { o["NextMarker"] = .string(next) }
        return .object(o)
    }

    func getFunction(_ text: String) throws(AWSError) -> JSONValue {
        let definition = try function(text)
        var o = JSONObject()
        o["Configuration"] = configuration(definition)
        // There is no package to download: the code is the program on this machine.
        o["Code"] = ["RepositoryType": "Local", "Location": .string("file://" + (definition.command.first ?? ""))]
        if let reserved = definition.reservedConcurrency {
            o["Concurrency"] = ["ReservedConcurrentExecutions": .int(reserved)]
        }
        return .object(o)
    }

    /// Lambda's FunctionConfiguration of a function file: its program as the code (`provided`: a runtime of
    /// its own), its limits, its environment.
    func configuration(_ definition: FunctionDefinition) -> JSONValue {
        let program = definition.command.first ?? ""
        var o = JSONObject()
        o["FunctionName"] = .string(definition.name)
        o["FunctionArn"] = .string(arn(definition.name))
        o["Runtime"] = "provided"
        o["Role"] = .string("arn:aws:iam::\(account):role/sluice")
        o["Handler"] = .string(definition.command.joined(separator: " "))
        o["CodeSize"] = .int(Posix.status(program)?.size ?? 0)
        o["Description"] = .string(definition.description ?? "")
        o["Timeout"] = .int(Int(definition.timeout.rounded(.up)))
        o["MemorySize"] = .int(definition.memoryLimitMiB ?? 128)
        o["LastModified"] = .string(lastModified(definition))
        o["CodeSha256"] = .string(codeSha256(definition))
        o["Version"] = "$LATEST"
        if !definition.environment.isEmpty {
            let variables = definition.environment.sorted { $0.key < $1.key }.map {
                ($0.key, JSONValue.string($0.value))
            }
            o["Environment"] = ["Variables": .object(JSONObject(variables))]
        }
        o["TracingConfig"] = ["Mode": "PassThrough"]
        o["State"] = "Active"
        o["LastUpdateStatus"] = "Successful"
        o["PackageType"] = "Zip"
        o["Architectures"] = [.string(Self.architecture)]
        o["EphemeralStorage"] = ["Size": 512]
        return .object(o)
    }

    #if arch(arm64)
        static let architecture = "arm64"
    #else
        static let architecture = "x86_64"
    #endif

    /// When the function file, or what the API changed of it, was last written (Lambda's `+0000` form).
    func lastModified(_ definition: FunctionDefinition) -> String {
        let times = [definition.file, FunctionOverlays(runtime: runtime).path(definition.name)].compactMap {
            Posix.status($0)?.modifiedNanoseconds
        }
        let text = UTCTime.iso8601(nanoseconds: times.max() ?? 0)
        return text.dropLast() + "+0000"
    }

    /// The SHA-256 of the function file, base64: what defines the function here (its program may be a shared
    /// interpreter, too large to hash on every call).
    private func codeSha256(_ definition: FunctionDefinition) -> String {
        let bytes = FileManager.default.contents(atPath: definition.file) ?? Data()
        return Data(SHA256.digest(Array(bytes))).base64EncodedString()
    }
}
