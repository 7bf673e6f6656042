//! The importer reads value cells as the evaluator does: a dash for
//! "nothing", `=>` for "at least", dotted dates.

use kpi::import::{import_published, ImportedLevel};

const HEADER: &str = "Ambito\tObiettivo strategico\tObiettivi Operativi / Indicatori OS\tIndicatori\tAlgoritmo\tBASE LINE\t\t\tTARGET\t\t\n\
                      \t\t\t\t\t2021\t2022\t2023\t2024\t2025\t2026\n\
                      100,00%\t1 - AMBITO UNO\t\t\n\
                      100,00%\tOS01.1.1 - Obiettivo\t\t\n\
                      100,00%\tIndicatori\t\t\n";

/// The indicator row of a one-indicator layout whose value cells are `cells`.
fn indicator(cells: &str) -> kpi::import::ImportedRow {
    let text = format!(
        "{HEADER}100,00%\t\tK1 - Soddisfazione utenti\tMisura la soddisfazione\tUtenti soddisfatti / Utenti totali\t{cells}\t\n"
    );
    let plan = import_published(&text).unwrap();
    plan.rows.into_iter().find(|r| r.level == ImportedLevel::Indicator).unwrap()
}

#[test]
fn a_dash_and_an_arrow_comparator_are_values_not_the_algoritmo() {
    let row = indicator("—\t–\t—\t=> 1,00 %\t=< 2,00 %\tEntro 31.12.2026");
    // The same row in the spellings the importer always read.
    let twin = indicator("N/D\tN/D\tN/D\t>= 1,00 %\t<= 2,00 %\tEntro 31-12-2026");
    assert_eq!(row.code, "K1");
    assert_eq!(row.description, "Misura la soddisfazione");
    assert_eq!(row.algorithm, "Utenti soddisfatti / Utenti totali");
    assert!(row.formula.is_some());
    assert_eq!(row.formula, twin.formula);
    assert_eq!(row.unit.as_deref(), Some("%"));
    assert_eq!(row.review, twin.review);
    assert_eq!([row.baseline(2021), row.baseline(2022), row.baseline(2023)], ["—", "–", "—"]);
    assert_eq!([row.target(2024), row.target(2025), row.target(2026)], ["=> 1,00 %", "=< 2,00 %", "Entro 31.12.2026"]);
}
