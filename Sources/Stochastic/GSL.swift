import CGSL

// Every call into GSL's generators goes through this file, so the rest of
// the library never touches raw generator pointers.

/// GSL's default error handler aborts the process. Turned off once, on
/// first use of the library; every call that can fail is checked instead.
let gslSetUp: Void = {
    gsl_set_error_handler_off()
}()

@usableFromInline
enum GSL {
    /// A fresh `taus2` generator. Nil only when memory is exhausted.
    static func allocateTaus2() -> UnsafeMutablePointer<gsl_rng>? {
        _ = gslSetUp
        return gsl_rng_alloc(cgsl_rng_taus2())
    }

    static func free(_ rng: UnsafeMutablePointer<gsl_rng>) {
        gsl_rng_free(rng)
    }

    /// Whether the generator's state is the three `unsigned long` words of
    /// GSL's `taus_state_t`, which `setTaus2State` writes directly.
    static func hasTaus2Layout(_ rng: UnsafeMutablePointer<gsl_rng>) -> Bool {
        gsl_rng_size(rng) == 3 * MemoryLayout<CUnsignedLong>.size
    }

    /// Writes the three component states, applying taus2's own constraints
    /// (s1 > 1, s2 > 7, s3 > 15) as GSL's seeding routine does.
    static func setTaus2State(_ rng: UnsafeMutablePointer<gsl_rng>, _ s1: UInt32, _ s2: UInt32, _ s3: UInt32) {
        guard let raw = gsl_rng_state(rng) else { return }
        let words = raw.bindMemory(to: CUnsignedLong.self, capacity: 3)
        words[0] = CUnsignedLong(s1 < 2 ? s1 &+ 2 : s1)
        words[1] = CUnsignedLong(s2 < 8 ? s2 &+ 8 : s2)
        words[2] = CUnsignedLong(s3 < 16 ? s3 &+ 16 : s3)
    }

    static func seed(_ rng: UnsafeMutablePointer<gsl_rng>, _ seed: UInt) {
        gsl_rng_set(rng, CUnsignedLong(seed))
    }
}
