//! The nodes' codes and names. A plan of a million indicators would hold a
//! million small allocations of its own for them (about 48 bytes each with
//! the allocator's overhead, for 28 bytes of text): instead the nodes read
//! together write theirs one after the other in one text, which they share
//! (README, "National scale").

use std::fmt;
use std::sync::{Arc, OnceLock};

/// The text of the nodes read together, set once they are all read.
type Shared = Arc<OnceLock<Box<str>>>;

/// Where a node's code and name are in the text it shares: the code first,
/// then the name.
#[derive(Clone)]
pub(super) struct Label {
    text: Shared,
    at: u32,
    code_len: u32,
    name_len: u32,
}

impl Label {
    pub(super) fn code(&self) -> &str {
        let at = self.at as usize;
        &self.text()[at..at + self.code_len as usize]
    }

    pub(super) fn name(&self) -> &str {
        let at = self.at as usize + self.code_len as usize;
        &self.text()[at..at + self.name_len as usize]
    }

    /// Empty only while the nodes that share it are still being read
    /// ([`LabelWriter::finish`] sets it before the plan is made).
    fn text(&self) -> &str {
        self.text.get().map_or("", |text| text)
    }
}

/// Two nodes' labels are the same when their codes and names are.
impl PartialEq for Label {
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code() && self.name() == other.name()
    }
}

impl fmt::Debug for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Label").field("code", &self.code()).field("name", &self.name()).finish()
    }
}

/// The text the nodes being read write their codes and names to.
#[derive(Default)]
pub(super) struct LabelWriter {
    text: String,
    shared: Shared,
}

impl LabelWriter {
    /// Writes a node's code and name and tells where they are. A text that
    /// would go past what 32-bit places reach (a workbook can repeat one
    /// long shared string in every row) is finished and another begun.
    pub(super) fn label(&mut self, code: &str, name: &str) -> Label {
        // A cell holds at most 32 767 characters (README, "Limits").
        let len = |text: &str| u32::try_from(text.len()).expect("a cell within the limits of a file");
        let (code_len, name_len) = (len(code), len(name));
        if u32::try_from(self.text.len() + code.len() + name.len()).is_err() {
            self.finish();
        }
        let at = len(&self.text);
        self.text.push_str(code);
        self.text.push_str(name);
        Label { text: Arc::clone(&self.shared), at, code_len, name_len }
    }

    /// Gives the nodes written so far their text; the writer starts a new one.
    pub(super) fn finish(&mut self) {
        let text = std::mem::take(&mut self.text).into_boxed_str();
        let shared = std::mem::take(&mut self.shared);
        // Set only here, where the writer gives up its own handle.
        let _ = shared.set(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Labels written into one text give back their code and name once the
    /// text is finished; those of a new text after `finish` have their own.
    #[test]
    fn labels_come_back_from_the_shared_text() {
        let mut writer = LabelWriter::default();
        let a = writer.label("A1", "Ambito uno");
        let k = writer.label("K1", "");
        let e = writer.label("", "è");
        writer.finish();
        let b = writer.label("B2", "Dopo");
        writer.finish();
        assert_eq!((a.code(), a.name()), ("A1", "Ambito uno"));
        assert_eq!((k.code(), k.name()), ("K1", ""));
        assert_eq!((e.code(), e.name()), ("", "è"));
        assert_eq!((b.code(), b.name()), ("B2", "Dopo"));
        // "A1Ambito unoK1è": 15 bytes in the first text, the second its own.
        assert_eq!(e.at, 14);
        assert_eq!(b.at, 0);
        // The same code and name in another text are the same label.
        let again = writer.label("A1", "Ambito uno");
        writer.finish();
        assert_eq!(again, a);
        assert_ne!(again, b);
    }
}
