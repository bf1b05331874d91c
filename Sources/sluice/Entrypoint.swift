import SluiceCLI

@main
struct Entrypoint {
    static func main() async {
        await SluiceCommand.runFromCommandLine()
    }
}
