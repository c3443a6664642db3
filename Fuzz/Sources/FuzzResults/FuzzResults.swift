import Foundation
import FuzzDriver
import Experiments
import Reports

/// libFuzzer entry point: any bytes as a result or baseline file. Reading
/// must end in a document or a `ResultFileError`, never a trap; a document
/// that reads must render as the terminal summary and the HTML report.
// libFuzzer's driver links against this name even when it is handed the callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResults(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let document = try? ResultFile.decode(bytes, path: "fuzz.json") else { return 0 }
    if let summary = document.summary { _ = SummaryText.render(summary) }
    _ = HTMLReport.render(document)
    return 0
}

@main
enum FuzzResultsMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, { data, size in
            guard let data else { return 0 }
            return fuzzResults(data, size)
        }))
    }
}
