//! A node's record written as compact JSON straight into a buffer: the same
//! bytes as serde_json writing its `Serialize` (the tests below compare the
//! two), without serde's flattened map, the parse of every number's text
//! back into a `serde_json::Number`, or the formatting machinery for each
//! figure. A national plan writes millions of records, and this was most of
//! the time its JSON took (see the README's "National scale").

use std::io;

use super::{Figure, NodeFields, NodeRecord, YearFields};
use crate::figure::canonical::{write_date, write_target, DecimalText};
use crate::lang::Lang;
use crate::report::exact::Exact;
use crate::report::scan::any_byte;
use crate::target::Target;

/// `{"level":…,"scale":…}`: a node's record for one year.
pub fn record(buffer: &mut Vec<u8>, record: &NodeRecord) -> io::Result<()> {
    buffer.push(b'{');
    node_fields(buffer, &record.node)?;
    buffer.push(b',');
    year_fields(buffer, &record.year)?;
    buffer.push(b'}');
    Ok(())
}

/// The fields that say what a node is, without the braces around them.
pub fn node_fields(buffer: &mut Vec<u8>, node: &NodeFields) -> io::Result<()> {
    buffer.extend_from_slice(b"\"level\":");
    text(buffer, node.level)?;
    buffer.extend_from_slice(b",\"code\":");
    text(buffer, node.code)?;
    buffer.extend_from_slice(b",\"parent\":");
    optional_text(buffer, node.parent)?;
    buffer.extend_from_slice(b",\"name\":");
    text(buffer, node.name)?;
    buffer.extend_from_slice(b",\"unit\":");
    optional_text(buffer, node.unit)
}

/// A node's figures for one year, without the braces around them.
pub fn year_fields(buffer: &mut Vec<u8>, year: &YearFields) -> io::Result<()> {
    buffer.extend_from_slice(b"\"weight\":");
    number(buffer, year.weight);
    buffer.extend_from_slice(b",\"target\":");
    match year.target {
        Some(target) => target_text(buffer, target.0)?,
        None => null(buffer),
    }
    buffer.extend_from_slice(b",\"threshold\":");
    figure(buffer, year.threshold)?;
    buffer.extend_from_slice(b",\"value\":");
    figure(buffer, year.value)?;
    buffer.extend_from_slice(b",\"score\":");
    number(buffer, year.score);
    buffer.extend_from_slice(b",\"coverage\":");
    number(buffer, year.coverage);
    buffer.extend_from_slice(b",\"status\":");
    optional_text(buffer, year.status)?;
    buffer.extend_from_slice(b",\"message\":");
    match year.message {
        Some(message) => text(buffer, &Lang::English.message(message.0 .0))?,
        None => null(buffer),
    }
    buffer.extend_from_slice(b",\"note\":");
    optional_text(buffer, year.note)?;
    buffer.extend_from_slice(b",\"scale\":");
    optional_text(buffer, year.scale)
}

fn null(buffer: &mut Vec<u8>) {
    buffer.extend_from_slice(b"null");
}

/// A number as its exact decimal's text, which is always a valid JSON number.
fn number(buffer: &mut Vec<u8>, n: Option<Exact>) {
    match n {
        Some(n) => buffer.extend_from_slice(DecimalText::of(n.decimal()).as_bytes()),
        None => null(buffer),
    }
}

fn figure(buffer: &mut Vec<u8>, figure: Option<Figure>) -> io::Result<()> {
    match figure {
        None => null(buffer),
        Some(Figure::Number(n)) => number(buffer, Some(n)),
        Some(Figure::Date(d)) => {
            // A day's text is digits and `-` (a `+` beyond 9999): nothing to escape.
            buffer.push(b'"');
            write_date(buffer, d.0);
            buffer.push(b'"');
        }
        Some(Figure::Bool(b)) => buffer.extend_from_slice(if b { b"true" } else { b"false" }),
    }
    Ok(())
}

fn optional_text(buffer: &mut Vec<u8>, s: Option<&str>) -> io::Result<()> {
    match s {
        Some(s) => text(buffer, s),
        None => {
            null(buffer);
            Ok(())
        }
    }
}

/// True when any byte of `bytes` is one serde_json writes escaped: a control
/// character, `"` or `\`.
fn any_escaped(bytes: &[u8]) -> bool {
    any_byte(bytes, 0x20, b"\"\\")
}

/// A JSON string: as it is between quotes when nothing in it is escaped (nearly
/// every name and code), else written by serde_json, which escapes it.
fn text(buffer: &mut Vec<u8>, s: &str) -> io::Result<()> {
    if any_escaped(s.as_bytes()) {
        return serde_json::to_writer(buffer, s).map_err(io::Error::from);
    }
    buffer.reserve(s.len() + 2);
    buffer.push(b'"');
    buffer.extend_from_slice(s.as_bytes());
    buffer.push(b'"');
    Ok(())
}

