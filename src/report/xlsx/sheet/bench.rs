//! The rows' and the strings' XML against the plain writers they replaced
//! (the same bytes on varied cells and texts), and their timing on a sheet
//! of 100 000 rows (`cargo test --release sheet::bench -- --ignored --nocapture`).

use super::super::cells::{Cells, Value};
use super::super::looks::Look;
use super::super::number::Number;
use super::{escape, escape_escapes, push_column, write_rows, write_strings, Spans};

/// The rows as they were written, a call for each piece.
fn plain_rows(xml: &mut Vec<u8>, cells: &Cells, texts: &[u32], styles: &[u32], spans: &Spans) {
    let mut number = itoa::Buffer::new();
    let mut row_number = itoa::Buffer::new();
    for (row, row_cells) in cells.row_cells() {
        let r = row_number.format(row.number + 1).as_bytes();
        xml.extend_from_slice(b"<row r=\"");
        xml.extend_from_slice(r);
        xml.push(b'"');
        if let Some((min, max)) = spans.of_row(row.number) {
            xml.extend_from_slice(b" spans=\"");
            xml.extend_from_slice(number.format(min).as_bytes());
            xml.push(b':');
            xml.extend_from_slice(number.format(max).as_bytes());
            xml.push(b'"');
        }
        if row.level > 0 {
            xml.extend_from_slice(b" outlineLevel=\"");
            xml.extend_from_slice(number.format(row.level).as_bytes());
            xml.push(b'"');
        }
        if row_cells.is_empty() {
            xml.extend_from_slice(b"/>");
            continue;
        }
        xml.push(b'>');
        for cell in row_cells.iter() {
            let style = styles[usize::from(cell.look.0)];
            if cell.value == Value::Blank && style == 0 {
                continue;
            }
            xml.extend_from_slice(b"<c r=\"");
            push_column(xml, cell.col);
            xml.extend_from_slice(r);
            xml.push(b'"');
            if style > 0 {
                xml.extend_from_slice(b" s=\"");
                xml.extend_from_slice(number.format(style).as_bytes());
                xml.push(b'"');
            }
            match cell.value {
                Value::Blank => xml.extend_from_slice(b"/>"),
                Value::Text(t) => {
                    xml.extend_from_slice(b" t=\"s\"><v>");
                    xml.extend_from_slice(number.format(texts[t as usize]).as_bytes());
                    xml.extend_from_slice(b"</v></c>");
                }
                Value::Number(n) => {
                    xml.extend_from_slice(b"><v>");
                    plain_number(n, xml);
                    xml.extend_from_slice(b"</v></c>");
                }
                Value::Bool(b) => {
                    xml.extend_from_slice(if b { b" t=\"b\"><v>1</v></c>" } else { b" t=\"b\"><v>0</v></c>" });
                }
            }
        }
        xml.extend_from_slice(b"</row>");
    }
}

/// A number's text as it was written, through itoa's buffer.
fn plain_number(n: Number, out: &mut Vec<u8>) {
    match n {
        Number::Short { mantissa, scale } => {
            let mut digits = itoa::Buffer::new();
            let digits = digits.format(mantissa.unsigned_abs()).as_bytes();
            if mantissa < 0 {
                out.push(b'-');
            }
            let scale = usize::from(scale);
            if scale == 0 {
                out.extend_from_slice(digits);
            } else if digits.len() > scale {
                let (whole, fraction) = digits.split_at(digits.len() - scale);
                out.extend_from_slice(whole);
                out.push(b'.');
                out.extend_from_slice(fraction);
            } else {
                out.extend_from_slice(b"0.");
                out.resize(out.len() + scale - digits.len(), b'0');
                out.extend_from_slice(digits);
            }
        }
        Number::Float(f) => {
            let _ = std::io::Write::write_fmt(out, format_args!("{f}"));
        }
    }
}

/// The strings as they were written.
fn plain_strings(xml: &mut Vec<u8>, texts: &[&str]) {
    for text in texts {
        let whitespace = ['\t', '\n', ' '];
        if text.starts_with(whitespace) || text.ends_with(whitespace) {
            xml.extend_from_slice(b"<si><t xml:space=\"preserve\">");
        } else {
            xml.extend_from_slice(b"<si><t>");
        }
        escape(xml, &escape_escapes(text));
        xml.extend_from_slice(b"</t></si>");
    }
}

/// A fixed sequence of numbers (a linear congruential generator, Knuth's constants).
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// A short number, its trailing zeros dropped.
fn short(mut mantissa: i64, mut scale: u8) -> Number {
    while scale > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    Number::Short { mantissa, scale: if mantissa == 0 { 0 } else { scale } }
}

