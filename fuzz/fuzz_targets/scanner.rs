//! Any text, with each delimiter kpi detects: the scanner reads the records
//! the csv crate reads, cell for cell and line for line, and a scanner
//! started at any record reads the rest alike.
#![no_main]
use kpi::files::scanner::Scanner;
use libfuzzer_sys::fuzz_target;

/// Every record as the csv crate reads it, set up as kpi used it, with the
/// line of its first character.
fn read_by_csv(text: &str, delimiter: u8) -> Vec<(usize, Vec<String>)> {
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut records = Vec::new();
    while reader.read_record(&mut record).expect("any text is read") {
        let position = record.position().expect("a record read has a position");
        let skipped = text.as_bytes()[position.byte() as usize..]
            .iter()
            .take_while(|b| matches!(b, b'\n' | b'\r'))
            .filter(|&&b| b == b'\n')
            .count();
        records.push((position.line() as usize + skipped, record.iter().map(str::to_string).collect()));
    }
    records
}

fn scanned(mut scanner: Scanner) -> Vec<(usize, Vec<String>, usize, usize)> {
    let mut records = Vec::new();
    while scanner.advance() {
        let record = scanner.record();
        records.push((record.line, record.iter().map(str::to_string).collect(), record.start, record.end));
    }
    records
}

fuzz_target!(|text: &str| {
    for delimiter in [b',', b';', b'\t'] {
        let records = scanned(Scanner::new(text, delimiter));
        let cells: Vec<(usize, Vec<String>)> = records.iter().map(|(l, c, _, _)| (*l, c.clone())).collect();
        assert_eq!(cells, read_by_csv(text, delimiter));
        // The first record after a byte order mark has its line counted as 1: started there, its own.
        let first = usize::from(text.starts_with('\u{feff}'));
        for (index, (line, _, start, _)) in records.iter().enumerate().skip(first) {
            let rest = scanned(Scanner::starting_at(text, delimiter, *start, *line));
            assert_eq!(rest, records[index..]);
        }
    }
});