/// A JSON string of a target's text, written in place (it never holds a
/// character to escape; were it to, it is written again through [`text`]).
fn target_text(buffer: &mut Vec<u8>, target: &Target) -> io::Result<()> {
    let start = buffer.len();
    buffer.push(b'"');
    write_target(buffer, target);
    if any_escaped(&buffer[start + 1..]) {
        buffer.truncate(start);
        return text(buffer, &target.to_string());
    }
    buffer.push(b'"');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::Message;
    use crate::report::exact::{IsoDate, Shown};
    use crate::report::fields::{EnglishMessage, SCORE_DP, VALUE_DP};
    use crate::target::{Comparison, Target};
    use rust_decimal::Decimal;

    fn both(record: &NodeRecord) -> (String, String) {
        let mut by_hand = Vec::new();
        super::record(&mut by_hand, record).unwrap();
        (String::from_utf8(by_hand).unwrap(), serde_json::to_string(record).unwrap())
    }

    fn number(text: &str, dp: u32) -> Exact {
        Exact::rounded(text.parse().unwrap(), dp)
    }

    #[test]
    fn a_full_record_is_written_as_serde_writes_it() {
        let target = Target::Number { comparison: Comparison::AtLeast, value: "-0.1".parse().unwrap() };
        let message = Message::NoValue { code: "K\"1\"".to_string(), year: 2024 };
        let record = NodeRecord {
            node: NodeFields {
                level: "indicator",
                code: "K\"1\\",
                parent: Some("A1"),
                name: "Pratiche \u{1}evase\n\tè",
                unit: Some("%"),
            },
            year: YearFields {
                weight: Some(number("33.3333333333333", VALUE_DP)),
                target: Some(Shown(&target)),
                threshold: Some(Figure::Date(IsoDate(chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap()))),
                value: Some(Figure::Number(number("-0.0000000000000000000000000001", 28))),
                score: Some(number("99.9999995", SCORE_DP)),
                coverage: Some(Exact::whole(0)),
                status: Some("partial"),
                message: Some(Shown(EnglishMessage(&message))),
                note: Some("nota \"citata\""),
                scale: Some("0-60:0; 100:100"),
            },
        };
        let (by_hand, serde) = both(&record);
        // The escapes serde_json writes: \" \\ \n \t and \u0001; `è` as it is.
        assert!(by_hand.contains(r#""code":"K\"1\\""#), "{by_hand}");
        assert!(by_hand.contains(r#""name":"Pratiche \u0001evase\n\tè""#), "{by_hand}");
        assert!(by_hand.contains(r#""value":-0.0000000000000000000000000001"#), "{by_hand}");
        assert!(by_hand.contains(r#""score":100,"coverage":0"#), "{by_hand}");
        assert_eq!(by_hand, serde);
    }

    #[test]
    fn an_empty_record_is_nulls_as_serde_writes_them() {
        let record = NodeRecord {
            node: NodeFields { level: "ambito", code: "A1", parent: None, name: "", unit: None },
            year: YearFields {
                weight: None,
                target: None,
                threshold: Some(Figure::Bool(false)),
                value: Some(Figure::Bool(true)),
                score: None,
                coverage: None,
                status: None,
                message: None,
                note: None,
                scale: None,
            },
        };
        let (by_hand, serde) = both(&record);
        assert_eq!(
            by_hand,
            r#"{"level":"ambito","code":"A1","parent":null,"name":"","unit":null,"weight":null,"target":null,"threshold":false,"value":true,"score":null,"coverage":null,"status":null,"message":null,"note":null,"scale":null}"#
        );
        assert_eq!(by_hand, serde);
    }

    #[test]
    fn numbers_of_every_size_are_their_decimal_text() {
        // Whole, fractional below one, the largest mantissa, negative, scale 28.
        for text in ["0", "7", "-12", "0.05", "-0.5", "1234567890.1234567895", "79228162514264337593543950335"] {
            for dp in [0, 6, 10, 28] {
                let n: Decimal = text.parse().unwrap();
                let exact = Exact::rounded(n, dp);
                assert_eq!(exact.text().as_str(), exact.decimal().to_string(), "{text} to {dp}");
                let mut by_hand = Vec::new();
                super::number(&mut by_hand, Some(exact));
                assert_eq!(String::from_utf8(by_hand).unwrap(), serde_json::to_string(&exact).unwrap());
            }
        }
    }
}
