#ifndef RENOSIM_CGSL_SHIM_H
#define RENOSIM_CGSL_SHIM_H

// The parts of GSL renosim uses. GSL's generator types are mutable C
// globals, which Swift 6 refuses to read; the accessors below hand them
// over as non-null constant pointers.

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_linalg.h>

static inline const gsl_rng_type *_Nonnull cgsl_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *_Nonnull cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *_Nonnull cgsl_rng_ranlxd2(void) { return gsl_rng_ranlxd2; }

#endif
