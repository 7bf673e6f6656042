//! The layout of every JSON document kpi writes (`eval` and `needs`): the
//! document's own fields one per line, then its `nodes` one per line, each
//! node compact, so a plan of any size streams out node by node and a reader
//! can still follow it with `grep` or `head`:
//!
//! ```text
//! {
//!   "year": 2024,
//!   "score": 81.5,
//!   "nodes": [
//!     {"level":"ambito",...},
//!     {"level":"indicator",...}
//!   ]
//! }
//! ```
//!
//! The document is one `Serialize` value written by serde_json through
//! [`Lines`], a formatter that knows this layout; everything else (escaping,
//! numbers, null) is serde_json's compact writing.

use std::io::{self, BufWriter, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

/// Writes `document` with the layout above, then a newline, through a buffer
/// of its own so serde_json's many small writes stay cheap.
pub fn write_document(out: &mut dyn Write, document: &impl Serialize) -> io::Result<()> {
    let mut buffered = BufWriter::with_capacity(1 << 16, out);
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffered, Lines::default());
    document.serialize(&mut serializer)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// The key of the document's field whose array is written one element per line.
const NODES: &[u8] = b"nodes";

/// serde_json's compact formatter, except at the document's top: its fields
/// one per line (`"key": value`), and the elements of `nodes` one per line.
#[derive(Default)]
struct Lines {
    /// Objects and arrays open around the next token.
    depth: usize,
    /// The document field being written, while its key is read.
    key: Vec<u8>,
    reading_key: bool,
    /// Inside the `nodes` array.
    in_nodes: bool,
    /// `nodes` has at least one element.
    any_node: bool,
}

impl Formatter for Lines {
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth -= 1;
        writer.write_all(if self.depth == 0 { b"\n}" } else { b"}" })
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if self.depth == 1 {
            self.key.clear();
            self.reading_key = true;
            writer.write_all(if first { b"\n  " } else { b",\n  " })
        } else if first {
            Ok(())
        } else {
            writer.write_all(b",")
        }
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.reading_key = false;
        Ok(())
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(if self.depth == 1 { b": " } else { b":" })
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        if self.reading_key {
            self.key.extend_from_slice(fragment.as_bytes());
        }
        writer.write_all(fragment.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        if self.depth == 2 && self.key == NODES {
            self.in_nodes = true;
            self.any_node = false;
        }
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.depth == 1 && self.in_nodes {
            self.in_nodes = false;
            if self.any_node {
                return writer.write_all(b"\n  ]");
            }
        }
        writer.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if self.depth == 2 && self.in_nodes {
            self.any_node = true;
            writer.write_all(if first { b"\n    " } else { b",\n    " })
        } else if first {
            Ok(())
        } else {
            writer.write_all(b",")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Node<'a> {
        code: &'a str,
        years: &'a [i32],
    }

    #[derive(Serialize)]
    struct Document<'a> {
        year: i32,
        years: &'a [i32],
        nodes: &'a [Node<'a>],
    }

    fn written(document: &Document) -> String {
        let mut out = Vec::new();
        write_document(&mut out, document).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn fields_and_nodes_one_per_line_the_rest_compact() {
        let nodes = [Node { code: "A1", years: &[2024, 2025] }, Node { code: "K\u{1}é", years: &[] }];
        let document = Document { year: 2024, years: &[2024, 2025], nodes: &nodes };
        assert_eq!(
            written(&document),
            "{\n  \"year\": 2024,\n  \"years\": [2024,2025],\n  \"nodes\": [\n    \
             {\"code\":\"A1\",\"years\":[2024,2025]},\n    {\"code\":\"K\\u0001é\",\"years\":[]}\n  ]\n}\n"
        );
    }

    #[test]
    fn no_nodes_is_an_empty_array_on_its_line() {
        let document = Document { year: 2024, years: &[], nodes: &[] };
        assert_eq!(written(&document), "{\n  \"year\": 2024,\n  \"years\": [],\n  \"nodes\": []\n}\n");
    }
}
