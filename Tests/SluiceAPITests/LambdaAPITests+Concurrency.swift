import Foundation
import SluiceTesting
import Testing

/// Reserved and provisioned concurrency through the API: kept as an overlay beside the shipped function file (which
/// stays as the administrator wrote it), in force at once, and still in force after a restart.
extension LambdaAPITests {
    @Test("Put/Get/DeleteFunctionConcurrency: 0 throttles, the file is untouched, the setting survives a restart")
    func reservedConcurrency() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.apiFunctions()
        let shipped = root.read("etc/sluice/functions/greet.json")
        let overlay = "var/lib/sluice/config/functions/greet.json"
        try await InProcessDaemon.run(on: root) { _ in
            let result = try await AWSClient(root: root.path).boto3Object(
                """
                put = lam.put_function_concurrency(FunctionName="greet", ReservedConcurrentExecutions=0)
                got = lam.get_function_concurrency(FunctionName="greet")
                try:
                    lam.invoke(FunctionName="greet", Payload=b"{}")
                    throttled = None
                except ClientError as e:
                    throttled = {"code": e.response["Error"]["Code"], "reason": e.response.get("Reason"),
                                 "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
                out({"put": put["ReservedConcurrentExecutions"], "got": got.get("ReservedConcurrentExecutions"),
                     "throttled": throttled,
                     "getFunction": lam.get_function(FunctionName="greet").get("Concurrency"),
                     "tooMany": code(lambda: lam.put_function_concurrency(FunctionName="greet", ReservedConcurrentExecutions=100)),
                     "missing": code(lambda: lam.put_function_concurrency(FunctionName="nope", ReservedConcurrentExecutions=1))})
                """
            )
            #expect(result["put"] as? Int == 0)
            #expect(result["got"] as? Int == 0)
            let throttled = try #require(result["throttled"] as? [String: Any])
            #expect(throttled["code"] as? String == "TooManyRequestsException")
            #expect(throttled["status"] as? Int == 429)
            #expect(throttled["reason"] as? String == "ReservedFunctionConcurrentInvocationLimitExceeded")
            #expect((result["getFunction"] as? [String: Any])?["ReservedConcurrentExecutions"] as? Int == 0)
            #expect(result["tooMany"] as? String == "InvalidParameterValueException")
            #expect(result["missing"] as? String == "ResourceNotFoundException")
        }
        #expect(root.read("etc/sluice/functions/greet.json") == shipped)
        #expect(root.read(overlay) == #"{"ReservedConcurrency":0}"#)
        // A restart loads the overlay with the file: still throttled, until the reservation is deleted.
        try await InProcessDaemon.run(on: root) { _ in
            let result = try await AWSClient(root: root.path).boto3Object(
                """
                before = lam.get_function_concurrency(FunctionName="greet").get("ReservedConcurrentExecutions")
                throttled = code(lambda: lam.invoke(FunctionName="greet", Payload=b"{}"))
                deleted = lam.delete_function_concurrency(FunctionName="greet")["ResponseMetadata"]["HTTPStatusCode"]
                after = lam.get_function_concurrency(FunctionName="greet").get("ReservedConcurrentExecutions")
                answer = json.loads(lam.invoke(FunctionName="greet", Payload=b'{"name": "again"}')["Payload"].read())
                lam.delete_function_concurrency(FunctionName="warm")
                out({"before": before, "throttled": throttled, "deleted": deleted, "after": after,
                     "answer": answer, "warm": lam.get_function_concurrency(FunctionName="warm")})
                """
            )
            #expect(result["before"] as? Int == 0)
            #expect(result["throttled"] as? String == "TooManyRequestsException")
            #expect(result["deleted"] as? Int == 204)
            #expect(result["after"] is NSNull)
            #expect((result["answer"] as? [String: Any])?["greeting"] as? String == "hello again")
            // warm's file reserves 2: deleting takes the file's reservation away too.
            #expect((result["warm"] as? [String: Any])?["ReservedConcurrentExecutions"] == nil)
        }
        #expect(!root.exists(overlay))
        #expect(root.read("var/lib/sluice/config/functions/warm.json") == #"{"ReservedConcurrency":null}"#)
    }

    @Test("Provisioned concurrency needs a Qualifier other than $LATEST, starts warm workers, and is found under it")
    func provisionedConcurrency() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.apiFunctions()
        try await InProcessDaemon.run(on: root) { daemon in
            let result = try await AWSClient(root: root.path).boto3Object(
                """
                from botocore.exceptions import ParamValidationError
                put = lam.put_provisioned_concurrency_config(FunctionName="warm", Qualifier="live", ProvisionedConcurrentExecutions=2)
                got = lam.get_provisioned_concurrency_config(FunctionName="warm", Qualifier="live")
                listed = lam.list_provisioned_concurrency_configs(FunctionName="warm")["ProvisionedConcurrencyConfigs"]
                try:
                    lam.get_provisioned_concurrency_config(FunctionName="warm")
                    clientSide = "sent"
                except ParamValidationError:
                    clientSide = "ParamValidationError"
                unchecked = boto3.client("lambda", config=Config(retries={"max_attempts": 1}, parameter_validation=False))
                out({"put": [put["ResponseMetadata"]["HTTPStatusCode"], put["RequestedProvisionedConcurrentExecutions"]],
                     "got": got, "listed": [c["FunctionArn"] for c in listed], "clientSide": clientSide,
                     "noQualifier": code(lambda: unchecked.get_provisioned_concurrency_config(FunctionName="warm")),
                     "latest": code(lambda: lam.put_provisioned_concurrency_config(FunctionName="warm", Qualifier="$LATEST", ProvisionedConcurrentExecutions=1)),
                     "other": code(lambda: lam.get_provisioned_concurrency_config(FunctionName="warm", Qualifier="other")),
                     "overReserved": code(lambda: lam.put_provisioned_concurrency_config(FunctionName="warm", Qualifier="live", ProvisionedConcurrentExecutions=3)),
                     "process": code(lambda: lam.put_provisioned_concurrency_config(FunctionName="greet", Qualifier="live", ProvisionedConcurrentExecutions=1)),
                     "deleted": lam.delete_provisioned_concurrency_config(FunctionName="warm", Qualifier="live")["ResponseMetadata"]["HTTPStatusCode"],
                     "gone": code(lambda: lam.get_provisioned_concurrency_config(FunctionName="warm", Qualifier="live"))})
                """
            )
            #expect(result["put"] as? [Int] == [202, 2])
            let got = try #require(result["got"] as? [String: Any])
            #expect(got["Status"] as? String == "READY")
            #expect(got["AllocatedProvisionedConcurrentExecutions"] as? Int == 2)
            #expect(result["listed"] as? [String] == ["arn:aws:lambda:local:000000000000:function:warm:live"])
            #expect(result["clientSide"] as? String == "ParamValidationError")
            #expect(result["noQualifier"] as? String == "InvalidParameterValueException")
            #expect(result["latest"] as? String == "InvalidParameterValueException")
            #expect(result["other"] as? String == "ProvisionedConcurrencyConfigNotFoundException")
            #expect(result["overReserved"] as? String == "InvalidParameterValueException")
            #expect(result["process"] as? String == "InvalidParameterValueException")
            #expect(result["deleted"] as? Int == 204)
            #expect(result["gone"] as? String == "ProvisionedConcurrencyConfigNotFoundException")
            // The two warm workers were started when the config was put, before any invocation.
            #expect(daemon.log.count("function warm: worker started") == 2)
        }
        #expect(!root.exists("var/lib/sluice/config/functions/warm.json"))
    }
}
