//! The importer on a large generated plan: every row is still read, and
//! every repeated code is numbered by how many rows used it before.

use kpi::import::{import_published, ImportedLevel};

/// A published layout with `indicators` indicators, ten per objective; every
/// seventh indicator repeats the code of an earlier one.
fn layout(indicators: usize) -> String {
    let mut text = String::from(
        "Ambito\tObiettivo strategico\tObiettivi Operativi / Indicatori OS\tIndicatori\tAlgoritmo\tBASE LINE\t\t\tTARGET\t\t\n\
         \t\t\t\t\t2021\t2022\t2023\t2024\t2025\t2026\n\
         100,00%\t1 - AMBITO UNO\t\t\n",
    );
    for i in 0..indicators {
        if i % 10 == 0 {
            text.push_str(&format!("10,00%\tOS{:05}.1 - Obiettivo {i}\t\t\n100,00%\tIndicatori\t\t\n", i / 10));
        }
        let code = if i % 7 == 0 { format!("K{}", i / 2) } else { format!("K{i}") };
        text.push_str(&format!(
            "10,00%\t\t{code} - Indicatore {i}\tMisura qualcosa\tN. pratiche / N. totale\t1,00 %\t2,00 %\tN/D\t>= 5,00 %\tN/D\tN/D\t\n"
        ));
    }
    text
}

#[test]
fn twenty_thousand_indicators_are_imported_with_their_repeats_numbered() {
    let n = 20_000;
    let plan = import_published(&layout(n)).unwrap();
    let indicators: Vec<_> = plan.rows.iter().filter(|r| r.level == ImportedLevel::Indicator).collect();
    assert_eq!(indicators.len(), n);

    // The expected code of each row, counted independently of the importer.
    let mut seen = std::collections::HashMap::new();
    for (i, row) in indicators.iter().enumerate() {
        let written = if i % 7 == 0 { format!("K{}", i / 2) } else { format!("K{i}") };
        let count = seen.entry(written.clone()).or_insert(0);
        *count += 1;
        let expected = if *count == 1 { written.clone() } else { format!("{written}#{count}") };
        assert_eq!(row.code, expected, "row {i}");
    }
    let codes: std::collections::HashSet<&str> = plan.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes.len(), plan.rows.len(), "every code is unique");

    // K3 is written by row 3 and again by row 7: the second points at the first.
    let first = indicators[3];
    let second = indicators[7];
    assert_eq!(second.code, "K3#2");
    assert!(second
        .review
        .contains(&format!("code K3 is also used at line {} for a different row: this one is K3#2", first.line)));
}
