//! How many threads kpi works with: both cores where it helps (reading the
//! plan and the actuals at once, the indicators of a large plan in parallel),
//! with results identical to one thread's and in plan order. `KPI_THREADS=1`
//! is the straightforward path, one step after the other (the README's
//! "Size and speed").

/// `KPI_THREADS` when it is a positive number, else the cores available.
pub fn threads() -> usize {
    std::env::var("KPI_THREADS")
        .ok()
        .and_then(|n| n.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Runs `first` and `second` at once when there is more than one thread, else
/// one after the other; either way, returns both results.
pub fn both<A: Send, B: Send>(first: impl FnOnce() -> A + Send, second: impl FnOnce() -> B + Send) -> (A, B) {
    if threads() < 2 {
        let a = first();
        return (a, second());
    }
    std::thread::scope(|scope| {
        let b = scope.spawn(second);
        let a = first();
        (a, b.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}
