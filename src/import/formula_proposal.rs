//! Proposing a formula (README, "Formulas") from an indicator's algoritmo.
//!
//! The plan writes its algoritmi as Italian prose with operators in between
//! (`Patrimonio netto / Immobilizzazioni`, `Numero pratiche … anno N (meno)
//! N pratiche anno N-1 / Numero pratiche anno N-1`). They are read the way
//! such plans mean them:
//!
//! - one top-level ` / ` divides everything before it by everything after
//!   it: `A + B / C` is `([A] + [B]) / [C]`;
//! - ` + `, ` - `, ` meno `, `(meno)` and `(-)` between phrases add and
//!   subtract; a `-` or `/` without spaces around it belongs to a name;
//! - a parenthesis that opens an operand groups; one that follows a phrase
//!   qualifies it and belongs to its name (`strumenti digitali (primo
//!   rilascio + rinnovo)`);
//! - year words are dropped from names, and `anno N-1`, `anno precedente`,
//!   `(N-1)` make the quantity lagged, `[name](N-1)`; a phrase that is only
//!   `anno n-1` repeats the previous quantity a year earlier;
//! - in `A - B(N-1)` and `(A - B(N-1)) / C(N-1)` the lagged quantities are
//!   the same measured thing as `A` and take its name;
//! - `/ 100 imprese …` and `/ 10 mila imprese …` are per hundred and per ten
//!   thousand;
//! - a trailing `*100` against percent targets is dropped: kpi's percents
//!   are fractions;
//! - a `data …` algoritmo, or any algoritmo whose targets are deadlines, is
//!   one date quantity.
//!
//! Every guess is reported in the notes; what cannot be read yields no
//! formula and a note saying why.

use super::text::{excerpt, normalize_whitespace, trim_trailing_punctuation};
use crate::formula::{Expr, Op, Quantity, MAX_LAG};
use rust_decimal::Decimal;
use std::str::FromStr;

/// A proposed formula and what the reviewer should double-check.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct FormulaProposal {
    pub(crate) formula: Option<String>,
    pub(crate) notes: Vec<String>,
}

/// What the targets say about the indicator, which decides how the
/// algoritmo's `*100` and dates are read.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TargetKind {
    pub(crate) percent: bool,
    pub(crate) deadline: bool,
}

/// Proposes a formula for `algorithm`.
pub(crate) fn propose_formula(algorithm: &str, targets: TargetKind) -> FormulaProposal {
    let mut notes = Vec::new();
    let formula = proposal(algorithm, targets, &mut notes);
    FormulaProposal { formula, notes }
}

fn proposal(algorithm: &str, targets: TargetKind, notes: &mut Vec<String>) -> Option<String> {
    let text = normalize_whitespace(algorithm);
    if text.is_empty() {
        notes.push("no algoritmo: no formula proposed".into());
        return None;
    }
    let text = drop_footnotes(&text, notes);
    let text = drop_definitions(&text, notes);
    let (text, times_hundred) = strip_times_hundred(&text);
    let text = normalize_whitespace(&text.replace('*', ""));
    let text = ratio_in_words(&spaced_divisions(&text), notes);

    let opens_with_data = text.split_whitespace().next().is_some_and(|w| w.eq_ignore_ascii_case("data"));
    if opens_with_data || targets.deadline {
        if !opens_with_data {
            notes.push("the targets are deadlines: the algoritmo is read as one date".into());
        }
        return quantity(&clean_name(&text).name, 0).map(|date| date.to_string());
    }

    let tokens = match tokenize(&text) {
        Ok(tokens) => tokens,
        Err(problem) => {
            notes.push(format!("algoritmo not read ({problem}): no formula proposed"));
            return None;
        }
    };
    let mut parser = Parser { tokens, at: 0 };
    let parsed = parser.divisions().and_then(|ast| {
        if parser.at < parser.tokens.len() {
            Err("something follows a closed parenthesis".into())
        } else {
            Ok(ast)
        }
    });
    let expr = parsed.and_then(|ast| top_level_expr(ast, notes));
    let mut expr = match expr {
        Ok(expr) => expr,
        Err(problem) => {
            notes.push(format!("algoritmo too complex to read ({problem}): no formula proposed"));
            return None;
        }
    };
    unify_lagged_names(&mut expr, notes);
    report_only_lagged(&expr, notes);
    if let (Expr::Quantity(single), Some(word)) = (&expr, ratio_word(algorithm)) {
        notes.push(format!(
            "the algoritmo speaks of a ratio ('{word}') but the proposal is the one quantity {single}: check it"
        ));
    }
    if times_hundred {
        if targets.percent {
            notes.push("trailing *100 dropped: the targets are percents, which kpi reads as fractions".into());
        } else {
            notes.push("trailing *100 kept: the targets are not percents".into());
            expr = Expr::binary(Op::Mul, expr, Expr::number(Decimal::ONE_HUNDRED));
        }
    }
    Some(expr.to_string())
}

