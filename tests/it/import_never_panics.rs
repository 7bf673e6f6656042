//! The importer reads whatever a PDF extraction produces: it must never
//! panic, whatever the text, and must still write a CSV of what it read;
//! every formula it proposes is one the formula parser reads.

use kpi::formula::Formula;
use kpi::import::{import_published, looks_like_published_layout};
use proptest::prelude::*;
use std::path::Path;

fn real_lines() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real/obiettivi-ente-2024-2026.txt");
    std::fs::read_to_string(path).expect("fixture").lines().map(String::from).collect()
}

fn exercise(text: &str) {
    let _ = looks_like_published_layout(text);
    match import_published(text) {
        Ok(plan) => {
            assert!(plan.to_canonical_csv().starts_with("level;code;name;"));
            for row in &plan.rows {
                if let Some(formula) = &row.formula {
                    if let Err(e) = Formula::parse(formula) {
                        panic!("{}: proposed `{formula}` does not parse: {e}", row.code);
                    }
                }
            }
        }
        Err(refused) => assert!(!refused.message.is_empty()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text(text in any::<String>()) {
        exercise(&text);
    }

    #[test]
    fn text_made_of_the_layout_s_own_pieces(
        pieces in prop::collection::vec(
            prop::sample::select(vec![
                "\t", "\n", " ", "-", " - ", " / ", "(", ")", "[", "]", "*", "*100", "%", ",", ".",
                "SOGLIA", "soglia", "0", "80", "2024", "N/D", "N.", "gg", "Entro 31-03-2024",
                "OS01.1.1", "kpi1.1_01", "Indicatori", "100,00%", "20,00%", "**", "(meno)", "(-)",
                "meno", "anno N-1", "anno precedente", "dell'anno", "al 31/12", "Data", "100 imprese",
                "10 mila", "Algoritmo", "Ambito", "Obiettivo strategico", "1 - ", "à", "\u{feff}",
            ]),
            0..60,
        )
    ) {
        exercise(&pieces.concat());
    }

    #[test]
    fn every_proposed_formula_parses(
        words in prop::collection::vec(
            prop::sample::select(vec![
                "Numero pratiche", "imprese", "N.", "/", " / ", "+", " + ", "-", " - ", "(", ")", "*100", "* 100",
                "(meno)", "(-)", "meno", "anno N", "anno N-1", "anno t", "anno t-1", "anno precedente",
                "nell'anno t/", "dell'anno", "al 31/12", "100 imprese", "10 mila imprese", "rapporto tra",
                " e ", " E ", "rispetto a", "rispetto al", "percentuale di", " su ", "; DOVE", "DOVE", "[*", "]",
                "T_IND_EVI/TOT_IND", "[", "]", "0,5", "1.5", "100", "%", "à", "'", ",", ";", ":", "(N-1)",
            ]),
            0..14,
        ),
        percent in any::<bool>(),
    ) {
        let algoritmo = words.join(" ");
        let target = if percent { ">= 5,00 %" } else { ">= 5" };
        exercise(&format!(
            "Ambito\tObiettivo strategico\tIndicatori\tAlgoritmo\tBASE LINE\t\tTARGET\n\t\t\t\t2023\t2024\t2025\n\
             100,00%\t1 - AMBITO\n100,00%\tOS01 - Obiettivo\n100,00%\tIndicatori\n\
             100,00%\tK1 - Indicatore\tMisura\t{algoritmo}\tN/D\t{target}\tN/D\n"
        ));
    }

    #[test]
    fn shuffled_truncated_and_mutated_real_plan(
        order in Just((0..145usize).collect::<Vec<_>>()).prop_shuffle(),
        keep in 0..=145usize,
        cut_line in 0..145usize,
        cut_at in 0..400usize,
        duplicate in 0..145usize,
    ) {
        let lines = real_lines();
        let mut picked: Vec<String> = order
            .iter()
            .filter_map(|&i| lines.get(i).cloned())
            .take(keep)
            .collect();
        if let Some(line) = picked.get_mut(cut_line) {
            let boundary = line
                .char_indices()
                .map(|(i, _)| i)
                .nth(cut_at)
                .unwrap_or(line.len());
            line.truncate(boundary);
        }
        if let Some(line) = picked.get(duplicate).cloned() {
            picked.push(line);
        }
        exercise(&picked.join("\n"));
    }

    #[test]
    fn real_plan_cut_anywhere(cut_at in 0..20_000usize) {
        let text = real_lines().join("\n");
        let boundary = text.char_indices().map(|(i, _)| i).nth(cut_at).unwrap_or(text.len());
        exercise(&text[..boundary]);
    }
}
