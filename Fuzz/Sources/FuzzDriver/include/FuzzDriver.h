#ifndef RENOSIM_FUZZ_DRIVER_H
#define RENOSIM_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, in the runtime that `-sanitize=fuzzer` links. SwiftPM
/// renames an executable's entry point (`TARGET_main`, aliased to `main`),
/// so libFuzzer's own `main` is never linked: each target's `@main` calls this.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