/// Removes `[* … ]` footnote definitions, reporting what was dropped.
fn drop_footnotes(text: &str, notes: &mut Vec<String>) -> String {
    let mut kept = String::new();
    let mut dropped = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        kept.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) => {
                dropped.push(after[..close].trim().to_string());
                rest = &after[close + 1..];
            }
            None => {
                dropped.push(after.trim().to_string());
                rest = "";
            }
        }
    }
    kept.push_str(rest);
    if !dropped.is_empty() {
        dropped.dedup();
        let shown: Vec<String> = dropped.iter().map(|d| excerpt(d, 70)).collect();
        notes.push(format!("footnote definitions dropped from the formula: [{}]", shown.join("] [")));
    }
    kept.replace(']', "")
}

/// Removes the definitions a plan writes after the computation (`(A/B)*100;
/// DOVE A = …`), reporting them: they explain the terms, they are not terms.
fn drop_definitions(text: &str, notes: &mut Vec<String>) -> String {
    let lower = text.to_ascii_lowercase();
    let at = lower.match_indices("dove").map(|(at, _)| at).find(|&at| {
        let before = lower[..at].trim_end();
        let after = lower[at + 4..].chars().next();
        let whole_word = after.is_none_or(|c| !c.is_alphanumeric());
        let opens = before.ends_with([';', '.', ',', ':']) || text[at..].starts_with("DOVE");
        whole_word && !before.is_empty() && opens
    });
    let Some(at) = at else {
        return text.to_string();
    };
    notes.push(format!(
        "definitions after '{}' kept out of the formula: '{}'",
        &text[at..at + 4],
        excerpt(text[at + 4..].trim(), 70)
    ));
    text[..at].trim_end().trim_end_matches([';', '.', ',', ':']).trim_end().to_string()
}

/// Words around a `/` written without spaces that still make it a division:
/// a year word before it (`nell'anno t/Prestiti`, `anno N/Numero`), or
/// capitals on both sides (`T_IND_EVI/TOT_IND`); and a `/` with a space on one
/// side only (`anno t/ Indice`). Elsewhere (`utenti/imprese`, `e/o`, `31/12`)
/// it belongs to the name.
fn spaced_divisions(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (at, &c) in chars.iter().enumerate() {
        if c != '/' {
            out.push(c);
            continue;
        }
        let space_before = at == 0 || chars[at - 1].is_whitespace();
        let space_after = chars.get(at + 1).is_none_or(|c| c.is_whitespace());
        let word_before: String =
            chars[..at].iter().rev().take_while(|c| !c.is_whitespace()).collect::<Vec<_>>().into_iter().rev().collect();
        let word_after: String = chars[at + 1..].iter().take_while(|c| !c.is_whitespace()).collect();
        let words: Vec<&str> = out.split_whitespace().collect();
        let year_before = !space_before
            && words.len() >= 2
            && year_phrase(&words[words.len() - 2..]).is_some_and(|(length, _)| length == 2);
        let capitals = |w: &str| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '_');
            !w.is_empty()
                && w.chars().any(char::is_alphabetic)
                && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        };
        let between_capitals = !space_before && !space_after && capitals(&word_before) && capitals(&word_after);
        if space_before != space_after || year_before || between_capitals {
            out.truncate(out.trim_end().len());
            out.push_str(" / ");
        } else {
            out.push(c);
        }
    }
    normalize_whitespace(&out)
}

/// The words before a divisor that mean "per" in a plan's algoritmo, longest
/// first: `A rispetto al B` is A / B.
const RESPECT_TO: [&str; 8] = [
    " rispetto agli ",
    " rispetto alle ",
    " rispetto alla ",
    " rispetto allo ",
    " rispetto ai ",
    " rispetto al ",
    " rispetto all'",
    " rispetto a ",
];

/// Words that open a divisor after `su` (`Numero pratiche evase su numero
/// pratiche ricevute`): elsewhere `su` is part of a name (`post su LinkedIn`).
const DIVISOR_OPENERS: [&str; 10] =
    ["numero", "n.", "nr.", "totale", "il numero", "il totale", "l'ammontare", "ammontare", "valore", "100"];

