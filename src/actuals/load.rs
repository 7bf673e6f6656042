//! Reading actuals files into the store: the columns, each row's value or
//! decision, duplicates, and every path given with `--actuals`.

use std::path::PathBuf;

use rust_decimal::Decimal;

use super::decisions::{Adjustment, Decision, Directive};
use super::entry::Origin;
use super::{Actuals, Filing};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::files::header::Header;
use crate::files::paths::expand_paths;
use crate::files::read_table;
use crate::files::sheet::Table;
use crate::files::workbook::SheetChoice;
use crate::formula::variable_key;
use crate::value::{
    ambiguity_warning, parse_date_in_words, parse_value, parse_year, DateReading, NumberFormat, Parsed, Reading, Value,
};

/// The actuals' value column's names: its cells alone decide the number format.
const VALUE: &[&str] = &["value", "valore"];

impl Actuals {
    /// Reads one sheet into the actuals, keeping the rows that can be read
    /// and reporting every other one to `problems`. Conflicting duplicates
    /// are an error naming both places; identical ones are accepted.
    pub fn add_sheet(&mut self, sheet: &dyn Table, forced: Option<NumberFormat>, problems: &mut Diagnostics) {
        const HINT: &str = "an actuals file needs the columns year, code, variable and value (note is optional)";
        const YEAR: &[&str] = &["year", "anno"];
        const CODE: &[&str] = &["code", "codice"];
        const VARIABLE: &[&str] = &["variable", "variabile"];
        const NOTE: &[&str] = &["note", "nota", "note_e_fonti"];
        let header = sheet.header();
        let required = |names: &[&str]| header.required_column(names, HINT);
        let columns =
            (|| Ok::<_, Diagnostic>((required(YEAR)?, required(CODE)?, required(VARIABLE)?, required(VALUE)?)))();
        let (year_col, code_col, variable_col, value_col) = match columns {
            Ok(columns) => columns,
            Err(problem) => return problems.push(problem),
        };
        let note_col = header.column(NOTE);
        problems.extend(header.header_problems(&[YEAR, CODE, VARIABLE, VALUE, NOTE], &[]));
        let format = sheet.number_format(&[value_col], forced);
        let source = sheet.source();
        let file = u32::try_from(self.files.len()).unwrap_or(u32::MAX);
        self.files.push(source.to_string());
        self.values.start_file();
        problems.extend(sheet.diagnostics().iter().cloned());
        let mut first_ambiguous: Option<(usize, String)> = None;
        self.reserve(sheet.len());

        // The code of the row before: a file gives an indicator's rows one after another.
        let mut last_code: Option<u32> = None;
        // The numbers of the variables of the last rows (see [`Actuals::variable_numbers`]).
        let mut recent = super::names::Recent::default();
        // The same for the notes' texts: a file writes a few notes over and over.
        let mut recent_notes = super::names::Recent::default();
        // Piece after piece, each one's text let go once it is read.
        let mut piece = sheet.piece(0, format, &[value_col]);
        let mut rows = piece.rows();
        let mut next_piece = 1;
        loop {
            let Some(row) = rows.next_row() else {
                if next_piece >= sheet.pieces() {
                    break;
                }
                drop(rows);
                piece = sheet.piece(next_piece, format, &[value_col]);
                rows = piece.rows();
                next_piece += 1;
                continue;
            };
            let error = |message: String| Diagnostic::error(source, row.line, message);
            let code = row.cell(Some(code_col));
            let variable = row.cell(Some(variable_col));
            // A directive row is about the indicator's own value.
            let directive = Directive::parse(variable);
            let is_directive = directive.is_some();
            let flag = |year: Option<i32>| {
                let key = if is_directive { String::new() } else { variable_key(variable) };
                (code.to_string(), key, year)
            };
            let Some(year) = parse_year(row.cell(Some(year_col))) else {
                self.flagged.insert(flag(None));
                problems.push(
                    error(format!("`{}` is not a year", row.cell(Some(year_col))))
                        .with_hint("write the year with four digits, like 2024"),
                );
                continue;
            };
            if code.is_empty() && variable.is_empty() {
                problems.push(
                    error("the row has neither a code nor a variable".into())
                        .with_hint("give a code (an indicator's own value), a variable (a shared quantity) or both"),
                );
                continue;
            }
            let value_text = row.cell(Some(value_col));
            let note = row.cell(note_col);
            let origin = Origin { file, line: u32::try_from(row.line).unwrap_or(u32::MAX) };
            let code_id = match last_code {
                Some(id) if self.codes.is(id, code) => id,
                _ => self.codes.intern_in_order(code),
            };
            last_code = Some(code_id);
            if let Some(directive) = directive {
                let adjustment = directive.map_err(|(message, hint)| error(message).with_hint(hint)).and_then(|d| {
                    read_adjustment(d, code, value_text, note, format, origin)
                        .map_err(|(message, hint)| error(message).with_hint(hint))
                });
                match adjustment {
                    Ok(adjustment) => {
                        if let Err(problem) = self.insert_adjustment(code, code_id, year, adjustment) {
                            problems.push(problem);
                        }
                    }
                    Err(problem) => {
                        self.flagged.insert(flag(Some(year)));
                        problems.push(problem);
                    }
                }
                continue;
            }
            let (written, key) = self.variable_numbers(variable, &mut recent);
            if !note.is_empty() {
                self.add_note(code_id, key, year, note, &mut recent_notes);
            }
            // Most values are digits alone: never a date (a day and month need a separator),
            // and read alike in both formats.
            if let Some(n) = whole_number(value_text) {
                let filed = Filing { code, code_id, variable, written, year };
                if let Err(problem) = self.insert(filed, Value::Number(n), None, origin) {
                    problems.push(problem);
                }
                continue;
            }
            // A date written in words (`15 aprile 2024`, `30/06` of the row's year), as targets write it.
            let in_words = match parse_date_in_words(value_text, Some(year)) {
                DateReading::Date(d) => Some(Parsed { value: Value::Date(d), unit: Some(crate::unit::Unit::Date) }),
                _ => None,
            };
            let parsed = match in_words.map(Reading::Value).map_or_else(|| parse_value(value_text, format), Ok) {
                Ok(Reading::Nothing) => continue,
                Ok(Reading::Value(p)) => p,
                Ok(Reading::Ambiguous(p)) => {
                    first_ambiguous.get_or_insert((row.line, value_text.to_string()));
                    p
                }
                Err(e) => {
                    self.flagged.insert(flag(Some(year)));
                    problems.push(error(format!("value: {e}")).with_hint(
                        "write a number (1.234,5 or 1234.5), a percent (85 %), a date (31-03-2024), SI/NO, or leave it empty",
                    ));
                    continue;
                }
            };
            let filed = Filing { code, code_id, variable, written, year };
            if let Err(problem) = self.insert(filed, parsed.value, parsed.unit, origin) {
                problems.push(problem);
            }
        }
        // The codes numbered in order go in their table now, before any is looked up.
        self.codes.settle();
        if let Some((line, text)) = first_ambiguous {
            problems.push(Diagnostic::warning(source, line, ambiguity_warning(&text, format)));
        }
    }

