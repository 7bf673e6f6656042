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
//! The document's own fields are one `Serialize` value written by serde_json
//! through [`Lines`], a formatter that knows this layout; everything else
//! (escaping, numbers, null) is serde_json's compact writing. The nodes are
//! written after them, each compact on its line, in runs formatted on every
//! thread ([`write_runs`]).

use std::io::{self, Write};

use serde::{Serialize, Serializer};
use serde_json::ser::Formatter;

use super::runs::write_runs;

/// Writes `document` with the layout above, then a newline, in one piece:
/// what [`write_with_nodes`] must write.
#[cfg(test)]
fn write_document(out: &mut dyn Write, document: &impl Serialize) -> io::Result<()> {
    use std::io::BufWriter;
    let mut buffered = BufWriter::with_capacity(1 << 16, out);
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffered, Lines::default());
    document.serialize(&mut serializer)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// The document's `nodes` field, always its last: an empty array here, the
/// nodes themselves written in its place by [`write_with_nodes`].
pub struct NodesAfter;

impl Serialize for NodesAfter {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(std::iter::empty::<()>())
    }
}

/// The end of a document whose last field is [`NodesAfter`].
const EMPTY_NODES_LAST: &[u8] = b"\"nodes\": []\n}";

/// Writes `document`, whose last field is `nodes: NodesAfter`, with `count`
/// nodes in its `nodes`: `node(i, buffer)` writes the `i`th as one compact
/// JSON value. The same bytes as the document written whole through [`Lines`]
/// with the nodes in it (a test holds the two together).
pub fn write_with_nodes<F>(out: &mut dyn Write, document: &impl Serialize, count: usize, node: F) -> io::Result<()>
where
    F: Fn(usize, &mut Vec<u8>) -> io::Result<()> + Sync,
{
    let mut head = Vec::new();
    document.serialize(&mut serde_json::Serializer::with_formatter(&mut head, Lines::default()))?;
    if !head.ends_with(EMPTY_NODES_LAST) {
        return Err(io::Error::other("a JSON document's nodes must be its last field"));
    }
    // Up to the nodes' `[`.
    out.write_all(&head[..head.len() - b"]\n}".len()])?;
    write_runs(out, count, |run, buffer| {
        for i in run {
            buffer.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
            node(i, buffer)?;
        }
        Ok(())
    })?;
    out.write_all(if count == 0 { b"]\n}\n" } else { b"\n  ]\n}\n" })?;
    out.flush()
}

/// One node as compact JSON, as [`write_with_nodes`] wants it.
pub fn compact(buffer: &mut Vec<u8>, node: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(buffer, node).map_err(io::Error::from)
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

    #[derive(Serialize)]
    struct Head<'a> {
        year: i32,
        years: &'a [i32],
        nodes: NodesAfter,
    }

    #[test]
    fn nodes_written_after_the_fields_are_the_same_bytes() {
        let nodes = [Node { code: "A1", years: &[2024, 2025] }, Node { code: "K\u{1}é", years: &[] }];
        for count in [0, 1, 2] {
            let document = Document { year: 2024, years: &[2024, 2025], nodes: &nodes[..count] };
            let head = Head { year: 2024, years: &[2024, 2025], nodes: NodesAfter };
            let mut out = Vec::new();
            write_with_nodes(&mut out, &head, count, |i, buffer| compact(buffer, &nodes[i])).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), written(&document));
        }
    }

    #[test]
    fn nodes_must_come_last() {
        #[derive(Serialize)]
        struct Misplaced {
            nodes: NodesAfter,
            year: i32,
        }
        let mut out = Vec::new();
        let wrong = write_with_nodes(&mut out, &Misplaced { nodes: NodesAfter, year: 2024 }, 0, |_, _| Ok(()));
        assert!(wrong.is_err());
        assert!(out.is_empty());
    }

    #[test]
    fn no_nodes_is_an_empty_array_on_its_line() {
        let document = Document { year: 2024, years: &[], nodes: &[] };
        assert_eq!(written(&document), "{\n  \"year\": 2024,\n  \"years\": [],\n  \"nodes\": []\n}\n");
    }
}
