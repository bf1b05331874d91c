import SluiceAWS

/// The services the API answers, each by the name its requests are signed for.
enum APIHandlers {
    static func all(_ runtime: DaemonRuntime) -> [AWSService: any APIServiceHandler] {
        [
            .states: StepFunctionsAPI(runtime: runtime),
            .events: EventBridgeAPI(runtime: runtime),
            .sns: SNSAPI(runtime: runtime),
            .s3: S3API(runtime: runtime),
            .lambda: LambdaAPI(runtime: runtime),
        ]
    }
}