/// A ratio written in words, rewritten with its ` / `: `rapporto tra A e B`,
/// `percentuale di A rispetto a B`, `A rispetto a B`, `A su B`. Only an
/// algoritmo with no division of its own is rewritten.
fn ratio_in_words(text: &str, notes: &mut Vec<String>) -> String {
    if text.contains(" / ") {
        return text.to_string();
    }
    let lower = text.to_ascii_lowercase();
    for opener in ["il rapporto tra ", "il rapporto fra ", "rapporto tra ", "rapporto fra "] {
        if !lower.starts_with(opener) {
            continue;
        }
        let rest = &text[opener.len()..];
        let rest_lower = &lower[opener.len()..];
        let ands: Vec<usize> = rest_lower.match_indices(" e ").map(|(at, _)| at).collect();
        let Some(&first) = ands.first() else {
            return text.to_string();
        };
        if ands.len() > 1 {
            notes.push(format!(
                "'{}': of its {} ' e ', the first is read as the one between the two terms: check it",
                excerpt(text, 60),
                ands.len()
            ));
        }
        return format!("{} / {}", &rest[..first], &rest[first + 3..]);
    }
    let body_start = [
        "percentuale di ",
        "percentuale del ",
        "percentuale della ",
        "percentuale dei ",
        "percentuale delle ",
        "la percentuale di ",
    ]
    .iter()
    .find(|p| lower.starts_with(*p))
    .map_or(0, |p| p.len());
    let divided = |at: usize, length: usize| -> String {
        let numerator = &text[body_start..at];
        let mut divisor = text[at + length..].to_string();
        // `rispetto all'anno precedente`: the same quantity a year earlier.
        let cleaned = clean_name(&divisor);
        if cleaned.name.is_empty() && cleaned.had_year_words {
            divisor = format!("{} {divisor}", clean_name(numerator).name);
        }
        format!("{numerator} / {divisor}")
    };
    let find = |word: &str| lower[body_start..].find(word).map(|at| at + body_start);
    if let Some((at, word)) = RESPECT_TO.iter().filter_map(|w| Some((find(w)?, w))).min_by_key(|(at, _)| *at) {
        return divided(at, word.len());
    }
    let su = lower.match_indices(" su ").map(|(at, _)| at).filter(|&at| at >= body_start).find(|&at| {
        let after = &lower[at + 4..];
        DIVISOR_OPENERS.iter().any(|opener| after.starts_with(opener))
    });
    match su {
        Some(at) => divided(at, 4),
        None => text.to_string(),
    }
}

/// The word that makes an algoritmo speak of a ratio, if any.
fn ratio_word(algorithm: &str) -> Option<&'static str> {
    let lower = algorithm.to_lowercase();
    let su_divisor =
        lower.match_indices(" su ").any(|(at, _)| DIVISOR_OPENERS.iter().any(|o| lower[at + 4..].starts_with(o)));
    ["rapporto", "rispetto a", "percentuale", " / "]
        .into_iter()
        .find(|word| lower.contains(word))
        .or(su_divisor.then_some(" su "))
        .map(str::trim)
}

/// Strips a trailing `*100` / `* 100`, telling whether there was one.
fn strip_times_hundred(text: &str) -> (String, bool) {
    let trimmed = text.trim_end();
    if let Some(before) = trimmed.strip_suffix("100") {
        if let Some(before) = before.trim_end().strip_suffix('*') {
            return (before.trim_end().to_string(), true);
        }
    }
    (trimmed.to_string(), false)
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Text(String),
    Plus,
    Minus,
    Slash,
    Open,
    Close,
}

/// Operators written as words or in parentheses.
const WORD_MINUS: [&str; 3] = ["(meno)", "(-)", "meno"];

/// Splits the algoritmo into phrases, operators and grouping parentheses.
fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut at = 0;
    let mut depth = 0usize;
    let mut expect_operand = true;
    while at < chars.len() {
        if chars[at].is_whitespace() {
            at += 1;
            continue;
        }
        if let Some(length) = parenthesised_operator(&chars, at) {
            tokens.push(Token::Minus);
            at += length;
            expect_operand = true;
            continue;
        }
        if let Some((token, length)) = binary_operator(&chars, at) {
            if expect_operand && token != Token::Minus {
                return Err("an operator has nothing before it".into());
            }
            tokens.push(token);
            at += length;
            expect_operand = true;
            continue;
        }
        match chars[at] {
            '(' if expect_operand => {
                tokens.push(Token::Open);
                depth += 1;
                at += 1;
            }
            ')' if depth > 0 => {
                tokens.push(Token::Close);
                depth -= 1;
                at += 1;
                expect_operand = false;
            }
            ')' => return Err("a parenthesis closes that never opened".into()),
            _ => {
                let (phrase, next) = phrase(&chars, at, depth)?;
                tokens.push(Token::Text(phrase));
                at = next;
                expect_operand = false;
            }
        }
    }
    if depth > 0 {
        return Err("a parenthesis is never closed".into());
    }
    Ok(tokens)
}

/// `(meno)` or `(-)` at `at`: its length in chars.
fn parenthesised_operator(chars: &[char], at: usize) -> Option<usize> {
    WORD_MINUS[..2].iter().find(|op| starts_with_ignore_case(chars, at, op)).map(|op| op.chars().count())
}

/// A binary operator at `at`, standing alone between spaces.
fn binary_operator(chars: &[char], at: usize) -> Option<(Token, usize)> {
    let spaced = |length: usize| chars.get(at + length).is_none_or(|c| c.is_whitespace());
    let token = match chars[at] {
        '/' => Token::Slash,
        '+' => Token::Plus,
        '-' | '–' => Token::Minus,
        _ => return (starts_with_ignore_case(chars, at, WORD_MINUS[2]) && spaced(4)).then_some((Token::Minus, 4)),
    };
    spaced(1).then_some((token, 1))
}

fn starts_with_ignore_case(chars: &[char], at: usize, wanted: &str) -> bool {
    let mut index = at;
    for expected in wanted.chars() {
        match chars.get(index) {
            Some(c) if c.to_lowercase().eq(expected.to_lowercase()) => index += 1,
            _ => return false,
        }
    }
    true
}