    /// Reads every path given with `--actuals`: files, or folders whose table
    /// files (`.csv`, `.tsv`, `.xlsx`, `.ods`) are read in name order; `sheet`
    /// picks the sheet of every workbook. Keeps what can be read and reports
    /// every problem; a collector that stops at the first error reads no
    /// file after the one that has it.
    pub fn read_paths(
        paths: &[PathBuf],
        sheet: SheetChoice,
        forced: Option<NumberFormat>,
        problems: &mut Diagnostics,
    ) -> Actuals {
        let mut files = Vec::new();
        for path in paths {
            match expand_paths(std::slice::from_ref(path)) {
                Ok(found) => files.extend(found),
                Err(problem) => problems.push(problem),
            }
        }
        let mut actuals = Actuals::default();
        for file in files {
            if problems.stopped() {
                break;
            }
            // Only the value column votes on the format, and none when it is forced.
            let voters =
                |header: Header| if forced.is_some() { Vec::new() } else { header.column(VALUE).into_iter().collect() };
            match read_table(&file, sheet, &voters) {
                Ok(table) => actuals.add_sheet(table.table(), forced, problems),
                Err(problem) => problems.push(problem),
            }
        }
        actuals
    }
}

/// A value of up to eighteen digits alone, the number they write: what
/// [`parse_value`] reads it as in either format, without its search for a
/// date, a unit or the other format's reading.
fn whole_number(text: &str) -> Option<Decimal> {
    if text.is_empty() || text.len() > 18 {
        return None;
    }
    // Eighteen digits are below 10^18, which a u64 holds.
    let mut n = 0u64;
    for b in text.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(b - b'0');
    }
    Some(Decimal::from(n))
}

