//! National scale: `kpi` against the floor (reading both files with
//! `csv::ByteRecord` and nothing else), timed interleaved in one run on
//! generated plans of 10 k, 100 k and 1 M indicators, with the peak memory of
//! each run and the figures per indicator (the README's "Size and speed").
//!
//! `cargo bench --bench scale`; `KPI_BENCH_SIZES=10000,100000` and
//! `KPI_BENCH_ROUNDS=3` change the sizes and the rounds (the median is shown),
//! `KPI_BENCH_ALL=0` times `eval --format json` alone; `scale generate N
//! FOLDER` writes the files only (`plan.csv`, `actuals.csv`), to profile on; `scale plan FILE` reads
//! a plan and nothing else, to time that part alone, `scale actuals FILE` the same for actuals. It measures and prints;
//! it asserts nothing about time.

use std::io::BufWriter;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "../tests/it/generated_plan.rs"]
mod generate;

/// The floor: both files read record by record, nothing kept.
fn floor(plan: &Path, actuals: &Path) -> usize {
    let mut fields = 0;
    for path in [plan, actuals] {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(path).expect("the generated file");
        let mut record = csv::ByteRecord::new();
        while reader.read_byte_record(&mut record).expect("a readable record") {
            fields += record.len();
        }
    }
    fields
}

/// One child run: its wall time and its peak resident memory.
#[derive(Clone, Copy)]
struct Run {
    wall: Duration,
    peak_kib: u64,
}

/// Runs a command to its end, with its output thrown away, and reads its
/// peak memory from the kernel as it is reaped.
fn run(command: &mut Command) -> Run {
    command.stdout(std::process::Stdio::null());
    let started = Instant::now();
    // Reaped by wait4 below, which reads the peak memory as it does.
    #[allow(clippy::zombie_processes)]
    let child = command.spawn().expect("the program starts");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value, and wait4 writes a whole one.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own unreaped child; the pointers are to live locals.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{command:?} failed ({status})");
    Run { wall, peak_kib: usage.ru_maxrss as u64 }
}

fn median(runs: &mut [Run]) -> Run {
    runs.sort_by_key(|r| r.wall);
    let wall = runs[runs.len() / 2].wall;
    let peak_kib = runs.iter().map(|r| r.peak_kib).max().unwrap_or(0);
    Run { wall, peak_kib }
}

