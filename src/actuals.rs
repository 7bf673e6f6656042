//! The measured quantities (SPEC §8): long-format files with one value per row.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::error::InputError;
use crate::sheet::{Row, Sheet};
use crate::value::{ambiguity_warning, parse_value, NumberFormat, Reading, Value};

/// Where a value came from, for messages and for `explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Index into [`Actuals::files`].
    pub file: usize,
    pub line: usize,
}

/// One given value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub value: Value,
    pub unit: Option<String>,
    pub note: Option<String>,
    pub origin: Origin,
}

/// Values filed by (code, variable, year): the code blank for shared
/// quantities, the variable blank for an indicator's own value. Codes and
/// variable names are interned once, so each value costs a small fixed key
/// and a lookup borrows its strings: evaluating allocates nothing per quantity.
#[derive(Debug, Default, Clone)]
pub struct Actuals {
    pub files: Vec<String>,
    codes: Interner,
    variables: Interner,
    values: HashMap<(u32, u32, i32), Entry>,
    /// How many values were given, for summaries.
    pub len: usize,
}

/// Numbers for strings, both ways.
#[derive(Debug, Default, Clone)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    fn intern(&mut self, name: &str) -> u32 {
        if let Some(id) = self.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        id
    }
}

pub use crate::formula::variable_key;

impl Actuals {
    fn find(&self, code: &str, variable_key: &str, year: i32) -> Option<&Entry> {
        self.values.get(&(self.codes.get(code)?, self.variables.get(variable_key)?, year))
    }

    /// The indicator's own value for the year (a row with a blank variable).
    pub fn own_value(&self, code: &str, year: i32) -> Option<&Entry> {
        self.find(code, "", year)
    }

    /// A quantity for an indicator: first under its code, then shared.
    pub fn quantity(&self, code: &str, variable_key: &str, year: i32) -> Option<&Entry> {
        self.find(code, variable_key, year).or_else(|| self.find("", variable_key, year))
    }

    pub fn place(&self, origin: &Origin) -> String {
        format!("{}:{}", self.files[origin.file], origin.line)
    }

