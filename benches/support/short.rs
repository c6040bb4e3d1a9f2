//! The short mode of every bench: with `CSSM_BENCH_SHORT=1` each loop runs a few times
//! only. CI runs the benches so (`cargo test --benches`, debug build) to prove they still
//! run to the end; their figures then mean nothing.

/// `n`, or 3 in the short mode.
pub fn runs(n: usize) -> usize {
    if std::env::var_os("CSSM_BENCH_SHORT").is_some_and(|v| v == "1") {
        n.min(3)
    } else {
        n
    }
}
