import SluiceFuzzing

#if canImport(Glibc)
    import Glibc
#endif

// sluice-fuzz: the parsers' fuzz targets (SluiceFuzzing.FuzzTarget).
//
// Built for fuzzing (`make fuzz`: -sanitize=address, coverage, -D SLUICE_LIBFUZZER, libFuzzer's no-main runtime)
// it hands the target named by SLUICE_FUZZ_TARGET to libFuzzer's driver, which reads its usual flags and corpus
// folders from the command line. Built plainly it replays files: `sluice-fuzz TARGET FILE...`, each file fed once.

#if SLUICE_LIBFUZZER
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// The target for this process, read once before the driver starts.
    nonisolated(unsafe) var fuzzTarget = FuzzTarget.json

    guard let name = getenv("SLUICE_FUZZ_TARGET").map({ String(cString: $0) }), let chosen = FuzzTarget(rawValue: name)
    else {
        print("set SLUICE_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))")
        exit(2)
    }
    fuzzTarget = chosen
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(
        LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            fuzzTarget.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        }
    )
#else
    let arguments = CommandLine.arguments.dropFirst()
    guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
        print(
            "usage: sluice-fuzz TARGET FILE...; targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))"
        )
        exit(2)
    }
    for path in arguments.dropFirst() {
        guard let file = fopen(path, "rb") else {
            print("\(path): cannot open")
            exit(1)
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[..<count])
        }
        fclose(file)
        target.run(bytes)
    }
#endif