/// Rows like the evaluation's: codes and names, small whole numbers,
/// decimals, dates, scores, statuses, in a few looks, some cells missing.
fn evaluation_like(rows: u32) -> (Cells, Vec<u32>, Vec<u32>) {
    let mut cells = Cells::new(15, 360, 64, rows as usize);
    let mut seq = Sequence(7);
    let statuses = ["Raggiunto", "Non raggiunto", "Parziale", "n/d"];
    for row in 0..rows {
        cells.level(row, (row % 3) as u8).unwrap();
        cells.plain(row, 0, "K").unwrap();
        cells.plain(row, 1, &format!("K{}.{}.{}", row / 400, row / 20 % 20, row % 20)).unwrap();
        cells.plain(row, 2, &format!("K{}.{}", row / 400, row / 20 % 20)).unwrap();
        cells.text(row, 3, &format!("Indicatore K{}.{}.{}", row / 400, row / 20 % 20, row % 20), Look(5)).unwrap();
        cells.plain(row, 4, "%").unwrap();
        cells.number(row, 5, Number::Short { mantissa: 1 + seq.next(20) as i64, scale: 0 }, Look::DEFAULT).unwrap();
        cells.plain(row, 6, "Somma").unwrap();
        match seq.next(3) {
            0 => {
                cells.number(row, 7, Number::Short { mantissa: 8, scale: 1 }, Look(6)).unwrap();
                cells.number(row, 8, short(seq.next(1_000_000) as i64, 6), Look(6)).unwrap();
            }
            1 => {
                cells.date(row, 7, 45_412.0, Look(10)).unwrap();
                cells.date(row, 8, 45_335.0 + seq.next(100) as f64, Look(10)).unwrap();
            }
            _ => {
                cells.number(row, 8, Number::Short { mantissa: seq.next(100) as i64, scale: 0 }, Look::DEFAULT).unwrap()
            }
        }
        let score = short(seq.next(100_000_000) as i64 - 1000, 6);
        cells.number(row, 9, score, Look(7)).unwrap();
        cells.number(row, 10, Number::Short { mantissa: 100, scale: 0 }, Look(7)).unwrap();
        cells.text(row, 11, statuses[seq.next(4) as usize], Look(8 + seq.next(4) as u8)).unwrap();
        if seq.next(4) == 0 {
            cells.plain(row, 13, "note").unwrap();
        }
    }
    let texts = (0..cells.texts.len() as u32).map(|t| t * 3 + 1).collect();
    let styles = (0..64).collect();
    (cells, texts, styles)
}

/// Everything a row can hold: blanks with and without a style, booleans,
/// floats long and short, negative numbers, columns past Z, rows far down,
/// rows with a level and no cell, cells out of order, large styles.
fn varied() -> (Cells, Vec<u32>, Vec<u32>) {
    let mut cells = Cells::new(40, 360, 64, 100);
    let mut seq = Sequence(11);
    let floats = [1e300, 5e-324, -0.0, 0.1 + 0.2, 1e16, -1.5e-7, f64::MAX, 123_456.789];
    let mut row = 0;
    for _ in 0..3000 {
        row += 1 + seq.next(5) as u32 * seq.next(3) as u32 * 977;
        if row >= super::super::cells::MAX_ROWS {
            break;
        }
        cells.level(row, seq.next(8) as u8).unwrap();
        for _ in 0..seq.next(12) {
            let col = match seq.next(4) {
                0 => seq.next(26) as u16,
                1 => seq.next(800) as u16,
                2 => 16_383 - seq.next(3) as u16,
                _ => seq.next(40) as u16,
            };
            let look = Look(seq.next(64) as u8);
            match seq.next(7) {
                0 => cells.text(row, col, "", look).unwrap(),
                1 => cells.text(row, col, &format!("t{}", seq.next(500)), look).unwrap(),
                2 => cells.boolean(row, col, seq.next(2) == 1).unwrap(),
                3 => cells.number(row, col, Number::float(floats[seq.next(8) as usize]), look).unwrap(),
                4 => cells.date(row, col, seq.next(3_000_000) as f64 - 1_000_000.0, look).unwrap(),
                _ => {
                    let digits = 1 + seq.next(15) as u32;
                    let mantissa = (seq.next(1 << 31) * seq.next(1 << 31) % 10u64.pow(digits)) as i64;
                    let sign = if seq.next(2) == 1 { -1 } else { 1 };
                    cells.number(row, col, short(mantissa * sign, seq.next(29) as u8), look).unwrap();
                }
            }
        }
    }
    // Styles of every width, some of them large.
    let styles = (0..64u32)
        .map(|s| match s % 4 {
            0 => s,
            1 => s * 17,
            2 => s * 100_003,
            _ => u32::MAX - s,
        })
        .collect::<Vec<_>>();
    let mut styles = styles;
    styles[0] = 0;
    styles[1] = 0;
    let texts = (0..cells.texts.len() as u32).map(|t| t.wrapping_mul(2_654_435_761) >> (t % 32)).collect();
    (cells, texts, styles)
}

fn rows_xml(write: fn(&mut Vec<u8>, &Cells, &[u32], &[u32], &Spans), cells: &(Cells, Vec<u32>, Vec<u32>)) -> Vec<u8> {
    let (cells, texts, styles) = cells;
    let spans = Spans::of(std::iter::once(cells));
    let mut xml = Vec::new();
    write(&mut xml, cells, texts, styles, &spans);
    xml
}

