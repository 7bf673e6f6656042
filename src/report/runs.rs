//! A long list of records (a large plan's nodes, in the JSON and the CSV)
//! written on every thread: each thread formats a run of consecutive records
//! into its own buffer, and the runs are handed over to the writing in order,
//! so the output is byte for byte one thread's. A thread takes the next run
//! as soon as it is done with one, and the writing of a run overlaps the
//! formatting of the next ones: no thread waits for the others after each
//! round of runs. At most [`WINDOW_PER_THREAD`] runs per thread are ahead of
//! the writing, so only a few MiB are held whatever the size of the plan.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// Records formatted by one thread at a time; also the fewest worth a second thread.
const RUN: usize = 4096;

/// Runs formatted or being formatted ahead of the writing, per thread.
const WINDOW_PER_THREAD: usize = 2;

/// Writes records `0..count` to `out`, in order: `format` writes the records
/// of a range into a buffer, on `crate::threads::threads()` threads.
pub fn write_runs<F>(out: &mut dyn Write, count: usize, format: F) -> io::Result<()>
where
    F: Fn(Range<usize>, &mut Vec<u8>) -> io::Result<()> + Sync,
{
    write_runs_on(crate::threads::threads(), out, count, format)
}

/// [`write_runs`] on `threads` threads.
fn write_runs_on<F>(threads: usize, out: &mut dyn Write, count: usize, format: F) -> io::Result<()>
where
    F: Fn(Range<usize>, &mut Vec<u8>) -> io::Result<()> + Sync,
{
    let runs = count.div_ceil(RUN);
    let threads = threads.min(runs).max(1);
    let run = |k: usize| k * RUN..((k + 1) * RUN).min(count);
    if threads == 1 {
        let mut buffer = Vec::new();
        for k in 0..runs {
            buffer.clear();
            format(run(k), &mut buffer)?;
            out.write_all(&buffer)?;
        }
        return Ok(());
    }
    let hand_over = HandOver::new(runs, threads * WINDOW_PER_THREAD);
    let format = |k: usize, buffer: &mut Vec<u8>| format(run(k), buffer);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(|| hand_over.work(&format))).collect();
        let written = hand_over.write(out, &format);
        for worker in workers {
            worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
        written
    })
}

/// A run formatted and waiting for its turn to be written.
type Formatted = (Vec<u8>, io::Result<()>);

/// The runs between the threads that format them and the one that writes them.
struct HandOver {
    state: Mutex<State>,
    /// Signalled whenever a run is formatted or written, or the work stops.
    changed: Condvar,
    runs: usize,
}

struct State {
    /// The next run no thread has taken yet.
    next: usize,
    /// The runs written so far: runs `written..next` are taken and not yet written.
    written: usize,
    /// The writing has ended (an error, or a panic on the writing thread): take no more runs.
    stopped: bool,
    /// Run `k`'s result in slot `k % window` once formatted.
    formatted: Vec<Option<Formatted>>,
    /// Buffers already written, to format the next runs into.
    free: Vec<Vec<u8>>,
}

impl HandOver {
    fn new(runs: usize, window: usize) -> HandOver {
        let state = State {
            next: 0,
            written: 0,
            stopped: false,
            formatted: (0..window).map(|_| None).collect(),
            free: Vec::new(),
        };
        HandOver { state: Mutex::new(state), changed: Condvar::new(), runs }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, state: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        self.changed.wait(state).unwrap_or_else(PoisonError::into_inner)
    }

    /// The next run and a buffer for it, if one may be taken now; `Err` when
    /// none is left to take (or the writing stopped).
    fn take(&self, state: &mut State) -> Result<Option<(usize, Vec<u8>)>, ()> {
        if state.stopped || state.next >= self.runs {
            return Err(());
        }
        if state.next >= state.written + state.formatted.len() {
            return Ok(None);
        }
        let k = state.next;
        state.next += 1;
        Ok(Some((k, state.free.pop().unwrap_or_default())))
    }

    /// Formats run `k` into `buffer` and leaves it for the writing. A panic
    /// while formatting leaves an error in its place, so the writing does not
    /// wait for it forever.
    fn format(&self, k: usize, mut buffer: Vec<u8>, format: &impl Fn(usize, &mut Vec<u8>) -> io::Result<()>) {
        let mut unfinished = Unfinished { hand_over: self, k, done: false };
        buffer.clear();
        let result = format(k, &mut buffer);
        unfinished.done = true;
        self.leave(k, (buffer, result));
    }

    fn leave(&self, k: usize, formatted: Formatted) {
        let mut state = self.lock();
        let window = state.formatted.len();
        state.formatted[k % window] = Some(formatted);
        drop(state);
        self.changed.notify_all();
    }

