//! How many threads kpi works with: both cores where it helps (reading the
//! plan and the actuals at once, the indicators of a large plan in parallel),
//! with results identical to one thread's and in plan order. `KPI_THREADS=1`
//! is the straightforward path, one step after the other (the README's
//! "Size and speed").

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

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

/// `work(0)`, `work(1)`, … `work(count - 1)` taken item by item: each thread
/// takes the next item as soon as it is free, so that items of uneven cost (a
/// workbook's runs of rows and pieces, one thread's slower first touches of
/// its memory) leave no thread waiting for another's share; the results in
/// item order, as [`map`] gives them.
pub fn map_each<R: Send>(count: usize, work: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = threads().min(count).max(1);
    if threads == 1 {
        return (0..count).map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let take = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= count {
                break done;
            }
            done.push((i, work(i)));
        }
    };
    let mut all: Vec<(usize, R)> = std::thread::scope(|scope| {
        let spawned: Vec<_> = (1..threads).map(|_| scope.spawn(take)).collect();
        let mut all = take();
        for thread in spawned {
            all.extend(thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        all
    });
    all.sort_unstable_by_key(|&(i, _)| i);
    all.into_iter().map(|(_, result)| result).collect()
}

/// Work shared out item by item: each thread that joins in takes the next
/// item until none is left.
pub trait Shared: Send + Sync {
    fn share(&self);
}

/// Work one thread finds once it has started and offers to a thread busy
/// with its own, which joins in when it is free ([`Handover::help`]): the
/// plan's pieces, offered by the thread that reads the plan to the one that
/// reads the actuals (README, "The plan's rows on both cores").
#[derive(Default)]
pub struct Handover {
    offer: Mutex<Offer>,
    changed: Condvar,
}

#[derive(Default)]
enum Offer {
    #[default]
    Coming,
    Work(Arc<dyn Shared>),
    Closed,
}

impl Handover {
    /// Offers `work` to the thread that calls [`Handover::help`], unless
    /// the offer is already closed.
    pub fn offer(&self, work: Arc<dyn Shared>) {
        let mut offer = self.offer.lock().unwrap_or_else(PoisonError::into_inner);
        if matches!(*offer, Offer::Coming) {
            *offer = Offer::Work(work);
        }
        self.changed.notify_all();
    }

    /// Nothing more is offered: a helper that has not joined in returns.
    pub fn close(&self) {
        *self.offer.lock().unwrap_or_else(PoisonError::into_inner) = Offer::Closed;
        self.changed.notify_all();
    }

    /// Closes the offer when dropped, however the offering thread ends.
    pub fn closing(&self) -> Closing<'_> {
        Closing(self)
    }

    /// Waits for an offer and joins in the work, or returns when it is closed.
    pub fn help(&self) {
        let work = {
            let mut offer = self.offer.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                match &*offer {
                    Offer::Coming => offer = self.changed.wait(offer).unwrap_or_else(PoisonError::into_inner),
                    Offer::Work(work) => break Some(work.clone()),
                    Offer::Closed => break None,
                }
            }
        };
        if let Some(work) = work {
            work.share();
        }
    }
}

/// See [`Handover::closing`].
pub struct Closing<'a>(&'a Handover);

impl Drop for Closing<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Count(AtomicUsize);

    impl Shared for Count {
        fn share(&self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn a_helper_joins_the_work_offered_or_returns_once_it_is_closed() {
        let handover = Handover::default();
        let work = Arc::new(Count(AtomicUsize::new(0)));
        std::thread::scope(|scope| {
            let helper = scope.spawn(|| handover.help());
            handover.offer(work.clone());
            helper.join().unwrap();
        });
        assert_eq!(work.0.load(Ordering::SeqCst), 1);
        // Closed before the helper came: it returns without the work, and a later offer is refused.
        let closed = Handover::default();
        drop(closed.closing());
        closed.offer(work.clone());
        closed.help();
        assert_eq!(work.0.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn map_gives_every_result_in_item_order() {
        // 10 items over however many threads: 0, 1, 4, … 81, as one thread gives them.
        assert_eq!(map(10, |i| i * i), (0..10).map(|i| i * i).collect::<Vec<_>>());
        assert!(map(0, |i| i).is_empty());
        // Taken item by item, the same: items of uneven cost, on however many threads.
        let slow = |i: usize| {
            std::thread::sleep(std::time::Duration::from_millis((i % 3) as u64));
            i * i
        };
        assert_eq!(map_each(10, slow), (0..10).map(|i| i * i).collect::<Vec<_>>());
        assert!(map_each(0, |i| i).is_empty());
    }
}
