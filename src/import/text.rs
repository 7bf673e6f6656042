//! Small text helpers shared by the readers of the published layout.
//!
//! The source is text extracted from a PDF: cells carry runs of spaces,
//! non-breaking spaces and stray tabs, and words are what every rule matches
//! on. All slicing here goes through `char_indices`, so no input can split a
//! UTF-8 character.

/// Collapses every run of whitespace (tabs, non-breaking spaces, newlines)
/// into one space and trims the ends: cells compare and print the same
/// however the PDF extraction spaced them.
pub(crate) fn normalize_whitespace(text: &str) -> String {
    text.split(|c: char| c.is_whitespace()).filter(|word| !word.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A word of a text with its byte range, so rules can cut the text at a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    pub(crate) text: &'a str,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// The whitespace-separated words of `text`, with their byte ranges.
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let mut found = Vec::new();
    let mut start = None;
    for (index, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(begin)) => {
                found.push(Word { text: &text[begin..index], start: begin, end: index });
                start = None;
            }
            (false, None) => start = Some(index),
            _ => {}
        }
    }
    if let Some(begin) = start {
        found.push(Word { text: &text[begin..], start: begin, end: text.len() });
    }
    found
}

/// Trims characters that only punctuate (`:`, `,`, `;`, `-`, `/`) and spaces
/// from the end of a title or quantity name.
pub(crate) fn trim_trailing_punctuation(text: &str) -> &str {
    text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | ';' | '-' | '/')).trim_start()
}

/// Whether `word` is `soglia` in any case: the plan's word for a threshold.
pub(crate) fn is_soglia_word(word: &str) -> bool {
    word.trim_end_matches(':').eq_ignore_ascii_case("soglia")
}

/// Byte offset of the first word `soglia` (any case) in `text`, if any.
pub(crate) fn find_soglia(text: &str) -> Option<usize> {
    words(text).into_iter().find(|word| is_soglia_word(word.text)).map(|word| word.start)
}

/// Shortens a text for a review message, on a character boundary.
pub(crate) fn excerpt(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_to_single_spaces() {
        assert_eq!(normalize_whitespace("  a\u{a0} b\t\tc "), "a b c");
    }

    #[test]
    fn words_carry_byte_ranges() {
        let text = "città  di Torino";
        let found = words(text);
        assert_eq!(found.len(), 3);
        assert_eq!(&text[found[1].start..found[1].end], "di");
    }

    #[test]
    fn excerpt_cuts_on_characters() {
        assert_eq!(excerpt("àèìòù", 3), "àèì…");
        assert_eq!(excerpt("abc", 3), "abc");
    }
}