    /// Every given value as (code, variable key, year, entry); for checks and templates.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str, i32, &Entry)> {
        self.values.iter().map(|(&(code, variable, year), entry)| {
            (self.codes.names[code as usize].as_str(), self.variables.names[variable as usize].as_str(), year, entry)
        })
    }

    /// Reads one sheet into the actuals. Conflicting duplicates are an error
    /// naming both places; identical ones are accepted.
    pub fn add_sheet(
        &mut self,
        sheet: &Sheet,
        forced: Option<NumberFormat>,
        warnings: &mut Vec<String>,
    ) -> Result<(), InputError> {
        let required = |names: &[&str], what: &str| {
            sheet.column(names).ok_or_else(|| {
                InputError::new(
                    &sheet.source,
                    Some(1),
                    format!("the header has no `{what}` column (found: {}); an actuals file needs year, code, variable and value", sheet.headers.join(", ")),
                )
            })
        };
        let year_col = required(&["year", "anno"], "year")?;
        let code_col = required(&["code", "codice"], "code")?;
        let variable_col = required(&["variable", "variabile"], "variable")?;
        let value_col = required(&["value", "valore"], "value")?;
        let note_col = sheet.column(&["note", "nota", "note_e_fonti"]);
        let format = sheet.number_format(&[value_col], forced);
        let sheet = &*sheet.with_numbers_in(format, &[value_col]);
        let file = self.files.len();
        self.files.push(sheet.source.clone());
        let mut first_ambiguous: Option<(usize, String)> = None;

        for row in &sheet.rows {
            let error = |message: String| InputError::new(&sheet.source, Some(row.line), message);
            let year = parse_year(row.cell(Some(year_col))).ok_or_else(|| {
                error(format!("`{}` is not a year: write it with four digits, like 2024", row.cell(Some(year_col))))
            })?;
            let code = row.cell(Some(code_col));
            let variable = row.cell(Some(variable_col));
            if code.is_empty() && variable.is_empty() {
                return Err(error(
                    "a row needs a code (an indicator's own value), a variable (a shared quantity) or both".into(),
                ));
            }
            let value_text = row.cell(Some(value_col));
            let parsed = match parse_value(value_text, format) {
                Ok(Reading::Nothing) => continue,
                Ok(Reading::Value(p)) => p,
                Ok(Reading::Ambiguous(p)) => {
                    first_ambiguous.get_or_insert((row.line, value_text.to_string()));
                    p
                }
                Err(e) => return Err(error(format!("value: {e}"))),
            };
            let note = row.cell(note_col);
            let entry = Entry {
                value: parsed.value,
                unit: parsed.unit,
                note: (!note.is_empty()).then(|| note.to_string()),
                origin: Origin { file, line: row.line },
            };
            self.insert(code, variable, year, entry, row)?;
        }
        if let Some((line, text)) = first_ambiguous {
            warnings.push(ambiguity_warning(&format!("{}:{line}", sheet.source), &text, format));
        }
        Ok(())
    }

    fn insert(&mut self, code: &str, variable: &str, year: i32, entry: Entry, row: &Row) -> Result<(), InputError> {
        let files = &self.files;
        let key = (self.codes.intern(code), self.variables.intern(&variable_key(variable)), year);
        let slot = &mut self.values;
        match slot.get(&key) {
            Some(existing) if existing.value == entry.value => Ok(()),
            Some(existing) => {
                let what = match (code.is_empty(), variable.is_empty()) {
                    (true, _) => format!("shared [{variable}]"),
                    (false, true) => format!("{code}'s own value"),
                    (false, false) => format!("{code} [{variable}]"),
                };
                let first = format!("{}:{}", files[existing.origin.file], existing.origin.line);
                Err(InputError::new(
                    &files[entry.origin.file],
                    Some(row.line),
                    format!("{year} {what} is given twice with different values: here and at {first}; keep one"),
                ))
            }
            None => {
                slot.insert(key, entry);
                self.len += 1;
                Ok(())
            }
        }
    }

    /// Reads every path given with `--actuals`: files, or folders whose table
    /// files (`.csv`, `.tsv`, `.xlsx`, `.ods`) are read in name order; `sheet`
    /// picks the sheet of every workbook.
    pub fn read_paths(
        paths: &[PathBuf],
        sheet: Option<&str>,
        forced: Option<NumberFormat>,
        warnings: &mut Vec<String>,
    ) -> Result<Actuals, InputError> {
        let mut actuals = Actuals::default();
        for file in expand_paths(paths)? {
            actuals.add_sheet(&crate::inputs::read_sheet(&file, sheet)?, forced, warnings)?;
        }
        Ok(actuals)
    }
}

fn parse_year(text: &str) -> Option<i32> {
    let t = text.trim();
    (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten()
}

/// The files behind the paths: a folder stands for its table files, sorted.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| {
                InputError::new(path.display().to_string(), None, format!("cannot read the folder: {e}"))
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && crate::inputs::is_table_file(p))
                .collect();
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(InputError::new(
                path.display().to_string(),
                None,
                "no such file or folder (give actuals with --actuals FILE_OR_FOLDER)",
            ));
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn load(text: &str) -> Result<Actuals, InputError> {
        let mut a = Actuals::default();
        a.add_sheet(&Sheet::parse("a.csv", text).unwrap(), None, &mut Vec::new())?;
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

    #[test]
    fn conflicting_duplicates_name_both_places() {
        let err = load("year,code,variable,value\n2024,K1,a,1\n2024,K1,a,2\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("a.csv:2"), "{err}");
        assert!(load("year,code,variable,value\n2024,K1,a,1\n2024,K1,a,1.0\n").is_ok());
    }

    #[test]
    fn empty_values_are_not_given() {
        let a = load("year,code,variable,value\n2024,K1,a,N/D\n2024,K1,a,3\n").unwrap();
        assert_eq!(a.len, 1);
    }

    #[test]
    fn bad_rows_name_the_line() {
        assert_eq!(load("year,code,variable,value\n24,K1,a,1\n").unwrap_err().line, Some(2));
        assert_eq!(load("year,code,variable,value\n2024,K1,a,1.2.3\n").unwrap_err().line, Some(2));
        assert!(load("anno;codice;variabile;valore\n2024;K1;a;1,5\n").is_ok());
    }
}
