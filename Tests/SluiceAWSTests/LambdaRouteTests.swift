import SluiceAWS
import Testing

/// Lambda's operations read from method and path, as botocore's model writes them.
struct LambdaRouteTests {
    func route(_ method: String, _ target: String) -> LambdaRoute? {
        LambdaRoute.parse(AWSRequest(method: method, target: target, headers: []))
    }

    @Test("Each operation is found by its method, API version and resource")
    func operations() {
        #expect(route("GET", "/2015-03-31/functions/") == LambdaRoute(.listFunctions))
        #expect(route("GET", "/2015-03-31/functions?MaxItems=2") == LambdaRoute(.listFunctions))
        #expect(route("GET", "/2015-03-31/functions/greet") == LambdaRoute(.getFunction, functionName: "greet"))
        #expect(
            route("GET", "/2015-03-31/functions/greet/configuration")
                == LambdaRoute(.getFunctionConfiguration, functionName: "greet")
        )
        #expect(
            route("POST", "/2015-03-31/functions/greet/invocations") == LambdaRoute(.invoke, functionName: "greet")
        )
        #expect(route("PUT", "/2017-10-31/functions/greet/concurrency")?.operation == .putFunctionConcurrency)
        #expect(route("DELETE", "/2017-10-31/functions/greet/concurrency")?.operation == .deleteFunctionConcurrency)
        #expect(route("GET", "/2019-09-30/functions/greet/concurrency")?.operation == .getFunctionConcurrency)
        #expect(
            route("PUT", "/2019-09-30/functions/greet/provisioned-concurrency?Qualifier=live")?.operation
                == .putProvisionedConcurrencyConfig
        )
        #expect(
            route("GET", "/2019-09-30/functions/greet/provisioned-concurrency?Qualifier=live")?.operation
                == .getProvisionedConcurrencyConfig
        )
        #expect(
            route("GET", "/2019-09-30/functions/greet/provisioned-concurrency?List=ALL")?.operation
                == .listProvisionedConcurrencyConfigs
        )
        #expect(
            route("DELETE", "/2019-09-30/functions/greet/provisioned-concurrency?Qualifier=live")?.operation
                == .deleteProvisionedConcurrencyConfig
        )
    }

    @Test("A function ARN in the path is decoded whole")
    func arnInPath() {
        let route = route(
            "POST",
            "/2015-03-31/functions/arn%3Aaws%3Alambda%3Alocal%3A000000000000%3Afunction%3Agreet/invocations"
        )
        #expect(route == LambdaRoute(.invoke, functionName: "arn:aws:lambda:local:000000000000:function:greet"))
    }

    @Test("Other methods, versions and resources are no operation")
    func unknown() {
        #expect(route("DELETE", "/2015-03-31/functions/greet") == nil)
        #expect(route("POST", "/2015-03-31/functions/greet") == nil)
        #expect(route("GET", "/2015-03-31/functions/greet/invocations") == nil)
        #expect(route("GET", "/2017-10-31/functions/greet/concurrency") == nil)
        #expect(route("GET", "/2015-03-31/layers") == nil)
        #expect(route("GET", "/2015-03-31/functions/greet/concurrency/extra") == nil)
    }
}