/// Makes a command afresh for each run.
type Maker<'a> = Box<dyn Fn() -> Command + 'a>;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("floor") {
        let fields = floor(Path::new(&args[2]), Path::new(&args[3]));
        println!("{fields}");
        return;
    }
    if args.get(1).map(String::as_str) == Some("plan") {
        // `plan FILE`: the plan read as `kpi` reads it and nothing else, to time that part alone.
        let sheet = kpi::files::workbook::SheetChoice { name: None, whose: "the plan's", option: "--plan-sheet" };
        let mut diagnostics = kpi::diagnostic::Diagnostics::default();
        let plan = kpi::plan::read_plan(Path::new(&args[2]), sheet, Default::default(), &mut diagnostics)
            .expect("a readable plan");
        println!("{} nodes, {} problems", plan.nodes.len(), diagnostics.len());
        // Left to the end of the process, as `kpi eval` leaves it.
        std::mem::forget(plan);
        return;
    }
    if args.get(1).map(String::as_str) == Some("actuals") {
        // `actuals FILE`: the actuals read as `kpi` reads them and nothing else, to time that part alone.
        let sheet = kpi::files::workbook::SheetChoice { name: None, whose: "the actuals'", option: "--actuals-sheet" };
        let mut diagnostics = kpi::diagnostic::Diagnostics::default();
        let paths = [std::path::PathBuf::from(&args[2])];
        let actuals = kpi::actuals::Actuals::read_paths(&paths, sheet, None, &mut diagnostics);
        println!("{} values, {} problems", actuals.len, diagnostics.len());
        // Left to the end of the process, as `kpi eval` leaves them.
        std::mem::forget(actuals);
        return;
    }
    if args.get(1).map(String::as_str) == Some("generate") {
        // `generate N FOLDER`: the files alone, to profile kpi on them.
        let n: usize = args[2].parse().expect("a number of indicators");
        let dir = Path::new(&args[3]);
        let mut p = BufWriter::new(std::fs::File::create(dir.join("plan.csv")).expect("plan file"));
        let mut a = BufWriter::new(std::fs::File::create(dir.join("actuals.csv")).expect("actuals file"));
        generate::write(n, &mut p, &mut a).expect("generated files");
        return;
    }
    let sizes: Vec<usize> = std::env::var("KPI_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let rounds: usize = env_or("KPI_BENCH_ROUNDS", 3).max(1);
    let all = env_or("KPI_BENCH_ALL", 1) != 0;
    let kpi = env!("CARGO_BIN_EXE_kpi");
    let me = std::env::current_exe().expect("the benchmark's own path");
    let dir = tempfile::tempdir().expect("a temporary folder");

    println!("kpi against the floor (csv::ByteRecord reading both files), {rounds} rounds, medians");
    println!("{} cores", std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    let mut per_indicator = Vec::new();
    for &n in &sizes {
        let plan = dir.path().join(format!("plan-{n}.csv"));
        let actuals = dir.path().join(format!("actuals-{n}.csv"));
        let rows = {
            let mut p = BufWriter::new(std::fs::File::create(&plan).expect("plan file"));
            let mut a = BufWriter::new(std::fs::File::create(&actuals).expect("actuals file"));
            generate::write(n, &mut p, &mut a).expect("generated files")
        };
        let input = std::fs::metadata(&plan).unwrap().len() + std::fs::metadata(&actuals).unwrap().len();
        println!(
            "\n{n} indicators, {rows} actuals rows, {:.1} MiB of CSV (plan {:.1}, actuals {:.1})",
            mib(input),
            mib(std::fs::metadata(&plan).unwrap().len()),
            mib(std::fs::metadata(&actuals).unwrap().len())
        );
        let out = |name: &str| dir.path().join(name);
        let files = |c: &mut Command| {
            c.arg("--plan").arg(&plan).arg("--actuals").arg(&actuals);
        };
        let mut commands: Vec<(&str, Maker)> = vec![
            (
                "floor",
                Box::new(|| {
                    let mut c = Command::new(&me);
                    c.arg("floor").arg(&plan).arg(&actuals);
                    c
                }),
            ),
            (
                "eval --format json",
                Box::new(|| {
                    let mut c = Command::new(kpi);
                    c.args(["eval", "2024", "--format", "json"]);
                    files(&mut c);
                    c
                }),
            ),
        ];
        if all {
            commands.push((
                "eval --format csv",
                Box::new(|| {
                    let mut c = Command::new(kpi);
                    c.args(["eval", "2024", "--format", "csv"]);
                    files(&mut c);
                    c
                }),
            ));
            commands.push((
                "eval 2023..2024 json",
                Box::new(|| {
                    let mut c = Command::new(kpi);
                    c.args(["eval", "2023..2024", "--format", "json"]);
                    files(&mut c);
                    c
                }),
            ));
            commands.push((
                "check",
                Box::new(|| {
                    let mut c = Command::new(kpi);
                    c.args(["check"]);
                    files(&mut c);
                    c
                }),
            ));
            commands.push((
                "template 2025",
                Box::new(|| {
                    let mut c = Command::new(kpi);
                    c.args(["template", "2025"]);
                    files(&mut c);
                    c
                }),
            ));
            // A worksheet holds 1 048 576 rows: beyond that the workbook cannot be written.
            if n < 1_000_000 {
                let xlsx = out(&format!("out-{n}.xlsx"));
                commands.push((
                    "eval -o out.xlsx",
                    Box::new(move || {
                        let mut c = Command::new(kpi);
                        c.args(["eval", "2024", "-o"]).arg(&xlsx);
                        files(&mut c);
                        c
                    }),
                ));
            }
        }
        let mut runs: Vec<Vec<Run>> = vec![Vec::new(); commands.len()];
        for _ in 0..rounds {
            // Interleaved: the floor, then each command, round after round, so
            // that a change in the machine's load falls on all of them alike.
            for (i, (_, make)) in commands.iter().enumerate() {
                runs[i].push(run(&mut make()));
            }
        }
        let medians: Vec<Run> = runs.iter_mut().map(|r| median(r)).collect();
        let floor = medians[0];
        let json = medians[1];
        println!(
            "{:<22} {:>9} {:>8} {:>10} {:>9} {:>10} {:>8}",
            "", "wall s", "× floor", "× json", "peak MiB", "× input", "µs/ind"
        );
        for ((name, _), m) in commands.iter().zip(&medians) {
            println!(
                "{name:<22} {:>9.3} {:>8.2} {:>10.2} {:>9.0} {:>10.2} {:>8.2}",
                m.wall.as_secs_f64(),
                m.wall.as_secs_f64() / floor.wall.as_secs_f64(),
                m.wall.as_secs_f64() / json.wall.as_secs_f64(),
                m.peak_kib as f64 / 1024.0,
                (m.peak_kib * 1024) as f64 / input as f64,
                m.wall.as_secs_f64() * 1e6 / n as f64,
            );
        }
        per_indicator.push((n, json));
    }
    println!("\neval --format json per indicator:");
    for (n, m) in per_indicator {
        println!(
            "{n:>9} indicators: {:>6.2} µs, {:>6.2} KiB peak",
            m.wall.as_secs_f64() * 1e6 / n as f64,
            m.peak_kib as f64 / n as f64
        );
    }
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1 << 20) as f64
}