/// Reads a `#neutralize` or `#score` row. The reason is required: a decision
/// that changes a published figure must say why. A problem is (message, hint).
fn read_adjustment(
    directive: Directive,
    code: &str,
    value_text: &str,
    note: &str,
    format: NumberFormat,
    origin: Origin,
) -> Result<Adjustment, (String, String)> {
    let name = directive.name();
    if code.is_empty() {
        return Err((format!("a {name} row has no code"), "give the code of the indicator it applies to".into()));
    }
    if note.is_empty() {
        return Err((
            format!("{name} for {code} has no note"),
            "write the reason in the note column: a decision that changes a published figure must say why".into(),
        ));
    }
    let decision =
        match directive {
            Directive::Neutralize => match parse_value(value_text, format) {
                Ok(Reading::Nothing) => Decision::Neutralize,
                _ => return Err((
                    format!("#neutralize for {code} has a value (`{value_text}`)"),
                    "leave the value empty: a neutralized indicator leaves the roll-up; use #score to force a score"
                        .into(),
                )),
            },
            Directive::Score => {
                let parsed = parse_value(value_text, format).ok().and_then(Reading::parsed);
                let score = match parsed {
                    Some(Parsed { value: Value::Number(n), unit }) if crate::unit::is_percent(unit.as_ref()) => {
                        n.checked_mul(Decimal::ONE_HUNDRED)
                    }
                    Some(Parsed { value: Value::Number(n), .. }) => Some(n),
                    _ => None,
                };
                match score {
                    Some(s) if s >= Decimal::ZERO && s <= Decimal::ONE_HUNDRED => Decision::Score(s),
                    _ => {
                        return Err((
                            format!("#score for {code} is not a score (`{value_text}`)"),
                            "write the forced score in the value column, a number from 0 to 100".into(),
                        ))
                    }
                }
            }
        };
    Ok(Adjustment { decision, note: note.to_string(), origin })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::sheet::Sheet;

    /// Reads as `kpi eval` does: the first error stops it.
    fn load(text: &str) -> Result<Actuals, Diagnostic> {
        let mut a = Actuals::default();
        let mut diagnostics = Diagnostics::default();
        a.add_sheet(&Sheet::parse("a.csv", text).unwrap(), None, &mut diagnostics);
        diagnostics.no_error()?;
        Ok(a)
    }

    #[test]
    fn quantities_are_found_under_the_code_then_shared() {
        let a =
            load("year,code,variable,value\n2024,,Imprese attive,100\n2024,K1,Imprese attive,7\n2024,K2,,5\n").unwrap();
        assert_eq!(a.quantity("K1", "imprese attive", 2024).unwrap().value, Value::Number(Decimal::from(7)));
        assert_eq!(a.quantity("K9", "imprese attive", 2024).unwrap().value, Value::Number(Decimal::from(100)));
        assert_eq!(a.own_value("K2", 2024).unwrap().origin, Origin { file: 0, line: 4 });
        assert!(a.quantity("K1", "imprese attive", 2023).is_none());
    }

    proptest::proptest! {
        #[test]
        fn digits_alone_read_as_every_value_is_read(text in "[0-9]{0,20}") {
            // The same number with the same scale (`007` is 7, written `7`), no unit, in both formats.
            if let Some(n) = whole_number(&text) {
                for format in [NumberFormat::Italian, NumberFormat::English] {
                    let read = parse_value(&text, format).unwrap();
                    proptest::prop_assert_eq!(&read, &Reading::Value(Parsed { value: Value::Number(n), unit: None }));
                    let Reading::Value(Parsed { value: Value::Number(m), .. }) = read else { unreachable!() };
                    proptest::prop_assert_eq!(m.to_string(), n.to_string());
                }
                proptest::prop_assert!(matches!(parse_date_in_words(&text, Some(2024)), DateReading::NotADate));
            } else {
                proptest::prop_assert!(text.is_empty() || text.len() > 18);
            }
        }
    }

    #[test]
    fn digits_alone_are_never_a_date_in_words() {
        // What lets a value of digits alone skip the search for a date.
        for text in ["0", "1", "12", "306", "3006", "2024", "31122024", "152340", "0000000000000000000000000000001"] {
            for year in [None, Some(2024)] {
                assert!(matches!(parse_date_in_words(text, year), DateReading::NotADate), "{text}");
            }
        }
    }

    #[test]
    fn a_code_is_found_after_the_one_before_in_any_order() {
        let a = load("year,code,variable,value\n2024,K1,,1\n2024,K2,,2\n2024,K3,,3\n2024,,Imprese,9\n").unwrap();
        let own = |code| a.own_value_of(code, 2024).map(|e| e.origin.line);
        let k1 = a.code_after("K1", None);
        let k2 = a.code_after("K2", Some(k1));
        // A code the actuals do not know keeps the place of the one before it.
        let k9 = a.code_after("K9", Some(k2));
        let k3 = a.code_after("K3", Some(k9));
        let back = a.code_after("K1", Some(k3));
        assert_eq!([own(k1), own(k2), own(k9), own(k3), own(back)], [Some(2), Some(3), None, Some(4), Some(2)]);
        assert_eq!(a.quantity_of(k9, "imprese", 2024).map(|(e, shared)| (e.origin.line, shared)), Some((5, true)));
    }

    #[test]
    fn dates_may_be_written_in_words_and_without_the_rows_year() {
        let a = load("anno;codice;variabile;valore\n2024;K1;;15 aprile 2024\n2025;K1;;30/06\n2025;K2;;5 gg\n").unwrap();
        let day = |y, m, d| Value::Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(a.own_value("K1", 2024).unwrap().value, day(2024, 4, 15));
        assert_eq!(a.own_value("K1", 2025).unwrap().value, day(2025, 6, 30));
        // a number in a unit is still a number
        assert_eq!(a.own_value("K2", 2025).unwrap().value, Value::Number(Decimal::from(5)));
    }

    #[test]
    fn conflicting_duplicates_name_both_places() {
        let err = load("year,code,variable,value\n2024,K1,a,1\n2024,K1,a,2\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("a.csv:2"), "{err}");
        assert!(load("year,code,variable,value\n2024,K1,a,1\n2024,K1,a,1.0\n").is_ok());
    }

    #[test]
    fn notes_are_kept_by_row_and_joined_when_a_value_is_given_twice() {
        let a = load(
            "year,code,variable,value,note\n2024,K1,,5,personale ridotto\n2024,K1,,5,dato rettificato\n\
             2024,K1,,5,personale ridotto\n2024,K2,,N/D,dato non disponibile\n2024,,Imprese,10,fonte registro\n",
        )
        .unwrap();
        // Same value given three times: the two different notes in the order read, the repeated one once.
        assert_eq!(a.note("K1", "", 2024), Some("personale ridotto; dato rettificato"));
        // A value left N/D still says why.
        assert_eq!(a.note("K2", "", 2024), Some("dato non disponibile"));
        assert!(a.own_value("K2", 2024).is_none());
        assert_eq!(a.note("", "imprese", 2024), Some("fonte registro"));
        assert_eq!(a.note("K1", "", 2023), None);
    }

    #[test]
    fn empty_values_are_not_given() {
        let a = load("year,code,variable,value\n2024,K1,a,N/D\n2024,K1,a,3\n").unwrap();
        assert_eq!(a.len, 1);
    }

    #[test]
    fn neutralize_and_score_need_a_note() {
        let a =
            load("year,code,variable,value,note\n2024,K1,#neutralize,,strike\n2024,K2,#score,80 %,fixed\n").unwrap();
        assert_eq!(a.adjustment("K1", 2024).unwrap().decision, Decision::Neutralize);
        assert_eq!(a.adjustment("K2", 2024).unwrap().decision, Decision::Score(Decimal::from(80)));
        assert_eq!(a.adjustment("K2", 2024).unwrap().note, "fixed");
        assert_eq!(a.len, 0);
        let err = load("year,code,variable,value,note\n2024,K1,#neutralize,,\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("has no note"), "{err}");
        assert!(load("year,code,variable,value,note\n2024,K1,#score,120,why\n").is_err());
        assert!(load("year,code,variable,value,note\n2024,,#score,50,why\n").is_err());
        assert!(load("year,code,variable,value,note\n2024,K1,#neutralize,3,why\n").is_err());
        let err = load("year,code,variable,value,note\n2024,K1,#neutralize,,a\n2024,K1,#score,5,b\n").unwrap_err();
        assert!(err.message.contains("a.csv:2"), "{err}");
    }

    #[test]
    fn collecting_keeps_the_good_rows() {
        let mut a = Actuals::default();
        let mut problems = Diagnostics::reading_on();
        let sheet = Sheet::parse("a.csv", "year,code,variable,value\n24,K1,a,1\n2024,K1,a,x\n2024,K1,b,2\n").unwrap();
        a.add_sheet(&sheet, None, &mut problems);
        assert_eq!(problems.iter().map(|p| p.line).collect::<Vec<_>>(), vec![Some(2), Some(3)]);
        assert!(a.quantity("K1", "b", 2024).is_some());
        // The rows left out are known, so their quantity is not reported again as missing.
        assert!(a.quantity_flagged("K1", "a", 2024) && a.quantity_flagged("K1", "a", 2023));
        assert!(!a.quantity_flagged("K1", "b", 2024) && !a.quantity_flagged("K2", "a", 2024));
    }

    #[test]
    fn bad_rows_name_the_line() {
        assert_eq!(load("year,code,variable,value\n24,K1,a,1\n").unwrap_err().line, Some(2));
        assert_eq!(load("year,code,variable,value\n2024,K1,a,1.2.3\n").unwrap_err().line, Some(2));
        assert!(load("anno;codice;variabile;valore\n2024;K1;a;1,5\n").is_ok());
    }
}
