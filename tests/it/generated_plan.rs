//! A plan of any size and its actuals, generated the same way every time:
//! ambiti of five strategic objectives with twenty indicators each, the
//! indicators cycling through every target form (percent, more/less than,
//! exact, a range, a deadline, yes/no, a comparison in words), formulas that
//! repeat from indicator to indicator, lagged quantities, shared quantities,
//! own values given directly and notes. Used by the large-plan tests and by
//! the benchmark (`benches/scale.rs`).
#![allow(dead_code)]

use std::io::{self, Write};

/// The plan's header.
pub const PLAN_HEADER: &str = "level,code,name,weight,formula,unit,threshold,baseline_2023,target_2024,target_2025";

/// Writes a plan of `indicators` indicators and its actuals; returns the
/// number of actuals rows written.
pub fn write(indicators: usize, plan: &mut impl Write, actuals: &mut impl Write) -> io::Result<usize> {
    writeln!(plan, "{PLAN_HEADER}")?;
    writeln!(actuals, "year,code,variable,value,note")?;
    let mut rows = 0;
    for (year, firms, budget) in [(2024, 152_340, 1_000_000), (2023, 149_870, 980_000), (2022, 147_002, 975_000)] {
        writeln!(actuals, "{year},,Imprese attive,{firms},registro imprese")?;
        writeln!(actuals, "{year},,Budget,{budget},")?;
        rows += 2;
    }
    let mut made = 0;
    let mut a = 0;
    while made < indicators {
        writeln!(plan, "ambito,A{a},Ambito {a},{},,,,,,", 10 + a % 7)?;
        for o in 0..5 {
            if made == indicators {
                break;
            }
            writeln!(plan, "strategic,OS{a}.{o},Obiettivo {a}.{o},{},,,,,,", 20)?;
            for k in 0..20 {
                if made == indicators {
                    break;
                }
                rows += indicator(plan, actuals, &format!("K{a}.{o}.{k}"), made)?;
                made += 1;
            }
        }
        a += 1;
    }
    Ok(rows)
}

/// One indicator's plan row and actuals rows; `i` picks its form and values.
fn indicator(plan: &mut impl Write, actuals: &mut impl Write, code: &str, i: usize) -> io::Result<usize> {
    let weight = 1 + i % 9;
    // Values spread over their range so that every status comes out.
    let v = |salt: usize| 1000 + (i * 37 + salt * 53) % 9000;
    let mut rows = 0;
    let mut row = |year: i32, variable: &str, value: String, note: &str| {
        rows += 1;
        writeln!(actuals, "{year},{code},{variable},{value},{note}")
    };
    let (formula, unit, threshold, baseline, target_2024, target_2025) = match i % 10 {
        0 => {
            row(2024, "Pratiche evase", v(1).to_string(), "")?;
            row(2024, "Pratiche ricevute", (v(1) + i % 400).to_string(), "")?;
            row(2023, "Pratiche evase", v(2).to_string(), "")?;
            row(2023, "Pratiche ricevute", (v(2) + i % 300).to_string(), "")?;
            ("[Pratiche evase] / [Pratiche ricevute]", "%", "80%", "", ">= 95%", ">= 96%")
        }
        1 => {
            row(2024, "Pratiche SUAP", v(3).to_string(), "")?;
            row(2023, "Pratiche SUAP", v(4).to_string(), "")?;
            row(2022, "Pratiche SUAP", v(5).to_string(), "")?;
            ("([Pratiche SUAP] - [Pratiche SUAP](N-1)) / [Pratiche SUAP](N-1)", "%", "-10%", "", "> 5%", "> 6%")
        }
        2 => {
            row(2024, "Giorni totali", (v(6) * 25).to_string(), "")?;
            row(2024, "Pratiche", v(6).to_string(), "")?;
            row(2023, "Giorni totali", (v(7) * 27).to_string(), "")?;
            row(2023, "Pratiche", v(7).to_string(), "")?;
            ("[Giorni totali] / [Pratiche]", "gg", "45 gg", "", "<= 20 gg", "<= 18 gg")
        }
        3 => {
            row(2024, "Reclami", (i % 500).to_string(), "")?;
            row(2023, "Reclami", (i % 450).to_string(), "")?;
            ("[Reclami] / [Imprese attive] * 1000", "N.", "4", "", "< 2", "< 2")
        }
        4 => {
            row(2024, "", (8 + i % 7).to_string(), "")?;
            row(2023, "", (9 + i % 5).to_string(), "")?;
            row(2022, "", (10 + i % 3).to_string(), "dato provvisorio")?;
            ("", "N.", "", "", "= 12", "= 12")
        }
        5 => {
            row(2024, "Spesa", (940_000 + (i * 7919) % 120_000).to_string(), "")?;
            row(2023, "Spesa", (930_000 + (i * 104_729) % 100_000).to_string(), "")?;
            ("[Spesa] / [Budget]", "%", "", "", "tra 95% e 105%", "tra 96% e 104%")
        }
        6 => {
            let day = 1 + i % 28;
            let month = 2 + i % 3;
            row(2024, "", format!("{day:02}-{month:02}-2024"), "approvato in giunta")?;
            ("", "date", "30/04", "", "Entro 31-03-2024", "entro il 31/03")
        }
        7 => {
            row(2024, "", if i.is_multiple_of(3) { "NO" } else { "SI" }.to_string(), "")?;
            ("", "", "", "", "SI", "SI")
        }
        8 => {
            row(2024, "Eventi in presenza", (i % 60).to_string(), "")?;
            row(2024, "Eventi online", (i % 45).to_string(), "")?;
            row(2023, "Eventi in presenza", (i % 50).to_string(), "")?;
            row(2023, "Eventi online", (i % 40).to_string(), "")?;
            ("max([Eventi in presenza], [Eventi online]) * 50%", "N.", "10", "", "almeno 20", "maggiore o uguale a 22")
        }
        _ => {
            row(2024, "Visite", v(8).to_string(), "")?;
            row(2023, "Visite", v(9).to_string(), "")?;
            ("[Visite] / [Visite](N-1)", "%", "50%", "85.5%", "maggiore o uguale al 100%", ">= 101%")
        }
    };
    let formula = if formula.contains(',') { format!("\"{formula}\"") } else { formula.to_string() };
    writeln!(
        plan,
        "indicator,{code},Indicatore {code},{weight},{formula},{unit},{threshold},{baseline},{target_2024},{target_2025}"
    )?;
    Ok(rows)
}
