//! A real headless Chromium (Debian's `chromium`; `.ci/run` installs it), run
//! once per question with its own profile:
//!
//! - what the page logged on its console (Chromium's `--enable-logging=stderr`
//!   prints every console message, CSP violations included, as a `CONSOLE`
//!   line), and which requests it made (`--log-net-log` records every request
//!   with the page's `file://` origin as its network isolation key; the
//!   browser's own background requests have other keys), with the DOM as
//!   Chromium built it (`--dump-dom`);
//! - the page printed to PDF (`--print-to-pdf`), read with poppler's
//!   `pdfinfo` and `pdftotext`;
//! - screenshots at a given window size.
//!
//! No remote debugging port is opened, and every host name resolves to
//! nothing, so a page that tried to call out would only be seen trying.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The flags every run shares: headless, no sandbox (tests may run as root),
/// no background traffic, no network names, a profile of its own.
fn chromium(profile: &Path) -> Command {
    let mut command = Command::new("chromium");
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--force-device-scale-factor=1",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

fn run(mut command: Command) -> Output {
    let output = command.output().unwrap_or_else(|e| {
        panic!("cannot run chromium ({e}): install it with `apt-get install chromium` (.ci/run does)")
    });
    assert!(output.status.success(), "chromium failed: {}", String::from_utf8_lossy(&output.stderr));
    output
}

fn url(page: &Path) -> String {
    format!("file://{}", page.canonicalize().unwrap().display())
}

/// What loading a page showed.
pub struct Loaded {
    /// The DOM as Chromium serialised it.
    pub dom: String,
    /// Every console message: the page has no script, so any is a problem.
    pub console: Vec<String>,
    /// Every URL the page asked for over the network.
    pub requests: Vec<String>,
}

pub fn load(page: &Path) -> Loaded {
    let profile = tempfile::tempdir().unwrap();
    let net_log = profile.path().join("net-log.json");
    let mut command = chromium(profile.path());
    command.args(["--enable-logging=stderr", "--v=0", "--dump-dom"]);
    command.arg(format!("--log-net-log={}", net_log.display()));
    command.arg(url(page));
    let output = run(command);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let console = stderr.lines().filter(|l| l.contains(":CONSOLE")).map(str::to_string).collect();
    let log: serde_json::Value = serde_json::from_slice(&std::fs::read(&net_log).unwrap()).unwrap();
    let requests = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["params"])
        .filter(|p| p["network_isolation_key"].as_str().is_some_and(|k| k.contains("file://")))
        .filter_map(|p| p["url"].as_str().map(str::to_string))
        .collect();
    Loaded { dom: String::from_utf8(output.stdout).unwrap(), console, requests }
}

/// Prints the page to an A4 PDF beside `out` and returns the text of each page.
pub fn print(page: &Path, pdf: &Path) -> (usize, String, Vec<String>) {
    let profile = tempfile::tempdir().unwrap();
    let mut command = chromium(profile.path());
    command.arg("--no-pdf-header-footer").arg(format!("--print-to-pdf={}", pdf.display())).arg(url(page));
    run(command);
    let info = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils; .ci/run installs it)");
    let info = String::from_utf8(info.stdout).unwrap();
    let field =
        |name: &str| info.lines().find_map(|l| l.strip_prefix(name)).map(|v| v.trim().to_string()).unwrap_or_default();
    let pages: usize = field("Pages:").parse().unwrap();
    let text = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(text.stdout).unwrap();
    let mut per_page: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    per_page.truncate(pages);
    (pages, field("Page size:"), per_page)
}

/// A screenshot of the page in a window `width` × `height`; returns its path.
pub fn screenshot(page: &Path, png: PathBuf, width: u32, height: u32) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let mut command = chromium(profile.path());
    command.arg(format!("--window-size={width},{height}")).arg(format!("--screenshot={}", png.display()));
    command.arg(url(page));
    run(command);
    png
}

/// A PNG's width and height, from its header.
pub fn png_size(png: &Path) -> (u32, u32) {
    let bytes = std::fs::read(png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG", "{} is not a PNG", png.display());
    let be = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (be(16), be(20))
}

/// The text of an HTML fragment: tags dropped, entities read, spaces folded.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Attribute text as written in the DOM, read back.
fn attribute(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The elements of `dom` opened by `<TAG data-code="…"`, each with its code
/// and its inner HTML (up to the closing tag; `TAG` must not nest).
pub fn by_code<'a>(dom: &'a str, tag: &str) -> Vec<(String, &'a str)> {
    let open = format!("<{tag} data-code=\"");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = dom;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let quote = after.find('"').unwrap();
        let code = attribute(&after[..quote]);
        let end = after.find(&close).unwrap();
        out.push((code, &after[..end]));
        rest = &after[end..];
    }
    out
}

/// The text of every `data-field="NAME"` element in `html`, in order.
pub fn fields(html: &str, name: &str) -> Vec<String> {
    let marker = format!("data-field=\"{name}\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&marker) {
        let tag_start = rest[..at].rfind('<').unwrap();
        let tag: String = rest[tag_start + 1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let body_start = at + rest[at..].find('>').unwrap() + 1;
        let close = format!("</{tag}>");
        let body_end = body_start + rest[body_start..].find(&close).unwrap();
        out.push(text_of(&rest[body_start..body_end]));
        rest = &rest[body_end..];
    }
    out
}

/// The part of `dom` inside the element with `id`, up to the next `</section>`.
pub fn section<'a>(dom: &'a str, id: &str) -> &'a str {
    let start = dom.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no section {id}"));
    let end = start + dom[start..].find("</section>").unwrap();
    &dom[start..end]
}
