//! A long list of records (a large plan's nodes, in the JSON and the CSV)
//! written on every thread: each thread formats a run of consecutive records
//! into its own buffer, and the buffers are written one after the other, so
//! the output is byte for byte one thread's. Runs are short enough that only
//! a few of them are ever held at once, whatever the size of the plan.

use std::io::{self, Write};
use std::ops::Range;

/// Records formatted by one thread at a time; also the fewest worth a second thread.
const RUN: usize = 8192;

/// Writes records `0..count` to `out`, in order: `format` writes the records
/// of a range into a buffer, on `crate::threads::threads()` threads.
pub fn write_runs<F>(out: &mut dyn Write, count: usize, format: F) -> io::Result<()>
where
    F: Fn(Range<usize>, &mut Vec<u8>) -> io::Result<()> + Sync,
{
    let threads = crate::threads::threads().min(count.div_ceil(RUN)).max(1);
    let mut buffers = vec![Vec::new(); threads];
    let mut start = 0;
    while start < count {
        let runs: Vec<Range<usize>> =
            (0..threads).map(|t| (start + t * RUN).min(count)..(start + (t + 1) * RUN).min(count)).collect();
        let format = &format;
        let formatted: Vec<io::Result<()>> = if threads == 1 {
            buffers[0].clear();
            vec![format(runs[0].clone(), &mut buffers[0])]
        } else {
            std::thread::scope(|scope| {
                let (first, others) = buffers.split_first_mut().expect("at least one buffer");
                let spawned: Vec<_> = others
                    .iter_mut()
                    .zip(&runs[1..])
                    .map(|(buffer, run)| {
                        let run = run.clone();
                        scope.spawn(move || format_apart(buffer, |own| format(run, own)))
                    })
                    .collect();
                let mut formatted = vec![format_apart(first, |own| format(runs[0].clone(), own))];
                for thread in spawned {
                    formatted.push(thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
                }
                formatted
            })
        };
        for (result, buffer) in formatted.into_iter().zip(&buffers) {
            result?;
            out.write_all(buffer)?;
        }
        start = runs.last().map_or(count, |run| run.end);
    }
    Ok(())
}

/// Runs `format` on `buffer` emptied and moved onto the thread's own stack:
/// the buffers' lengths sit side by side in one line of the cache, and two
/// threads each growing their own in place there would take that line from
/// each other at every byte (it made two threads slower than one).
fn format_apart(buffer: &mut Vec<u8>, format: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> io::Result<()> {
    let mut own = std::mem::take(buffer);
    own.clear();
    let formatted = format(&mut own);
    *buffer = own;
    formatted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_out_in_order_across_runs() {
        // 20 000 records are three runs (8 192, 8 192 and 3 616), written in turn.
        let mut out = Vec::new();
        write_runs(&mut out, 20_000, |run, buffer| {
            for i in run {
                writeln!(buffer, "{i}")?;
            }
            Ok(())
        })
        .unwrap();
        let expected: String = (0..20_000).map(|i| format!("{i}\n")).collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn nothing_to_write_writes_nothing() {
        let mut out = Vec::new();
        write_runs(&mut out, 0, |_, _| panic!("no record to format")).unwrap();
        assert!(out.is_empty());
    }

    #[test]
    fn a_failing_run_stops_the_writing_after_the_runs_before_it() {
        let mut out = Vec::new();
        let failed = write_runs(&mut out, 3 * RUN, |run, buffer| {
            if run.start == RUN {
                return Err(io::Error::other("bad record"));
            }
            buffer.push(b'x');
            Ok(())
        });
        assert_eq!(failed.unwrap_err().to_string(), "bad record");
        // The first run only: the failing run's and what follows are not written.
        assert_eq!(out, b"x");
    }
}