/// Reads a phrase from `at` up to the next operator or grouping parenthesis;
/// a parenthesis inside the phrase qualifies it and is kept whole.
fn phrase(chars: &[char], mut at: usize, depth: usize) -> Result<(String, usize), String> {
    let mut read = String::new();
    while at < chars.len() {
        let c = chars[at];
        if c.is_whitespace() {
            let next = at + 1;
            let operator_follows = next < chars.len()
                && (parenthesised_operator(chars, next).is_some() || binary_operator(chars, next).is_some());
            if operator_follows {
                break;
            }
        }
        if c == '(' {
            if parenthesised_operator(chars, at).is_some() {
                break;
            }
            let close = matching_parenthesis(chars, at).ok_or_else(|| "a parenthesis is never closed".to_string())?;
            read.extend(&chars[at..=close]);
            at = close + 1;
            continue;
        }
        if c == ')' {
            if depth > 0 {
                break;
            }
            return Err("a parenthesis closes that never opened".into());
        }
        read.push(c);
        at += 1;
    }
    Ok((read.trim().to_string(), at))
}

fn matching_parenthesis(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (index, &c) in chars.iter().enumerate().skip(open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(index);
                }
            }
            _ => {}
        }
    }
    None
}

/// The algoritmo as read: sums separated by top-level divisions.
#[derive(Debug)]
struct Divisions(Vec<Sum>);

#[derive(Debug)]
struct Sum(Vec<(bool, Operand)>);

#[derive(Debug)]
enum Operand {
    Phrase(String),
    Group(Divisions),
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn divisions(&mut self) -> Result<Divisions, String> {
        let mut parts = vec![self.sum()?];
        while self.peek() == Some(&Token::Slash) {
            self.at += 1;
            parts.push(self.sum()?);
        }
        Ok(Divisions(parts))
    }

    fn sum(&mut self) -> Result<Sum, String> {
        let mut negative = false;
        if self.peek() == Some(&Token::Minus) {
            self.at += 1;
            negative = true;
        }
        let mut terms = vec![(negative, self.operand()?)];
        loop {
            let negative = match self.peek() {
                Some(Token::Plus) => false,
                Some(Token::Minus) => true,
                _ => return Ok(Sum(terms)),
            };
            self.at += 1;
            terms.push((negative, self.operand()?));
        }
    }

    fn operand(&mut self) -> Result<Operand, String> {
        match self.tokens.get(self.at).cloned() {
            Some(Token::Text(text)) => {
                self.at += 1;
                Ok(Operand::Phrase(text))
            }
            Some(Token::Open) => {
                self.at += 1;
                let inner = self.divisions()?;
                if self.peek() != Some(&Token::Close) {
                    return Err("a parenthesis is never closed".into());
                }
                self.at += 1;
                Ok(Operand::Group(inner))
            }
            _ => Err("an operator has nothing on one side".into()),
        }
    }
}

/// A measured quantity of the proposal: the name as a formula can hold it
/// (no brackets, trimmed), `None` when nothing is left of it.
fn quantity(name: &str, lag: u32) -> Option<Expr> {
    let name = name.replace(['[', ']'], "");
    let name = name.trim();
    (!name.is_empty()).then(|| Expr::quantity(name, lag))
}

/// The whole algoritmo: one division at most, or an algoritmo written twice
/// (`A / B A' / B`), read once.
fn top_level_expr(ast: Divisions, notes: &mut Vec<String>) -> Result<Expr, String> {
    let mut parts = ast.0;
    if parts.len() == 3 {
        if let (Some(middle), Some(last)) = (single_phrase(&parts[1]), single_phrase(&parts[2])) {
            if middle.starts_with(last) && middle.len() > last.len() {
                notes.push("the algoritmo is written twice: the first reading is used, check it".into());
                parts.remove(1);
            }
        }
    }
    divisions_expr(Divisions(parts))
}

fn single_phrase(sum: &Sum) -> Option<&str> {
    match sum.0.as_slice() {
        [(false, Operand::Phrase(text))] => Some(text),
        _ => None,
    }
}

fn divisions_expr(divisions: Divisions) -> Result<Expr, String> {
    let mut parts = divisions.0.into_iter();
    let (Some(numerator), denominator, None) = (parts.next(), parts.next(), parts.next()) else {
        return Err("more than one division".into());
    };
    let numerator = sum_expr(numerator)?;
    match denominator {
        None => Ok(numerator),
        Some(denominator) => Ok(Expr::binary(Op::Div, numerator, denominator_expr(denominator)?)),
    }
}

/// A denominator, where `100 imprese attive` means "per hundred firms".
fn denominator_expr(sum: Sum) -> Result<Expr, String> {
    if let Some(phrase) = single_phrase(&sum) {
        if let Some(expr) = per_count(phrase) {
            return Ok(expr);
        }
    }
    sum_expr(sum)
}

