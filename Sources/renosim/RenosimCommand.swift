import ArgumentParser

@main
struct Renosim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renosim",
        abstract: "Discrete-event simulation of renovation programmes.",
        version: RenosimVersion.current
    )
}