    /// A formatting thread: takes runs until none is left.
    fn work(&self, format: &impl Fn(usize, &mut Vec<u8>) -> io::Result<()>) {
        loop {
            let mut state = self.lock();
            let taken = loop {
                match self.take(&mut state) {
                    Ok(Some(taken)) => break taken,
                    Ok(None) => state = self.wait(state),
                    Err(()) => return,
                }
            };
            drop(state);
            self.format(taken.0, taken.1, format);
        }
    }

    /// The writing thread: writes the runs in order, formatting runs itself
    /// while the next one to write is not ready. Stops at the first error.
    fn write(&self, out: &mut dyn Write, format: &impl Fn(usize, &mut Vec<u8>) -> io::Result<()>) -> io::Result<()> {
        let _stop = StopOnDrop(self);
        for k in 0..self.runs {
            let (buffer, result) = loop {
                let mut state = self.lock();
                let window = state.formatted.len();
                if let Some(formatted) = state.formatted[k % window].take() {
                    break formatted;
                }
                match self.take(&mut state) {
                    Ok(Some((taken, buffer))) => {
                        drop(state);
                        self.format(taken, buffer, format);
                    }
                    _ => drop(self.wait(state)),
                }
            };
            result?;
            out.write_all(&buffer)?;
            let mut state = self.lock();
            state.written = k + 1;
            state.free.push(buffer);
            drop(state);
            self.changed.notify_all();
        }
        Ok(())
    }
}

/// Leaves an error for run `k` if its formatting did not finish (it panicked).
struct Unfinished<'a> {
    hand_over: &'a HandOver,
    k: usize,
    done: bool,
}

impl Drop for Unfinished<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.hand_over.leave(self.k, (Vec::new(), Err(io::Error::other("a thread formatting the output stopped"))));
        }
    }
}

/// Stops the formatting threads once the writing ends, however it ends.
struct StopOnDrop<'a>(&'a HandOver);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.lock().stopped = true;
        self.0.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every thread count the tests try: one, the machine's two, and more threads than cores.
    const THREADS: [usize; 4] = [1, 2, 3, 7];

    #[test]
    fn records_come_out_in_order_across_runs() {
        // 20 000 records are five runs (four of 4 096 and one of 3 616), written in turn
        // whichever thread formats them; some runs take longer, so they finish out of order.
        let expected: String = (0..20_000).map(|i| format!("{i}\n")).collect();
        for threads in THREADS {
            let mut out = Vec::new();
            write_runs_on(threads, &mut out, 20_000, |run, buffer| {
                if run.start % (2 * RUN) == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                for i in run {
                    writeln!(buffer, "{i}")?;
                }
                Ok(())
            })
            .unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{threads} threads");
        }
    }

    #[test]
    fn nothing_to_write_writes_nothing() {
        for threads in THREADS {
            let mut out = Vec::new();
            write_runs_on(threads, &mut out, 0, |_, _| panic!("no record to format")).unwrap();
            assert!(out.is_empty());
        }
    }

    #[test]
    fn a_failing_run_stops_the_writing_after_the_runs_before_it() {
        for threads in THREADS {
            let mut out = Vec::new();
            let failed = write_runs_on(threads, &mut out, 40 * RUN, |run, buffer| {
                if run.start == 3 * RUN {
                    return Err(io::Error::other("bad record"));
                }
                buffer.push(b'x');
                Ok(())
            });
            assert_eq!(failed.unwrap_err().to_string(), "bad record");
            // The three runs before it only: the failing run's and what follows are not written.
            assert_eq!(out, b"xxx", "{threads} threads");
        }
    }

    #[test]
    fn a_failing_writer_stops_the_formatting() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("device full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        for threads in THREADS {
            let formatted = std::sync::atomic::AtomicUsize::new(0);
            let failed = write_runs_on(threads, &mut Full, 1000 * RUN, |_, buffer| {
                formatted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                buffer.push(b'x');
                Ok(())
            });
            assert_eq!(failed.unwrap_err().to_string(), "device full");
            // The first run, and at most the window ahead of it: not the 1 000 runs.
            assert!(formatted.into_inner() <= 1 + threads * WINDOW_PER_THREAD, "{threads} threads");
        }
    }

    #[test]
    fn a_panic_while_formatting_reaches_the_caller() {
        for threads in THREADS {
            let panicked = std::panic::catch_unwind(|| {
                let mut out = Vec::new();
                let _ = write_runs_on(threads, &mut out, 10 * RUN, |run, buffer| {
                    assert!(run.start != 5 * RUN, "a broken record");
                    buffer.push(b'x');
                    Ok(())
                });
            });
            let message = panicked.unwrap_err();
            assert_eq!(message.downcast_ref::<&str>(), Some(&"a broken record"), "{threads} threads");
        }
    }
}