/// `100 imprese attive …` → `[imprese attive] / 100`; `10 mila …` → `/ 10000`.
fn per_count(phrase: &str) -> Option<Expr> {
    let mut words = phrase.split_whitespace();
    let count: u64 = words.next()?.parse().ok()?;
    let rest: Vec<&str> = words.collect();
    let (count, rest) = match rest.split_first() {
        Some((first, tail)) if first.eq_ignore_ascii_case("mila") => (count.checked_mul(1000)?, tail),
        _ => (count, rest.as_slice()),
    };
    let cleaned = clean_name(&rest.join(" "));
    let per = quantity(&cleaned.name, cleaned.lag)?;
    Some(Expr::binary(Op::Div, per, Expr::number(Decimal::from(count))))
}

/// A sum of terms, left to right: `a - b + c` is `(a - b) + c`; a leading
/// minus negates the first term.
fn sum_expr(sum: Sum) -> Result<Expr, String> {
    let mut total: Option<Expr> = None;
    let mut previous: Option<Expr> = None;
    for (negative, operand) in sum.0 {
        let expr = match operand {
            Operand::Group(inner) => divisions_expr(inner)?,
            Operand::Phrase(text) => phrase_expr(&text, previous.as_ref())?,
        };
        previous = Some(expr.clone());
        total = Some(match (total, negative) {
            (None, false) => expr,
            (None, true) => Expr::negated(expr),
            (Some(sum), false) => Expr::binary(Op::Add, sum, expr),
            (Some(sum), true) => Expr::binary(Op::Sub, sum, expr),
        });
    }
    total.ok_or_else(|| "an operator has nothing on one side".to_string())
}

/// A phrase: a number, a quantity, or only year words (`anno n-1`), which
/// repeat the previous quantity of the sum at that lag.
fn phrase_expr(text: &str, previous: Option<&Expr>) -> Result<Expr, String> {
    if let Some(number) = number_literal(text) {
        return Ok(Expr::number(number));
    }
    let cleaned = clean_name(text);
    if let Some(expr) = quantity(&cleaned.name, cleaned.lag) {
        return Ok(expr);
    }
    match previous {
        Some(Expr::Quantity(q)) if cleaned.had_year_words => Ok(Expr::quantity(&q.name, cleaned.lag)),
        _ => Err(format!("'{text}' names no quantity")),
    }
}

/// `100`, `0,5`, `1.5`: a number.
fn number_literal(text: &str) -> Option<Decimal> {
    let digits_ok = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && text.chars().next().is_some_and(|c| c.is_ascii_digit());
    if !digits_ok {
        return None;
    }
    let text = if text.contains(',') { text.replace('.', "").replace(',', ".") } else { text.to_string() };
    Decimal::from_str(&text).ok()
}

/// A quantity name with the year words taken out.
#[derive(Debug, PartialEq, Eq)]
struct CleanedName {
    name: String,
    lag: u32,
    had_year_words: bool,
}

/// Year words: `anno N`, `anno t`, `dell'anno`, `nell'anno N`, `entro anno
/// N`, `al 31 dicembre dell'anno`, `al 31/12 dell'anno N`, `anno
/// precedente`, `anno n-1`, `anno t-1`, `(N-1)`, `(anno N)`. Dropping them
/// leaves the measured thing, and the lag they state.
fn clean_name(text: &str) -> CleanedName {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut kept = Vec::new();
    let mut lag = 0;
    let mut had_year_words = false;
    let mut at = 0;
    while at < words.len() {
        match year_phrase(&words[at..]) {
            Some((length, found)) => {
                lag = lag.max(found);
                had_year_words = true;
                at += length;
            }
            None => {
                kept.push(words[at]);
                at += 1;
            }
        }
    }
    let joined = kept.join(" ").replace(['[', ']'], "");
    CleanedName { name: trim_trailing_punctuation(&joined).to_string(), lag, had_year_words }
}

/// Length in words and lag of a year phrase opening `words`, if any.
fn year_phrase(words: &[&str]) -> Option<(usize, u32)> {
    let lower: Vec<String> = words.iter().take(6).map(|w| w.to_lowercase().replace('’', "'")).collect();
    let word = |i: usize| lower.get(i).map(String::as_str);

    if let Some(lag) = word(0).and_then(|w| w.strip_prefix('(')?.strip_suffix(')').map(year_lag)) {
        return lag.map(|lag| (1, lag));
    }
    if word(0) == Some("(anno") {
        let lag = word(1).and_then(|w| w.strip_suffix(')')).and_then(year_lag)?;
        return Some((2, lag));
    }

    let mut at = 0;
    if word(0) == Some("al") {
        match (word(1), word(2)) {
            (Some("31"), Some("dicembre")) => at = 3,
            (Some("31/12" | "31.12"), _) => at = 2,
            _ => return None,
        }
    }
    if word(at) == Some("entro") {
        at += 1;
    }
    let year_word = word(at)?;
    let bare_year = match year_word {
        "anno" => true,
        "dell'anno" | "nell'anno" | "all'anno" => false,
        _ => return None,
    };
    let suffix = word(at + 1).map(|w| w.trim_end_matches([':', ',', ';']));
    match suffix {
        Some("precedente") => Some((at + 2, 1)),
        Some(suffix) => match year_lag(suffix.trim_start_matches('(').trim_end_matches(')')) {
            Some(lag) => Some((at + 2, lag)),
            None if !bare_year => Some((at + 1, 0)),
            None => None,
        },
        None if !bare_year => Some((at + 1, 0)),
        None => None,
    }
}

