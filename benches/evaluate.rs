//! How long each step takes on a large generated plan, and the peak memory.
//! Run with `cargo bench`; the size is `KPI_BENCH_INDICATORS` (default 200 000).
//! It measures and prints; it asserts nothing about time.

use std::fmt::Write as _;
use std::time::Instant;

use kpi::actuals::Actuals;
use kpi::diagnostic::Diagnostics;
use kpi::evaluate::{evaluate, Options};
use kpi::files::sheet::Sheet;
use kpi::plan::{load_plan, PlanOptions};
use kpi::report::{Format, ReportOptions};

/// A plan of 50 ambiti × 40 objectives × n indicators, with a lagged formula
/// and a shared quantity, and actuals for two years.
fn generate(indicators: usize) -> (String, String) {
    let per_objective = indicators.div_ceil(50 * 40).max(1);
    let mut plan = String::from("level,code,name,weight,formula,unit,threshold,target_2024\n");
    let mut actuals = String::from("year,code,variable,value\n2024,,Imprese attive,100000\n");
    let mut made = 0;
    'outer: for a in 0..50 {
        writeln!(plan, "ambito,A{a},Ambito {a},{},,,,", 1 + a % 7).unwrap();
        for o in 0..40 {
            writeln!(plan, "strategic,OS{a}.{o},Obiettivo {a}.{o},{},,,,", 1 + o % 5).unwrap();
            for k in 0..per_objective {
                if made == indicators {
                    break 'outer;
                }
                made += 1;
                let code = format!("K{a}.{o}.{k}");
                writeln!(
                    plan,
                    "indicator,{code},Indicatore {code},{},([x] - [x](N-1)) / [Imprese attive],%,-1%,>= {}%",
                    1 + k % 9,
                    k % 50
                )
                .unwrap();
                writeln!(actuals, "2024,{code},x,{}\n2023,{code},x,{}", 1000 + (k * 37) % 9000, 1000 + (k * 53) % 9000)
                    .unwrap();
            }
        }
    }
    (plan, actuals)
}

fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? / 1024)
}

fn main() {
    let indicators: usize = std::env::var("KPI_BENCH_INDICATORS").ok().and_then(|n| n.parse().ok()).unwrap_or(200_000);
    let (plan_text, actuals_text) = generate(indicators);
    println!(
        "{indicators} indicators: plan {} MiB, actuals {} MiB of CSV",
        plan_text.len() >> 20,
        actuals_text.len() >> 20
    );

    let step = |name: &str, started: Instant| {
        println!(
            "{name:<22} {:>8.0} ms {:>8} MiB peak so far",
            started.elapsed().as_secs_f64() * 1000.0,
            peak_memory_mib().unwrap_or(0)
        )
    };

    let started = Instant::now();
    let sheet = Sheet::parse("plan.csv", &plan_text).unwrap();
    let mut diagnostics = Diagnostics::default();
    let plan = load_plan(&sheet, PlanOptions::default(), &mut diagnostics).unwrap();
    drop(sheet);
    step("read the plan", started);

    let started = Instant::now();
    let mut actuals = Actuals::default();
    actuals.add_sheet(&Sheet::parse("actuals.csv", &actuals_text).unwrap(), None, &mut diagnostics);
    diagnostics.no_error().unwrap();
    step("read the actuals", started);

    let started = Instant::now();
    let evaluation = evaluate(&plan, &actuals, 2024, Options::default()).unwrap();
    step("evaluate 2024", started);

    for (name, format) in [
        ("write CSV", Format::Csv),
        ("write JSON", Format::Json),
        ("write the table", Format::Table),
        ("write the Relazione", Format::Html),
    ] {
        let started = Instant::now();
        format.renderer(ReportOptions::default()).render(&plan, &evaluation, &mut std::io::sink()).unwrap();
        step(name, started);
    }
    if let Some(mib) = peak_memory_mib() {
        println!("peak memory            {mib:>8} MiB");
    }
    println!("overall score: {:?}", evaluation.score.map(|s| s.round_dp(6)));
}
