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

/// `work(0)`, `work(1)`, … `work(count - 1)` shared out over the threads (each
/// thread takes every `threads()`-th item), their results in item order.
pub fn map<R: Send>(count: usize, work: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = threads().min(count).max(1);
    if threads == 1 {
        return (0..count).map(work).collect();
    }
    let work = &work;
    let mut shares: Vec<std::vec::IntoIter<R>> = std::thread::scope(|scope| {
        let spawned: Vec<_> = (1..threads)
            .map(|t| scope.spawn(move || (t..count).step_by(threads).map(work).collect::<Vec<R>>()))
            .collect();
        let mut shares = vec![(0..count).step_by(threads).map(work).collect::<Vec<R>>().into_iter()];
        for thread in spawned {
            shares.push(thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)).into_iter());
        }
        shares
    });
    (0..count).filter_map(|i| shares[i % threads].next()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_gives_every_result_in_item_order() {
        // 10 items over however many threads: 0, 1, 4, … 81, as one thread gives them.
        assert_eq!(map(10, |i| i * i), (0..10).map(|i| i * i).collect::<Vec<_>>());
        assert!(map(0, |i| i).is_empty());
    }
}