/// `n`, `n.` or `t` → 0, `n-1` or `t-1` → 1 (lower-case input); more years
/// back than a formula may read is no year phrase.
fn year_lag(text: &str) -> Option<u32> {
    match text {
        "n" | "n." | "t" => Some(0),
        _ => text.strip_prefix("n-").or_else(|| text.strip_prefix("t-"))?.parse().ok().filter(|&lag| lag <= MAX_LAG),
    }
}

/// In `A - B(N-1)` the lagged phrase is the same measured thing as `A`, and
/// so is a lagged divisor of that difference (a growth rate): they take
/// `A`'s name.
fn unify_lagged_names(expr: &mut Expr, notes: &mut Vec<String>) {
    match expr {
        Expr::Binary(Op::Sub, ..) => {
            unify_difference(expr, notes);
        }
        Expr::Binary(Op::Div, numerator, denominator, _) => {
            let Some(current) = unify_difference(numerator, notes) else {
                return;
            };
            if let Expr::Quantity(divisor) = denominator.as_mut() {
                if divisor.lag > 0 && divisor.name != current {
                    notes.push(format!(
                        "divisor '{}' (N-{}) read as the same quantity as '{current}'",
                        divisor.name, divisor.lag
                    ));
                    *divisor = Quantity::new(&current, divisor.lag);
                }
            }
        }
        _ => {}
    }
}

/// Renames the lagged term of `A - B(N-k)` to `A`; returns `A`'s name when
/// the expression is such a difference.
fn unify_difference(expr: &mut Expr, notes: &mut Vec<String>) -> Option<String> {
    let Expr::Binary(Op::Sub, current, lagged, _) = expr else {
        return None;
    };
    let (Expr::Quantity(current), Expr::Quantity(lagged)) = (current.as_ref(), lagged.as_mut()) else {
        return None;
    };
    if current.lag != 0 || lagged.lag == 0 {
        return None;
    }
    if lagged.name != current.name {
        notes.push(format!("'{}' (N-{}) read as the same quantity as '{}'", lagged.name, lagged.lag, current.name));
        *lagged = Quantity::new(&current.name, lagged.lag);
    }
    Some(current.name.clone())
}