#[test]
fn the_rows_are_the_plain_writer_s_byte_for_byte() {
    for cells in [varied(), evaluation_like(2000)] {
        let (ours, plain) = (rows_xml(write_rows, &cells), rows_xml(plain_rows, &cells));
        let at = ours.iter().zip(&plain).position(|(a, b)| a != b).unwrap_or(ours.len().min(plain.len()));
        let around =
            |xml: &[u8]| String::from_utf8_lossy(&xml[at.saturating_sub(200)..xml.len().min(at + 100)]).into_owned();
        assert!(ours == plain, "at {at}:\n{}\n\n{}", around(&ours), around(&plain));
    }
}

fn varied_texts() -> Vec<String> {
    let pieces = [
        "a", " ", "\t", "\n", "&", "<", ">", "\"", "'", "_x", "_x0041_", "_x00e9_", "_xZZ", "é", "\u{1}", "\u{1f}",
        "\u{fffe}", "\u{ffff}", "\u{7f}", "_", "x", "0", "日本", "\r", "𝄞",
    ];
    let mut seq = Sequence(3);
    let mut texts: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
    for _ in 0..20_000 {
        let text: String = (0..seq.next(9)).map(|_| pieces[seq.next(pieces.len() as u64) as usize]).collect();
        texts.push(text);
    }
    texts
}

#[test]
fn the_strings_are_the_plain_writer_s_byte_for_byte() {
    let texts = varied_texts();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (mut ours, mut plain) = (Vec::new(), Vec::new());
    write_strings(&mut ours, &texts);
    plain_strings(&mut plain, &texts);
    assert!(ours == plain);
}

/// The best of 15 timings of `f`, in microseconds.
fn best(mut f: impl FnMut()) -> u128 {
    (0..15)
        .map(|_| {
            let start = std::time::Instant::now();
            f();
            start.elapsed().as_micros()
        })
        .min()
        .unwrap_or(0)
}

/// Runs of 4096 rows, as the workbook writes them, each into the same
/// buffer; the bytes written.
fn runs_xml(
    runs: &[(Cells, Vec<u32>, Vec<u32>)],
    write: fn(&mut Vec<u8>, &Cells, &[u32], &[u32], &Spans),
    xml: &mut Vec<u8>,
) -> usize {
    let spans = Spans::of(runs.iter().map(|r| &r.0));
    let mut bytes = 0;
    for (cells, texts, styles) in runs {
        xml.clear();
        write(xml, cells, texts, styles, &spans);
        bytes += xml.len();
    }
    bytes
}

#[test]
#[ignore]
fn timing() {
    let runs: Vec<_> = (0..25).map(|_| evaluation_like(4096)).collect();
    let mut xml = Vec::new();
    let mut bytes = 0;
    let ours = best(|| bytes = runs_xml(&runs, write_rows, &mut xml));
    let plain = best(|| bytes = runs_xml(&runs, plain_rows, &mut xml));
    println!("rows: {bytes} bytes, {ours} µs (plain {plain} µs)");
    let texts = some_texts();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let ours = best(|| {
        for chunk in texts.chunks(8192) {
            xml.clear();
            write_strings(&mut xml, chunk);
        }
    });
    let plain = best(|| {
        for chunk in texts.chunks(8192) {
            xml.clear();
            plain_strings(&mut xml, chunk);
        }
    });
    println!("strings: {ours} µs (plain {plain} µs)");
}

/// One writer on its own, for a profiler or a count of cycles: the rows
/// (ours or the plain writer's, `KPI_WRITER=plain`) or the strings
/// (`strings`, `plain-strings`).
#[test]
#[ignore]
fn one_writer() {
    let writer = std::env::var("KPI_WRITER").unwrap_or_default();
    let mut xml = Vec::new();
    if writer.ends_with("strings") {
        let texts = some_texts();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let write = match writer.as_str() {
            "strings" => write_strings,
            "plain-strings" => plain_strings,
            _ => |_: &mut Vec<u8>, _: &[&str]| {},
        };
        let time = best(|| {
            for chunk in texts.chunks(8192) {
                xml.clear();
                write(&mut xml, chunk);
            }
        });
        println!("{writer}: {time} µs");
    } else {
        let runs: Vec<_> = (0..25).map(|_| evaluation_like(4096)).collect();
        let write = match writer.as_str() {
            "plain" => plain_rows,
            "none" => |_: &mut Vec<u8>, _: &Cells, _: &[u32], _: &[u32], _: &Spans| {},
            _ => write_rows,
        };
        let mut bytes = 0;
        let time = best(|| bytes = runs_xml(&runs, write, &mut xml));
        println!("rows: {bytes} bytes, {time} µs");
    }
}

/// Codes and names, one in 20 with an ampersand.
fn some_texts() -> Vec<String> {
    (0..200_000)
        .map(|i| match i % 40 {
            0 => format!("Indicatore K{} & {}", i / 400, i % 20),
            n if n % 2 == 0 => format!("K{}.{}.{}", i / 400, i / 20 % 20, i % 20),
            _ => format!("Indicatore K{}.{}.{}", i / 400, i / 20 % 20, i % 20),
        })
        .collect()
}