/// A quantity used only a year earlier may not be what the plan measures.
fn report_only_lagged(expr: &Expr, notes: &mut Vec<String>) {
    let mut quantities: Vec<&Quantity> = Vec::new();
    for q in expr.quantities() {
        if !quantities.contains(&q) {
            quantities.push(q);
        }
    }
    for q in &quantities {
        if q.lag > 0 && !quantities.iter().any(|other| other.name == q.name && other.lag == 0) {
            notes.push(format!("'{}' appears only at N-{}: check it is the quantity the plan means", q.name, q.lag));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formula(algorithm: &str) -> Option<String> {
        propose_formula(algorithm, TargetKind::default()).formula
    }

    fn percent(algorithm: &str) -> FormulaProposal {
        propose_formula(algorithm, TargetKind { percent: true, deadline: false })
    }

    #[test]
    fn one_division() {
        assert_eq!(
            formula("Patrimonio netto / Immobilizzazioni").as_deref(),
            Some("[Patrimonio netto] / [Immobilizzazioni]")
        );
    }

    #[test]
    fn top_level_division_takes_the_whole_sum() {
        assert_eq!(
            formula("Contributi (CCIAA) + Proventi da gestione (CCIAA) / Proventi correnti").as_deref(),
            Some("([Contributi (CCIAA)] + [Proventi da gestione (CCIAA)]) / [Proventi correnti]")
        );
    }

    #[test]
    fn growth_rate_with_meno_and_abbreviated_names() {
        let proposal = percent(
            "Numero pratiche gestite tramite Suap camerale anno N (meno) N pratiche anno N-1 / Numero pratiche anno N-1",
        );
        assert_eq!(
            proposal.formula.as_deref(),
            Some("([Numero pratiche gestite tramite Suap camerale] - [Numero pratiche gestite tramite Suap camerale](N-1)) / [Numero pratiche gestite tramite Suap camerale](N-1)")
        );
        assert_eq!(proposal.notes.len(), 2, "{:?}", proposal.notes);
    }

    #[test]
    fn year_only_phrase_repeats_the_previous_quantity() {
        assert_eq!(
            formula("Numero follower al 31 dicembre dell'anno n (-) anno n-1 / Numero followers al 31 dicembre dell'anno n-1").as_deref(),
            Some("([Numero follower] - [Numero follower](N-1)) / [Numero follower](N-1)")
        );
    }

    #[test]
    fn difference_with_anno_precedente() {
        assert_eq!(
            formula("Numero partner di TSI al 31 dicembre dell'anno (meno) Numero partner di TSI al 31 dicembre anno precedente").as_deref(),
            Some("[Numero partner di TSI] - [Numero partner di TSI](N-1)")
        );
    }

    #[test]
    fn grouping_and_lag_in_parentheses() {
        assert_eq!(
            formula("(Numero imprese cancellate - Numero imprese cancellate anno (N-1)) / Numero imprese cancellate anno (N-1)").as_deref(),
            Some("([Numero imprese cancellate] - [Numero imprese cancellate](N-1)) / [Numero imprese cancellate](N-1)")
        );
    }

    #[test]
    fn qualifying_parenthesis_belongs_to_the_name() {
        assert_eq!(
            formula("N. strumenti digitali (primo rilascio + rinnovo) / 100 imprese attive al 31/12 dell'anno N")
                .as_deref(),
            Some("[N. strumenti digitali (primo rilascio + rinnovo)] / ([imprese attive] / 100)")
        );
        assert_eq!(
            formula("N. assesment condotti / 10 mila imprese attive al 31/12 dell'anno N").as_deref(),
            Some("[N. assesment condotti] / ([imprese attive] / 10000)")
        );
    }

    #[test]
    fn footnotes_and_markers_are_dropped() {
        let proposal = percent(
            "(Proventi strutturali* - Oneri strutturali**) / Proventi strutturali* [* Proventi strutturali = Proventi correnti - Maggiorazione ** Oneri (20% e/o 50%)]",
        );
        assert_eq!(
            proposal.formula.as_deref(),
            Some("([Proventi strutturali] - [Oneri strutturali]) / [Proventi strutturali]")
        );
        assert!(proposal.notes[0].starts_with("footnote definitions dropped"));
    }

    #[test]
    fn times_hundred_is_dropped_for_percent_targets() {
        let proposal = percent("Numero dipendenti formati nell'anno N / Numero dipendenti al 31.12 anno N *100");
        assert_eq!(proposal.formula.as_deref(), Some("[Numero dipendenti formati] / [Numero dipendenti]"));
        assert_eq!(proposal.notes.len(), 1);
        assert_eq!(formula("A / B *100").as_deref(), Some("([A] / [B]) * 100"));
    }

    #[test]
    fn dashes_and_slashes_inside_names_are_not_operators() {
        assert_eq!(
            formula("N. post +stories al mese (media anno) Instagram").as_deref(),
            Some("[N. post +stories al mese (media anno) Instagram]")
        );
        assert_eq!(
            formula("Utenti A-B / utenti/imprese totali").as_deref(),
            Some("[Utenti A-B] / [utenti/imprese totali]")
        );
    }

    #[test]
    fn dates_are_one_quantity() {
        assert_eq!(
            formula("data rendicontazione progetto anno n-1").as_deref(),
            Some("[data rendicontazione progetto]")
        );
        let deadline = propose_formula("Rispetto fase anno N", TargetKind { percent: false, deadline: true });
        assert_eq!(deadline.formula.as_deref(), Some("[Rispetto fase]"));
        assert_eq!(deadline.notes.len(), 1);
    }

    #[test]
    fn algoritmo_written_twice_is_read_once() {
        let proposal = percent("N. eventi con 3 attività / Numero eventi (anno N) N. eventi con 3 attività (promozione) / Numero eventi (anno N)");
        assert_eq!(proposal.formula.as_deref(), Some("[N. eventi con 3 attività] / [Numero eventi]"));
        assert_eq!(proposal.notes.len(), 1);
    }

    #[test]
    fn unreadable_algoritmi_give_no_formula_and_say_why() {
        for algorithm in ["A / B / C / D", "A + / B", "(A - B", "A) - B", ""] {
            let proposal = percent(algorithm);
            assert_eq!(proposal.formula, None, "{algorithm}");
            assert_eq!(proposal.notes.len(), 1, "{algorithm}: {:?}", proposal.notes);
        }
    }

    #[test]
    fn ratio_over_a_differently_named_lagged_quantity_is_reported() {
        let proposal = percent("Numero imprese che hanno aderito anno n / Numero imprese aderenti al 31.12 anno n-1");
        assert_eq!(
            proposal.formula.as_deref(),
            Some("[Numero imprese che hanno aderito] / [Numero imprese aderenti](N-1)")
        );
        assert_eq!(proposal.notes.len(), 1);
    }

    #[test]
    fn slashes_after_year_words_and_between_capitals_divide() {
        assert_eq!(
            formula("Prestiti erogati nell'anno t/Prestiti in essere al 31/12 dell'anno t").as_deref(),
            Some("[Prestiti erogati] / [Prestiti in essere]")
        );
        assert_eq!(
            formula("Indice di produttività anno t/ Indice di produttività anno t-1").as_deref(),
            Some("[Indice di produttività] / [Indice di produttività](N-1)")
        );
        let proposal = percent(
            "(T_IND_EVI/TOT_IND)*100; DOVE T_IND_EVI = totale indicatori evidenziati; TOT_IND = totale indicatori",
        );
        assert_eq!(proposal.formula.as_deref(), Some("[T_IND_EVI] / [TOT_IND]"));
        assert_eq!(
            proposal.notes,
            [
                "definitions after 'DOVE' kept out of the formula: 'T_IND_EVI = totale indicatori evidenziati; TOT_IND = totale indicatori'",
                "trailing *100 dropped: the targets are percents, which kpi reads as fractions"
            ]
        );
        assert_eq!(
            formula("N. casi di assistenza/accompagnamento anno N").as_deref(),
            Some("[N. casi di assistenza/accompagnamento]")
        );
    }

    #[test]
    fn ratios_in_words() {
        assert_eq!(
            formula("RAPPORTO TRA NUMERO PRATICHE EVASE E NUMERO PRATICHE RICEVUTE").as_deref(),
            Some("[NUMERO PRATICHE EVASE] / [NUMERO PRATICHE RICEVUTE]")
        );
        assert_eq!(
            formula("Numero imprese iscritte rispetto al totale delle imprese attive").as_deref(),
            Some("[Numero imprese iscritte] / [totale delle imprese attive]")
        );
        assert_eq!(
            formula("percentuale di pratiche evase entro 5 giorni rispetto alle pratiche ricevute").as_deref(),
            Some("[pratiche evase entro 5 giorni] / [pratiche ricevute]")
        );
        assert_eq!(formula("Numero reclami su numero utenti").as_deref(), Some("[Numero reclami] / [numero utenti]"));
        assert_eq!(
            formula("Numero imprese aderenti anno n rispetto all'anno precedente").as_deref(),
            Some("[Numero imprese aderenti] / [Numero imprese aderenti](N-1)")
        );
        // An opening with nothing before its divisor word is no ratio, and no panic.
        assert_eq!(formula("percentuale di rispetto a ) anno t-1 - 100 imprese"), None);
        let two_ands = propose_formula("rapporto tra proventi e oneri e costi", TargetKind::default());
        assert_eq!(two_ands.formula.as_deref(), Some("[proventi] / [oneri e costi]"));
        assert_eq!(two_ands.notes.len(), 1);
    }

    #[test]
    fn one_quantity_where_the_words_speak_of_a_ratio_is_reported() {
        let proposal = propose_formula("Percentuale di pratiche evase", TargetKind::default());
        assert_eq!(proposal.formula.as_deref(), Some("[Percentuale di pratiche evase]"));
        assert_eq!(
            proposal.notes,
            ["the algoritmo speaks of a ratio ('percentuale') but the proposal is the one quantity [Percentuale di pratiche evase]: check it"]
        );
        let plain = propose_formula("N. post al mese (media anno) su LinkedIn", TargetKind::default());
        assert_eq!(plain.formula.as_deref(), Some("[N. post al mese (media anno) su LinkedIn]"));
        assert!(plain.notes.is_empty());
    }

    #[test]
    fn a_year_offset_beyond_what_a_formula_reads_stays_in_the_name() {
        // (N-1100) would not parse: formulas read at most 1000 years back.
        assert_eq!(
            formula("Numero pratiche anno N-1100 / Comuni").as_deref(),
            Some("[Numero pratiche anno N-1100] / [Comuni]")
        );
        assert_eq!(
            formula("Numero pratiche anno N-1000 / Comuni").as_deref(),
            Some("[Numero pratiche](N-1000) / [Comuni]")
        );
    }

    /// Algoritmi made of a plan's words, operators, year phrases,
    /// parentheses, footnotes and brackets in any order.
    fn algoritmo() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("Numero pratiche"),
            Just("Città servite"),
            Just("imprese attive"),
            Just("utenti/imprese"),
            Just("N."),
            Just("100"),
            Just("0,5"),
            Just(" / "),
            Just(" - "),
            Just(" + "),
            Just(" meno "),
            Just("(meno)"),
            Just(" su "),
            Just(" rispetto al "),
            Just("rapporto tra "),
            Just(" e "),
            Just("("),
            Just(")"),
            Just(" anno N"),
            Just(" anno N-1"),
            Just(" anno precedente"),
            Just(" (N-1)"),
            Just(" al 31/12 dell'anno N"),
            Just(" *100"),
            Just("[* nota]"),
            Just("["),
            Just("]"),
            Just("; DOVE A = altro"),
            Just("data "),
        ];
        proptest::collection::vec(piece, 1..12).prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        /// Every proposal is a tree written by the formula printer, so it
        /// parses, and parses back to text written the same way.
        #[test]
        fn every_proposal_parses(text in algoritmo(), percent in proptest::bool::ANY, deadline in proptest::bool::ANY) {
            let proposal = propose_formula(&text, TargetKind { percent, deadline });
            if let Some(formula) = proposal.formula {
                let parsed = crate::formula::Formula::parse(&formula)
                    .map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{text} → {formula}: {e}")))?;
                proptest::prop_assert_eq!(parsed.expr.to_string(), formula);
            }
        }
    }
}
