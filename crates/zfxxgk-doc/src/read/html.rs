//! Web pages (`.html`, `.htm`, `.shtml`, and `.mht`/`.mhtml` single-file pages): the report as an
//! agency publishes it on its website.
//!
//! The page is decoded (BOM, then the declared charset, then sniffed: valid UTF-8 or GB18030),
//! parsed by html5ever (through `scraper`), and its article body is found among the site's
//! navigation: a known CMS container (`.TRS_Editor`, `#zoom`, `.article-content`,
//! `#UCAP-CONTENT`, `.pages_content`, `#content`, `<article>`, Word's `WordSection1`), else the
//! element holding the report's tables and most of the paragraph text. Every table of the body
//! that holds no table itself becomes one [`Grid`] with its `rowspan`/`colspan` expanded the way
//! browsers place cells; everything else is running text, one [`TextLine`] per paragraph or
//! `<br>`-separated line. Tables that hold tables are page layout: their text is running text.
//!
//! Nothing here recurses over the tree: every walk is iterative, and the nesting depth, the file
//! size and the number of cells are bounded by [`Limits`] before they can cost time or memory.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Deref;

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};
use scraper::{ElementRef, Html, Node};
use zfxxgk_core::grid::{Document, DocumentKind, Geometry, Grid, GridCell, TextLine};
use zfxxgk_core::rules::Severity;
use zfxxgk_core::{ImportIssue, Lang, Location};

use super::Limits;

/// A node of the parsed page (`ego_tree::NodeRef<'a, scraper::Node>`, named through scraper).
type NodeRef<'a> = <ElementRef<'a> as Deref>::Target;

/// Why a web page could not be read.
#[derive(thiserror::Error, Debug)]
#[error("{}", self.message(Lang::Zh))]
pub enum HtmlError {
    /// The file is larger than [`Limits::max_file_bytes`].
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file is empty (or only whitespace).
    Empty,
    /// The bytes are not text in any encoding a page can have (binary data, a damaged file).
    InvalidBytes {
        /// The encoding tried.
        encoding: &'static str,
    },
    /// Elements nested deeper than [`Limits::max_depth`].
    TooDeep {
        /// The limit.
        limit: u32,
    },
    /// Markup that would make the parser open the same formatting elements again and again
    /// (millions of elements from a small page): a damaged or crafted page.
    Reopened,
    /// More table cells than [`Limits::max_cells`].
    TooManyCells {
        /// The limit.
        limit: usize,
    },
    /// The page's content is loaded by script in the browser (a single-page application): the
    /// file holds almost no text.
    ScriptRendered {
        /// The element the script mounts the page on (`<div id="app">`), if recognised.
        mount: Option<String>,
    },
    /// The page has no report of its own: it only links the report as an attachment.
    AttachmentOnly {
        /// The link as written in the page.
        link: String,
        /// The link's text (may be empty).
        text: String,
    },
    /// A `.mht` file without a web page (`text/html`) part.
    MhtWithoutPage,
}

impl HtmlError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (HtmlError::TooLarge { size, limit }, Lang::Zh) => format!(
                "网页文件过大（{}），超过读取上限 {}，未读取。",
                human_size(*size),
                human_size(*limit)
            ),
            (HtmlError::TooLarge { size, limit }, Lang::En) => format!(
                "the page is too large ({}; the limit is {}); it was not read",
                human_size(*size),
                human_size(*limit)
            ),
            (HtmlError::Empty, Lang::Zh) => "网页文件是空的，没有任何内容。".into(),
            (HtmlError::Empty, Lang::En) => "the page is empty".into(),
            (HtmlError::InvalidBytes { encoding }, Lang::Zh) => format!(
                "文件中有大量无法按 {encoding} 编码解读的字节，不是可读的网页（文件可能已损坏，或者根本不是网页）。"
            ),
            (HtmlError::InvalidBytes { encoding }, Lang::En) => format!(
                "the file is not a readable web page: many of its bytes are not valid {encoding} text (the file may be damaged, or not a web page at all)"
            ),
            (HtmlError::TooDeep { limit }, Lang::Zh) => format!(
                "网页的标签嵌套超过 {limit} 层，无法安全读取（文件可能已损坏或是特意构造的）。"
            ),
            (HtmlError::TooDeep { limit }, Lang::En) => format!(
                "the page nests its elements more than {limit} levels deep and cannot be read safely (the file may be damaged or crafted)"
            ),
            (HtmlError::Reopened, Lang::Zh) => {
                "网页中大量未闭合的格式标签会在每一段里被反复重建，元素数量将远超文件本身，无法安全读取（文件可能已损坏或是特意构造的）。".into()
            }
            (HtmlError::Reopened, Lang::En) => {
                "the page leaves so many formatting tags open that a browser would rebuild them in every paragraph, far more elements than the file holds; it cannot be read safely (the file may be damaged or crafted)".into()
            }
            (HtmlError::TooManyCells { limit }, Lang::Zh) => {
                format!("网页中的表格单元格超过 {limit} 个，超出读取上限，未读取。")
            }
            (HtmlError::TooManyCells { limit }, Lang::En) => format!(
                "the page's tables have more than {limit} cells, over the reading limit; it was not read"
            ),
            (HtmlError::ScriptRendered { mount }, Lang::Zh) => format!(
                "这个网页的正文是由脚本在浏览器中加载的（单页应用{}），网页文件里几乎没有文字，读不到报告。请在浏览器中打开该网页，等正文显示后“另存为”完整网页，或复制正文为文本，再检查。",
                mount
                    .as_deref()
                    .map(|m| format!("，页面只有 {m} 和脚本"))
                    .unwrap_or_default()
            ),
            (HtmlError::ScriptRendered { mount }, Lang::En) => format!(
                "the page's content is loaded by script in the browser (a single-page application{}); the file itself holds almost no text, so there is no report to read. Open the page in a browser and, once the content shows, save it as a complete page or copy its text, then check that",
                mount
                    .as_deref()
                    .map(|m| format!(": only {m} and scripts"))
                    .unwrap_or_default()
            ),
            (HtmlError::AttachmentOnly { link, text }, Lang::Zh) => {
                let text = if text.is_empty() {
                    String::new()
                } else {
                    format!("“{text}”")
                };
                format!(
                    "这个网页没有报告正文和表格，只以附件链接了报告：{text}（{link}）。请下载该附件，检查附件本身。"
                )
            }
            (HtmlError::AttachmentOnly { link, text }, Lang::En) => {
                let text = if text.is_empty() {
                    String::new()
                } else {
                    format!("\"{text}\" ")
                };
                format!(
                    "the page has no report text or tables of its own; it only links the report as an attachment: {text}({link}). Download the attachment and check it instead"
                )
            }
            (HtmlError::MhtWithoutPage, Lang::Zh) => {
                "这个 MHT 单文件网页中没有网页（text/html）部分，读不到内容。".into()
            }
            (HtmlError::MhtWithoutPage, Lang::En) => {
                "the MHT file has no web page (text/html) part".into()
            }
        }
    }
}

fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} 字节")
    }
}

/// Whether the content looks like a web page (or an MHT single-file page), whatever the file's
/// extension: markup near the start, or MIME headers announcing a page.
pub fn sniff(bytes: &[u8]) -> bool {
    if mht::looks_like(bytes) {
        return true;
    }
    let prefix = &bytes[..bytes.len().min(2048)];
    let text: Cow<'_, str> = match Encoding::for_bom(prefix) {
        Some((enc, bom)) => enc.decode_without_bom_handling(&prefix[bom..]).0,
        None => match utf16_without_bom(prefix) {
            Some(enc) => enc.decode_without_bom_handling(prefix).0,
            None => String::from_utf8_lossy(prefix),
        },
    };
    let text = text.trim_start();
    if !text.starts_with('<') {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    const MARKERS: &[&str] = &[
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
        "<table",
        "<div",
        "<p>",
        "<p ",
        "<br",
        "<span",
        "<h1",
        "<font",
        "<center",
    ];
    MARKERS.iter().any(|m| lower.contains(m))
}

/// Reads a web page into a document.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, HtmlError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(HtmlError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    let (page, transport) = if mht::looks_like(bytes) {
        let part = mht::extract(bytes)?;
        (Cow::Owned(part.body), part.charset)
    } else {
        (Cow::Borrowed(bytes), None)
    };
    let decoded = decode(&page, transport)?;
    drop(page);
    match guard::check(&decoded.text, limits.max_depth as usize) {
        Some(guard::Refusal::Deep) => {
            return Err(HtmlError::TooDeep {
                limit: limits.max_depth,
            });
        }
        Some(guard::Refusal::Reopened) => return Err(HtmlError::Reopened),
        None => {}
    }
    let html = Html::parse_document(&decoded.text);
    let mut doc = extract(&html, limits)?;
    let mut issues = decoded.issues;
    issues.append(&mut doc.issues);
    doc.issues = issues;
    Ok(doc)
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

struct Decoded {
    text: String,
    issues: Vec<ImportIssue>,
}

fn encoding_issue(zh: String, en: String) -> ImportIssue {
    ImportIssue {
        code: "IMPORT-ENCODING",
        severity: Severity::Warning,
        cells: Vec::new(),
        location: None,
        zh,
        en,
    }
}

/// `<\0` or `\0<` at the start: UTF-16 without a byte order mark.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let start: Vec<u8> = bytes.iter().copied().take(64).collect();
    let pos = start.iter().position(|&b| b == b'<')?;
    if pos % 2 == 0
        && start.get(pos + 1) == Some(&0)
        && start[..pos]
            .iter()
            .all(|&b| b == 0 || b.is_ascii_whitespace())
    {
        return Some(UTF_16LE);
    }
    if pos % 2 == 1
        && start[pos - 1] == 0
        && start[..pos]
            .iter()
            .all(|&b| b == 0 || b.is_ascii_whitespace())
    {
        return Some(UTF_16BE);
    }
    None
}

/// The encoding a page may declare, as the reader uses it: GB2312, GBK and GB18030 are all read
/// as GB18030 (a superset); a UTF-16 declaration without a BOM means UTF-8 (as in browsers);
/// Western single-byte encodings are never right for these pages and count as undeclared.
fn usable(enc: &'static Encoding) -> Option<&'static Encoding> {
    let name = enc.name();
    if name == "GBK" || name == "gb18030" {
        Some(GB18030)
    } else if enc == UTF_8 || enc == UTF_16LE || enc == UTF_16BE {
        Some(UTF_8)
    } else if name == "Big5" {
        Some(enc)
    } else {
        None
    }
}

/// The charset a page declares in its first 4 KB (`<meta charset>` or `http-equiv`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut prefix = &bytes[..bytes.len().min(4096)];
    if let Some(end) = prefix
        .windows(6)
        .position(|w| w.eq_ignore_ascii_case(b"</head"))
    {
        prefix = &prefix[..end];
    }
    let prefix = String::from_utf8_lossy(prefix);
    let head = Html::parse_document(&prefix);
    for node in head.tree.nodes() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        if e.name() != "meta" {
            continue;
        }
        if let Some(cs) = e.attr("charset")
            && let Some(enc) = Encoding::for_label(cs.trim().as_bytes())
        {
            return Some(enc);
        }
        let equiv = e.attr("http-equiv").unwrap_or_default();
        if equiv.trim().eq_ignore_ascii_case("content-type")
            && let Some(enc) = e.attr("content").and_then(charset_param)
        {
            return Some(enc);
        }
    }
    None
}

/// `text/html; charset=gb2312` → GBK (as encoding_rs names it).
fn charset_param(content: &str) -> Option<&'static Encoding> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower[at + 7..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_ascii_whitespace())
        .unwrap_or(rest.len());
    Encoding::for_label(&rest.as_bytes()[..end])
}

/// Decodes with `enc`; `None` when the text has too many undecodable bytes or control
/// characters to be a page; the count of replaced bytes otherwise.
fn decode_with(bytes: &[u8], enc: &'static Encoding) -> Option<(String, usize)> {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let mut bad = 0usize;
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\u{FFFD}' {
            bad += 1;
        } else if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            controls += 1;
        }
    }
    let tolerated = (total / 100).max(16);
    if bad + controls > tolerated {
        return None;
    }
    Some((text.into_owned(), bad))
}

fn decode(bytes: &[u8], transport: Option<&'static Encoding>) -> Result<Decoded, HtmlError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(HtmlError::Empty);
    }
    let mut issues = Vec::new();
    // A byte order mark wins over every declaration.
    let bom = Encoding::for_bom(bytes).or_else(|| utf16_without_bom(bytes).map(|enc| (enc, 0)));
    if let Some((enc, len)) = bom {
        let (text, bad) = decode_with(&bytes[len..], enc).ok_or(HtmlError::InvalidBytes {
            encoding: enc.name(),
        })?;
        if text.trim().is_empty() {
            return Err(HtmlError::Empty);
        }
        if bad > 0 {
            issues.push(replaced_issue(enc, bad));
        }
        return Ok(Decoded { text, issues });
    }
    // Binary data (images, PDFs, archives) has NUL bytes early on; text never has.
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(HtmlError::InvalidBytes {
            encoding: transport
                .or_else(|| declared_charset(bytes))
                .and_then(usable)
                .unwrap_or(UTF_8)
                .name(),
        });
    }
    let declared = transport
        .or_else(|| declared_charset(bytes))
        .and_then(usable);
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let (enc, text, bad) = match declared {
        // A page declared GBK that is valid UTF-8 with Chinese text is UTF-8 (a CMS moved to
        // UTF-8 and kept the old header); GBK text is almost never valid UTF-8.
        Some(enc) if enc != UTF_8 && valid_utf8 && !bytes.is_ascii() => {
            issues.push(encoding_issue(
                format!(
                    "网页声明的编码是 {}，但内容实际是 UTF-8 编码，已按 UTF-8 读取。",
                    enc.name()
                ),
                format!(
                    "the page declares {} but its content is UTF-8; read as UTF-8",
                    enc.name()
                ),
            ));
            (UTF_8, String::from_utf8_lossy(bytes).into_owned(), 0)
        }
        Some(enc) if enc == UTF_8 && !valid_utf8 => match decode_with(bytes, GB18030) {
            Some((text, 0)) => {
                issues.push(encoding_issue(
                    "网页声明的编码是 UTF-8，但内容实际是 GB18030（GBK）编码，已按 GB18030 读取。"
                        .into(),
                    "the page declares UTF-8 but its content is GB18030 (GBK); read as GB18030"
                        .into(),
                ));
                (GB18030, text, 0)
            }
            _ => {
                let (text, bad) = decode_with(bytes, UTF_8).ok_or(HtmlError::InvalidBytes {
                    encoding: UTF_8.name(),
                })?;
                (UTF_8, text, bad)
            }
        },
        Some(enc) => {
            let (text, bad) = decode_with(bytes, enc).ok_or(HtmlError::InvalidBytes {
                encoding: enc.name(),
            })?;
            (enc, text, bad)
        }
        None if valid_utf8 => (UTF_8, String::from_utf8_lossy(bytes).into_owned(), 0),
        None => {
            let (text, bad) = decode_with(bytes, GB18030).ok_or(HtmlError::InvalidBytes {
                encoding: GB18030.name(),
            })?;
            (GB18030, text, bad)
        }
    };
    if bad > 0 {
        issues.push(replaced_issue(enc, bad));
    }
    Ok(Decoded { text, issues })
}

fn replaced_issue(enc: &'static Encoding, bad: usize) -> ImportIssue {
    encoding_issue(
        format!(
            "网页中有 {bad} 处字节无法按 {} 编码解读，已替换为“\u{FFFD}”；如果它们在表格中，相应的数字可能读不出。",
            enc.name()
        ),
        format!(
            "{bad} byte sequence(s) of the page are not valid {} and were replaced by U+FFFD; numbers there may be unreadable",
            enc.name()
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// Walking the tree (iteratively)
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Visit {
    /// Go into the node's children.
    Descend,
    /// Leave the node's children alone.
    Skip,
    /// End the walk.
    Stop,
}

/// A step of a walk: a node entered (before its children) or left (after them, also when its
/// children were skipped).
#[derive(Clone, Copy)]
enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave(NodeRef<'a>),
}

/// Visits `root` and its descendants in document order. The visitor's answer to `Enter`
/// decides whether the children are visited; its answer to `Leave` is ignored. No recursion.
fn walk<'a>(root: NodeRef<'a>, mut visit: impl FnMut(Step<'a>) -> Visit) {
    let mut node = root;
    loop {
        match visit(Step::Enter(node)) {
            Visit::Stop => return,
            Visit::Descend => {
                if let Some(child) = node.first_child() {
                    node = child;
                    continue;
                }
            }
            Visit::Skip => {}
        }
        visit(Step::Leave(node));
        loop {
            if node == root {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => {
                    node = parent;
                    visit(Step::Leave(node));
                }
                None => return,
            }
        }
    }
}

/// A stable key for a node while the tree lives (its address in the tree's arena).
fn key(node: NodeRef<'_>) -> usize {
    std::ptr::from_ref(node.value()) as usize
}

fn element<'a>(node: NodeRef<'a>) -> Option<&'a scraper::node::Element> {
    node.value().as_element()
}

/// Elements whose content is never page text.
fn is_skipped_tag(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "frame"
            | "frameset"
            | "object"
            | "embed"
            | "select"
            | "option"
            | "button"
            | "input"
            | "textarea"
            | "svg"
            | "math"
            | "canvas"
            | "audio"
            | "video"
            | "map"
            | "title"
            | "meta"
            | "link"
            | "img"
            | "nav"
    )
}

/// Hidden by the `hidden` attribute or an inline style.
fn is_hidden(e: &scraper::node::Element) -> bool {
    if e.attr("hidden").is_some() {
        return true;
    }
    let Some(style) = e.attr("style") else {
        return false;
    };
    let lower = style.to_ascii_lowercase();
    if !(lower.contains("none") || lower.contains("hidden") || lower.contains("hide")) {
        return false;
    }
    let style: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    style.contains("display:none")
        || style.contains("visibility:hidden")
        || style.contains("mso-hide:all")
}

/// Elements that begin and end a paragraph of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "caption"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// Page furniture recognised by its class or id (the article's own text never counts it, and
/// without a CMS container it is left out): navigation, breadcrumbs, headers, footers, share
/// bars, search boxes; and `<aside>`, `<header>`, `<footer>`. Distinctive words also as a part (`main-nav`, `footer_wrap`); generic
/// ones only whole (`top`, not `content-top`).
fn is_furniture(e: &scraper::node::Element) -> bool {
    if matches!(e.name(), "aside" | "header" | "footer") {
        return true;
    }
    const PARTS: &[&str] = &[
        "nav",
        "navbar",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "footer",
        "header",
        "share",
        "bdsharebuttonbox",
        "sidebar",
        "copyright",
        "position",
        "dqwz",
        "toolbar",
        "friendlink",
    ];
    const WHOLE: &[&str] = &[
        "foot", "head", "top", "bottom", "side", "location", "search", "login", "links",
    ];
    let matches = |token: &str| {
        let t = token.as_bytes();
        let eq = |w: &str| t.eq_ignore_ascii_case(w.as_bytes());
        let part = |w: &str| {
            let w = w.as_bytes();
            t.len() > w.len()
                && ((t[..w.len()].eq_ignore_ascii_case(w) && matches!(t[w.len()], b'-' | b'_'))
                    || (t[t.len() - w.len()..].eq_ignore_ascii_case(w)
                        && matches!(t[t.len() - w.len() - 1], b'-' | b'_')))
        };
        PARTS.iter().any(|w| eq(w) || part(w)) || WHOLE.iter().any(|w| eq(w))
    };
    e.id().is_some_and(matches) || e.classes().any(matches)
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

/// Characters as wide as a Chinese character: a line break between two of them is no space.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// Text as a browser shows it: runs of white space (including `&nbsp;` and the ideographic
/// space) are one space, a line break of the source between two Chinese characters is nothing,
/// zero-width characters are dropped, and the ends are trimmed.
fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    let mut newline = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            space = true;
            newline |= matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}');
            continue;
        }
        if matches!(
            c,
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
        ) {
            continue;
        }
        if space {
            if let Some(prev) = out.chars().next_back()
                && !(newline && is_wide(prev) && is_wide(c))
            {
                out.push(' ');
            }
            space = false;
            newline = false;
        }
        out.push(c);
    }
    out
}

/// Gathers the text of a subtree as lines: block elements and `<br>` end a line, inline
/// elements run on.
#[derive(Debug, Default)]
struct Lines {
    raw: String,
    out: Vec<String>,
}

impl Lines {
    fn text(&mut self, s: &str) {
        self.raw.push_str(s);
    }

    fn flush(&mut self) {
        if self.raw.is_empty() {
            return;
        }
        let line = clean(&self.raw);
        self.raw.clear();
        if !line.is_empty() {
            self.out.push(line);
        }
    }
}

/// The text of a subtree (a table cell, a link), lines joined with `\n`.
fn text_of(root: NodeRef<'_>) -> String {
    let mut lines = Lines::default();
    walk(root, |step| match step {
        Step::Leave(node) => {
            if element(node).is_some_and(|e| is_block(e.name())) {
                lines.flush();
            }
            Visit::Skip
        }
        Step::Enter(node) => match node.value() {
            Node::Text(t) => {
                lines.text(t);
                Visit::Skip
            }
            Node::Element(e) => {
                let name = e.name();
                if name == "br" {
                    lines.flush();
                    Visit::Skip
                } else if node != root && (is_skipped_tag(name) || is_hidden(e)) {
                    Visit::Skip
                } else {
                    if is_block(name) {
                        lines.flush();
                    }
                    Visit::Descend
                }
            }
            _ => Visit::Skip,
        },
    });
    lines.flush();
    lines.out.join("\n")
}

/// A cell's text is a number (`1,234`, `18.82`): marks a table as data.
fn is_number(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '，'))
}

// ---------------------------------------------------------------------------------------------
// The page survey: metadata, containers, text per element, which tables are layout
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Default, Clone, Copy)]
struct Metrics {
    /// Visible characters (not counting white space).
    text: usize,
    /// Of those, inside `<p>` and headings.
    para: usize,
    /// Data tables (no table inside, a number in a cell).
    tables: usize,
}

impl Metrics {
    fn add(&mut self, other: Metrics) {
        self.text += other.text;
        self.para += other.para;
        self.tables += other.tables;
    }
}

/// The CMS containers of an article body, in order of preference.
const CONTAINERS: &[(&str, &str)] = &[
    ("class", "TRS_Editor"),
    ("id", "zoom"),
    ("class", "article-content"),
    ("id", "UCAP-CONTENT"),
    ("class", "pages_content"),
    ("id", "content"),
    ("tag", "article"),
    ("word", "WordSection1"),
];

struct Survey<'a> {
    body: NodeRef<'a>,
    metrics: HashMap<usize, Metrics>,
    layout: HashSet<usize>,
    containers: Vec<Vec<NodeRef<'a>>>,
    title: Option<String>,
    article_title: Option<String>,
    publisher: Option<String>,
    scripts: usize,
    mount: Option<String>,
}

fn survey<'a>(html: &'a Html, limits: &Limits) -> Result<Survey<'a>, HtmlError> {
    let root: NodeRef<'a> = *html.root_element();
    let mut s = Survey {
        body: root,
        metrics: HashMap::new(),
        layout: HashSet::new(),
        containers: vec![Vec::new(); CONTAINERS.len()],
        title: None,
        article_title: None,
        publisher: None,
        scripts: 0,
        mount: None,
    };
    let mut numeric: HashSet<usize> = HashSet::new();
    let mut stack: Vec<(usize, Metrics)> = Vec::new();
    let mut tables: Vec<usize> = Vec::new();
    let mut depth = 0u32;
    let mut too_deep = false;
    let mut para_open = 0usize;
    // Depth inside furniture (navigation and the like): its text does not count.
    let mut furniture: Vec<usize> = Vec::new();
    let mut body: Option<NodeRef<'a>> = None;
    walk(root, |step| {
        let node = match step {
            Step::Enter(node) => node,
            Step::Leave(node) => {
                let Some(e) = element(node) else {
                    return Visit::Skip;
                };
                depth = depth.saturating_sub(1);
                let k = key(node);
                if stack.last().map(|(top, _)| *top) != Some(k) {
                    return Visit::Skip;
                }
                let Some((_, mut m)) = stack.pop() else {
                    return Visit::Skip;
                };
                let name = e.name();
                if name == "table" {
                    tables.pop();
                    if furniture.is_empty() && !s.layout.contains(&k) && numeric.contains(&k) {
                        m.tables += 1;
                    }
                }
                if is_para(name) {
                    para_open = para_open.saturating_sub(1);
                }
                if furniture.last() == Some(&k) {
                    furniture.pop();
                }
                s.metrics.insert(k, m);
                if let Some((_, parent)) = stack.last_mut() {
                    parent.add(m);
                }
                return Visit::Skip;
            }
        };
        {
            let e = match node.value() {
                Node::Text(t) => {
                    if furniture.is_empty() {
                        let n = t.chars().filter(|c| !c.is_whitespace()).count();
                        if let Some((_, m)) = stack.last_mut() {
                            m.text += n;
                            if para_open > 0 {
                                m.para += n;
                            }
                        }
                    }
                    if let Some(&t_key) = tables.last()
                        && is_number(t)
                    {
                        numeric.insert(t_key);
                    }
                    return Visit::Skip;
                }
                Node::Element(e) => e,
                _ => return Visit::Skip,
            };
            depth += 1;
            if depth > limits.max_depth {
                too_deep = true;
                return Visit::Stop;
            }
            let name = e.name();
            match name {
                "meta" => {
                    let meta_name = e.attr("name").unwrap_or_default();
                    let content = e.attr("content").map(clean).filter(|c| !c.is_empty());
                    if meta_name.eq_ignore_ascii_case("ArticleTitle") && s.article_title.is_none() {
                        s.article_title = content;
                    } else if meta_name.eq_ignore_ascii_case("ContentSource")
                        && s.publisher.is_none()
                    {
                        s.publisher = content;
                    }
                    return Visit::Skip;
                }
                "title" => {
                    if s.title.is_none() {
                        let t = text_of(node);
                        if !t.is_empty() {
                            s.title = Some(t);
                        }
                    }
                    return Visit::Skip;
                }
                "script" => {
                    s.scripts += 1;
                    return Visit::Skip;
                }
                // The page's metadata is in the head; nothing else there is text.
                "head" => return Visit::Descend,
                "body" if body.is_none() => body = Some(node),
                _ => {}
            }
            if is_skipped_tag(name) || is_hidden(e) {
                return Visit::Skip;
            }
            let k = key(node);
            if s.mount.is_none()
                && let Some(id) = e.id()
                && matches!(id, "app" | "root" | "__nuxt" | "__next" | "main-app")
            {
                s.mount = Some(format!("<{name} id=\"{id}\">"));
            }
            if furniture.is_empty() && !matches!(name, "html" | "body") && is_furniture(e) {
                furniture.push(k);
            }
            if furniture.is_empty() {
                for (i, (how, what)) in CONTAINERS.iter().enumerate() {
                    let hit = match *how {
                        "class" => e.classes().any(|c| c.eq_ignore_ascii_case(what)),
                        "id" => e.id().is_some_and(|id| id.eq_ignore_ascii_case(what)),
                        "tag" => name == *what,
                        _ => {
                            name == "div"
                                && e.classes().any(|c| {
                                    c.eq_ignore_ascii_case("WordSection1")
                                        || c.eq_ignore_ascii_case("Section1")
                                })
                        }
                    };
                    if hit {
                        s.containers[i].push(node);
                    }
                }
            }
            if name == "table" {
                if let Some(&outer) = tables.last() {
                    s.layout.insert(outer);
                }
                tables.push(k);
            }
            if is_para(name) {
                para_open += 1;
            }
            stack.push((k, Metrics::default()));
            Visit::Descend
        }
    });
    if too_deep {
        return Err(HtmlError::TooDeep {
            limit: limits.max_depth,
        });
    }
    s.body = body.unwrap_or(root);
    Ok(s)
}

fn is_para(name: &str) -> bool {
    matches!(name, "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

impl<'a> Survey<'a> {
    fn metrics(&self, node: NodeRef<'a>) -> Metrics {
        self.metrics.get(&key(node)).copied().unwrap_or_default()
    }

    /// The article body and whether it is a known container (else found by its text, and page
    /// furniture inside it is left out by class).
    fn article(&self) -> (NodeRef<'a>, bool) {
        for (i, found) in self.containers.iter().enumerate() {
            let best = found
                .iter()
                .copied()
                .max_by_key(|n| (self.metrics(*n).tables, self.metrics(*n).text));
            let Some(mut best) = best else {
                continue;
            };
            if CONTAINERS[i].0 == "word" {
                // Word's sections (a landscape table is a section of its own) share a parent.
                if let Some(parent) = best.parent().filter(|p| element(*p).is_some()) {
                    best = parent;
                }
            }
            let m = self.metrics(best);
            let page = self.metrics(self.body);
            // A container without the page's tables is some other block (a sidebar's
            // <article>, a header's #content); one with little in it is the article only if
            // the page has little else.
            if m.tables == 0 && (page.tables > 0 || (m.text < 200 && m.text * 2 < page.text)) {
                continue;
            }
            return (best, true);
        }
        (self.densest(), false)
    }

    /// Elements the article may be: blocks that hold blocks, and the cells of layout tables
    /// (never a paragraph, nor a data table or its cells).
    fn holds_article(&self, node: NodeRef<'a>, name: &str) -> bool {
        match name {
            "div" | "section" | "article" | "main" | "center" | "form" | "font" | "td" | "th"
            | "tr" | "tbody" | "thead" | "tfoot" => true,
            "table" => self.layout.contains(&key(node)),
            _ => false,
        }
    }

    /// The deepest element that holds every data table and most of the paragraph text.
    fn densest(&self) -> NodeRef<'a> {
        let total = self.metrics(self.body);
        let by_para = total.para >= 200;
        let weight = |m: Metrics| if by_para { m.para } else { m.text };
        let need = weight(total) * 3 / 5;
        let mut node = self.body;
        loop {
            let next = node.children().find(|c| {
                element(*c).is_some_and(|e| self.holds_article(*c, e.name())) && {
                    let m = self.metrics(*c);
                    m.tables == total.tables && weight(m) >= need && (m.text > 0 || m.tables > 0)
                }
            });
            match next {
                Some(child) => node = child,
                None => return node,
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

/// The rows of a table in the order browsers show them: head, body rows, foot.
fn table_rows<'a>(table: NodeRef<'a>) -> Vec<NodeRef<'a>> {
    let (mut head, mut body, mut foot) = (Vec::new(), Vec::new(), Vec::new());
    for child in table.children() {
        let Some(e) = element(child) else {
            continue;
        };
        let target = match e.name() {
            "thead" => &mut head,
            "tfoot" => &mut foot,
            "tbody" => &mut body,
            "tr" => {
                body.push(child);
                continue;
            }
            _ => continue,
        };
        target.extend(
            child
                .children()
                .filter(|r| element(*r).is_some_and(|e| e.name() == "tr")),
        );
    }
    head.append(&mut body);
    head.append(&mut foot);
    head
}

/// A span attribute as browsers read it: leading digits, else 1.
fn span_attr(value: Option<&str>) -> Option<u32> {
    let v = value?.trim_start();
    let digits: String = v.chars().take_while(char::is_ascii_digit).take(9).collect();
    digits.parse().ok()
}

/// The cells of one table, placed as browsers place them; `count` is the document's running
/// count of cells and `work` of grid slots visited, both bounded by the limits.
fn table_cells(
    table: NodeRef<'_>,
    number: u32,
    count: &mut usize,
    work: &mut u64,
    limits: &Limits,
) -> Result<(Vec<GridCell>, Option<String>), HtmlError> {
    let too_many = HtmlError::TooManyCells {
        limit: limits.max_cells,
    };
    let budget = (limits.max_cells as u64).saturating_mul(16).max(1 << 20);
    let rows = table_rows(table);
    let n_rows = rows.len() as u32;
    let caption = table
        .children()
        .find(|c| element(*c).is_some_and(|e| e.name() == "caption"))
        .map(text_of)
        .filter(|t| !t.is_empty());
    // busy[c]: the first row at which column c is free again (rowspans from rows above).
    let mut busy: Vec<u32> = Vec::new();
    let mut cells = Vec::new();
    for (r, tr) in rows.iter().enumerate() {
        let r = r as u32;
        let mut c = 0usize;
        for td in tr.children() {
            let Some(e) = element(td) else {
                continue;
            };
            if !matches!(e.name(), "td" | "th") {
                continue;
            }
            while c < busy.len() && busy[c] > r {
                c += 1;
                *work += 1;
            }
            let cols = span_attr(e.attr("colspan")).unwrap_or(1).clamp(1, 1000) as usize;
            let left = n_rows - r;
            let rows_spanned = match span_attr(e.attr("rowspan")) {
                Some(0) => left,
                Some(n) => n.clamp(1, left.max(1)),
                None => 1,
            };
            if busy.len() < c + cols {
                busy.resize(c + cols, 0);
            }
            for slot in &mut busy[c..c + cols] {
                *slot = r + rows_spanned;
            }
            *work += cols as u64;
            if *work > budget {
                return Err(too_many);
            }
            let text = text_of(td);
            if !text.is_empty() {
                *count += 1;
                if *count > limits.max_cells {
                    return Err(too_many);
                }
                let location = Location::TableCell {
                    table: number,
                    row: r + 1,
                    col: c as u32 + 1,
                };
                cells.push(
                    GridCell::text(r, c as u32, text, location).span(rows_spanned, cols as u32),
                );
            }
            c += cols;
        }
    }
    Ok((cells, caption))
}

// ---------------------------------------------------------------------------------------------
// The article
// ---------------------------------------------------------------------------------------------

/// A link to the report as a file (`.pdf`, `.doc`, `.docx`, `.wps`, `.ofd`), also inside a
/// viewer's `?file=` parameter.
fn attachment(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    let ends = |s: &str| {
        let path = s.split(['?', '#']).next().unwrap_or_default();
        [".pdf", ".doc", ".docx", ".wps", ".ofd"]
            .iter()
            .any(|ext| path.ends_with(ext))
    };
    if ends(&lower) {
        return true;
    }
    lower
        .split(['?', '&'])
        .filter_map(|p| p.strip_prefix("file="))
        .any(ends)
}

struct Article {
    grids: Vec<Grid>,
    lines: Vec<TextLine>,
    links: Vec<(String, String)>,
}

fn article(
    body: NodeRef<'_>,
    container: bool,
    s: &Survey<'_>,
    limits: &Limits,
) -> Result<Article, HtmlError> {
    let mut lines = Lines::default();
    let mut grids = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let mut links = Vec::new();
    let mut count = 0usize;
    let mut work = 0u64;
    let mut error = None;
    walk(body, |step| {
        let node = match step {
            Step::Enter(node) => node,
            Step::Leave(node) => {
                if element(node).is_some_and(|e| is_block(e.name())) {
                    lines.flush();
                }
                return Visit::Skip;
            }
        };
        {
            let e = match node.value() {
                Node::Text(t) => {
                    lines.text(t);
                    return Visit::Skip;
                }
                Node::Element(e) => e,
                _ => return Visit::Skip,
            };
            let name = e.name();
            let link = match name {
                "a" => e.attr("href"),
                "iframe" | "embed" => e.attr("src"),
                "object" => e.attr("data"),
                _ => None,
            };
            if let Some(href) = link.filter(|h| attachment(h)) {
                links.push((href.trim().to_string(), text_of(node)));
            }
            if name == "br" {
                lines.flush();
                return Visit::Skip;
            }
            if is_skipped_tag(name) || is_hidden(e) {
                return Visit::Skip;
            }
            if !container && node != body && is_furniture(e) {
                return Visit::Skip;
            }
            if name == "table" && !s.layout.contains(&key(node)) {
                let number = grids.len() as u32 + 1;
                match table_cells(node, number, &mut count, &mut work, limits) {
                    Err(err) => {
                        error = Some(err);
                        return Visit::Stop;
                    }
                    // A table of one cell frames text: it is layout.
                    Ok((cells, _)) if cells.len() < 2 => {}
                    Ok((cells, caption)) => {
                        lines.flush();
                        if let Some(caption) = caption {
                            lines.out.push(caption);
                        }
                        flush_into(&mut lines, &mut texts);
                        grids.push(Grid::new(format!("表格 {number}"), Geometry::Exact, cells));
                        return Visit::Skip;
                    }
                }
            }
            if is_block(name) {
                lines.flush();
            }
            Visit::Descend
        }
    });
    if let Some(err) = error {
        return Err(err);
    }
    lines.flush();
    flush_into(&mut lines, &mut texts);
    let lines = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| TextLine {
            text,
            location: Location::Paragraph(i as u32 + 1),
        })
        .collect();
    Ok(Article {
        grids,
        lines,
        links,
    })
}

fn flush_into(lines: &mut Lines, texts: &mut Vec<String>) {
    texts.append(&mut lines.out);
}

/// `某某局2023年政府信息公开工作年度报告_某某市人民政府` → the report's title: a trailing site
/// name after `_`, `-`, `|` is dropped while what is left names an annual report.
fn strip_site(title: &str) -> String {
    let mut t = title.trim();
    loop {
        let cut = t.rfind(['_', '-', '|', '－', '｜', '—', '–', '＿']);
        match cut {
            Some(at) if t[..at].contains("年度报告") || t[..at].contains("年报") => {
                t = t[..at].trim_end();
            }
            _ => return t.to_string(),
        }
    }
}

fn extract(html: &Html, limits: &Limits) -> Result<Document, HtmlError> {
    let s = survey(html, limits)?;
    let (body, container) = s.article();
    let art = article(body, container, &s, limits)?;
    if art.grids.is_empty() {
        let page_title = s
            .article_title
            .as_deref()
            .or(s.title.as_deref())
            .unwrap_or_default();
        let text = s.metrics(body).text;
        let report_link = art.links.iter().find(|(href, t)| {
            let named = |x: &str| x.contains("年度报告") || x.contains("年报");
            named(href) || named(t)
        });
        let link = report_link.or_else(|| {
            art.links.first().filter(|_| {
                page_title.contains("年度报告") || page_title.contains("年报") || text < 300
            })
        });
        if let Some((href, t)) = link {
            return Err(HtmlError::AttachmentOnly {
                link: href.clone(),
                text: t.clone(),
            });
        }
        // A single-page application: a mount point and scripts, next to no text of its own.
        let page = s.metrics(s.body);
        if s.scripts > 0 && page.text < 50 && (s.mount.is_some() || page.para == 0) {
            return Err(HtmlError::ScriptRendered { mount: s.mount });
        }
    }
    let title = s
        .article_title
        .clone()
        .or_else(|| s.title.as_deref().map(strip_site))
        .filter(|t| !t.is_empty());
    Ok(Document {
        grids: art.grids,
        lines: art.lines,
        title,
        publisher: s.publisher.clone(),
        issues: Vec::new(),
        kind: DocumentKind::Html,
    })
}

// ---------------------------------------------------------------------------------------------
// MHT (MIME HTML, Word's and browsers' single-file web page)
// ---------------------------------------------------------------------------------------------

mod mht {
    use encoding_rs::Encoding;

    use super::{HtmlError, usable};

    /// The web page of an MHT file.
    pub(super) struct Part {
        pub(super) body: Vec<u8>,
        pub(super) charset: Option<&'static Encoding>,
    }

    /// MIME headers at the start announcing a multipart message or a page.
    pub(super) fn looks_like(bytes: &[u8]) -> bool {
        let start = bytes
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(bytes.len());
        let prefix = &bytes[start..bytes.len().min(start + 4096)];
        let (headers, _) = split_headers(prefix);
        let headers = parse_headers(headers);
        if headers.is_empty() {
            return false;
        }
        let mime = headers.iter().any(|(n, _)| n == "mime-version");
        let multipart = headers
            .iter()
            .any(|(n, v)| n == "content-type" && v.to_ascii_lowercase().contains("multipart/"));
        mime && (multipart
            || header(&headers, "content-type").is_some_and(|v| media(v) == "text/html"))
    }

    /// The first `text/html` part, its transfer encoding undone.
    pub(super) fn extract(bytes: &[u8]) -> Result<Part, HtmlError> {
        let mut entity = bytes;
        // Multipart inside multipart, a few levels at most.
        for _ in 0..4 {
            let (head, body) = split_headers(entity);
            let headers = parse_headers(head);
            let ct = header(&headers, "content-type").unwrap_or("text/plain");
            let m = media(ct);
            if m == "text/html" {
                return Ok(decode_part(&headers, body));
            }
            if !m.starts_with("multipart/") {
                return Err(HtmlError::MhtWithoutPage);
            }
            let boundary = param(ct, "boundary").ok_or(HtmlError::MhtWithoutPage)?;
            let parts = split_parts(body, boundary.as_bytes());
            let mut nested = None;
            for part in parts {
                let (head, body) = split_headers(part);
                let headers = parse_headers(head);
                let ct = header(&headers, "content-type").unwrap_or("text/plain");
                let m = media(ct);
                if m == "text/html" {
                    return Ok(decode_part(&headers, body));
                }
                if m.starts_with("multipart/") && nested.is_none() {
                    nested = Some(part);
                }
            }
            entity = nested.ok_or(HtmlError::MhtWithoutPage)?;
        }
        Err(HtmlError::MhtWithoutPage)
    }

    fn decode_part(headers: &[(String, String)], body: &[u8]) -> Part {
        let charset = header(headers, "content-type")
            .and_then(|ct| param(ct, "charset"))
            .and_then(|cs| Encoding::for_label(cs.as_bytes()))
            .and_then(usable);
        let cte = header(headers, "content-transfer-encoding")
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let body = match cte.as_str() {
            "quoted-printable" => quoted_printable(body),
            "base64" => base64(body),
            _ => body.to_vec(),
        };
        Part { body, charset }
    }

    /// Headers and body, split at the first empty line.
    fn split_headers(bytes: &[u8]) -> (&[u8], &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            let end = bytes[i..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |p| i + p);
            let line = &bytes[i..end];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                return (&bytes[..i], bytes.get(end + 1..).unwrap_or_default());
            }
            i = end + 1;
        }
        (bytes, &[])
    }

    /// `name: value` lines, folded lines joined; names in lower case. Stops at a line that is
    /// no header.
    fn parse_headers(bytes: &[u8]) -> Vec<(String, String)> {
        let text = String::from_utf8_lossy(bytes);
        let mut out: Vec<(String, String)> = Vec::new();
        for line in text.lines() {
            if line.starts_with([' ', '\t']) {
                if let Some((_, v)) = out.last_mut() {
                    v.push(' ');
                    v.push_str(line.trim());
                    continue;
                }
                break;
            }
            let Some((name, value)) = line.split_once(':') else {
                break;
            };
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                break;
            }
            out.push((name.to_ascii_lowercase(), value.trim().to_string()));
        }
        out
    }

    fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn media(content_type: &str) -> String {
        content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    }

    /// A parameter of a header value (`boundary="----=_NextPart"`).
    fn param(value: &str, name: &str) -> Option<String> {
        value.split(';').skip(1).find_map(|p| {
            let (n, v) = p.split_once('=')?;
            if !n.trim().eq_ignore_ascii_case(name) {
                return None;
            }
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.split('"').next())
                .unwrap_or(v);
            (!v.is_empty()).then(|| v.to_string())
        })
    }

    /// The parts between `--boundary` lines.
    fn split_parts<'b>(body: &'b [u8], boundary: &[u8]) -> Vec<&'b [u8]> {
        let mut parts = Vec::new();
        let mut start: Option<usize> = None;
        let mut i = 0;
        while i < body.len() {
            let end = body[i..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(body.len(), |p| i + p);
            let line = body[i..end].trim_ascii_end();
            if let Some(tail) = line
                .strip_prefix(b"--")
                .and_then(|rest| rest.strip_prefix(boundary))
                .filter(|tail| tail.is_empty() || *tail == b"--")
            {
                if let Some(s) = start {
                    let mut e = i;
                    if e > s && body[e - 1] == b'\n' {
                        e -= 1;
                    }
                    if e > s && body[e - 1] == b'\r' {
                        e -= 1;
                    }
                    parts.push(&body[s..e.max(s)]);
                }
                if !tail.is_empty() {
                    return parts;
                }
                start = Some(end + 1);
            }
            i = end + 1;
        }
        if let Some(s) = start
            && s < body.len()
        {
            parts.push(&body[s..]);
        }
        parts
    }

    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }

    fn quoted_printable(s: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(s.len());
        let mut i = 0;
        while i < s.len() {
            if s[i] != b'=' {
                out.push(s[i]);
                i += 1;
                continue;
            }
            match (s.get(i + 1), s.get(i + 2)) {
                (Some(b'\n'), _) => i += 2,
                (Some(b'\r'), Some(b'\n')) => i += 3,
                (Some(&a), Some(&b)) if hex(a).is_some() && hex(b).is_some() => {
                    out.push(hex(a).unwrap_or(0) << 4 | hex(b).unwrap_or(0));
                    i += 3;
                }
                _ => {
                    out.push(b'=');
                    i += 1;
                }
            }
        }
        out
    }

    fn base64(s: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(s.len() / 4 * 3);
        let mut acc = 0u32;
        let mut bits = 0;
        for &b in s {
            let v = match b {
                b'A'..=b'Z' => b - b'A',
                b'a'..=b'z' => b - b'a' + 26,
                b'0'..=b'9' => b - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                _ => continue,
            };
            acc = (acc << 6) | u32::from(v);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Nesting guard
// ---------------------------------------------------------------------------------------------

/// An estimate of what the parser will build, made from the tags alone before the page is
/// parsed, to refuse in linear time the pages that would cost html5ever minutes or gigabytes:
///
/// - nesting: html5ever copes with any depth, but walks its stack of open elements for many
///   tags, so a page of 100 000 nested `<div>`s costs minutes;
/// - reopened formatting: formatting elements left open (`<i>`, `<font>`…) are opened again in
///   every later paragraph (the "active formatting elements"), so 160 KB of markup can make four
///   million elements.
///
/// The estimate follows the tree builder's main rules (void elements, raw text, implied end tags
/// of `<p>`, `<li>`, cells and rows, end tags that close within their scope only, the list of
/// active formatting elements with its markers and its limit of three alike), so a real page is
/// estimated at about its real depth; the exact depth is checked again after parsing.
mod guard {
    const W: usize = 16;
    type Tag = [u8; W];

    /// Why a page is refused.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) enum Refusal {
        /// Elements nested deeper than the limit.
        Deep,
        /// Far more elements reopened than the page has tags.
        Reopened,
    }

    fn tag(name: &[u8]) -> Tag {
        let mut t = [0u8; W];
        for (slot, b) in t.iter_mut().zip(name) {
            *slot = b.to_ascii_lowercase();
        }
        t
    }

    fn name(t: &Tag) -> &[u8] {
        let len = t.iter().position(|&b| b == 0).unwrap_or(W);
        &t[..len]
    }

    fn is_void(n: &[u8]) -> bool {
        matches!(
            n,
            b"area"
                | b"base"
                | b"basefont"
                | b"bgsound"
                | b"br"
                | b"col"
                | b"embed"
                | b"frame"
                | b"hr"
                | b"image"
                | b"img"
                | b"input"
                | b"keygen"
                | b"link"
                | b"meta"
                | b"param"
                | b"source"
                | b"track"
                | b"wbr"
        )
    }

    fn is_raw(n: &[u8]) -> bool {
        matches!(
            n,
            b"script"
                | b"style"
                | b"textarea"
                | b"title"
                | b"xmp"
                | b"iframe"
                | b"noembed"
                | b"noframes"
                | b"noscript"
        )
    }

    fn is_heading(n: &[u8]) -> bool {
        matches!(n, b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6")
    }

    /// Elements whose end tag closes them only within their scope.
    fn is_block(n: &[u8]) -> bool {
        matches!(
            n,
            b"address"
                | b"article"
                | b"aside"
                | b"blockquote"
                | b"button"
                | b"center"
                | b"details"
                | b"dialog"
                | b"dir"
                | b"div"
                | b"dl"
                | b"fieldset"
                | b"figcaption"
                | b"figure"
                | b"footer"
                | b"form"
                | b"header"
                | b"hgroup"
                | b"listing"
                | b"main"
                | b"menu"
                | b"nav"
                | b"ol"
                | b"pre"
                | b"search"
                | b"section"
                | b"summary"
                | b"ul"
                | b"applet"
                | b"marquee"
                | b"object"
        )
    }

    /// Start tags that close an open `<p>`.
    fn closes_p(n: &[u8]) -> bool {
        (is_block(n) && !matches!(n, b"button" | b"applet" | b"marquee" | b"object"))
            || is_heading(n)
            || matches!(
                n,
                b"p" | b"table" | b"hr" | b"xmp" | b"plaintext" | b"li" | b"dd" | b"dt"
            )
    }

    fn is_formatting(n: &[u8]) -> bool {
        matches!(
            n,
            b"a" | b"b"
                | b"big"
                | b"code"
                | b"em"
                | b"font"
                | b"i"
                | b"nobr"
                | b"s"
                | b"small"
                | b"strike"
                | b"strong"
                | b"tt"
                | b"u"
        )
    }

    /// Elements that put a marker on the list of active formatting elements.
    fn is_marker(n: &[u8]) -> bool {
        matches!(
            n,
            b"td" | b"th" | b"caption" | b"applet" | b"marquee" | b"object" | b"template"
        )
    }

    fn is_scope(n: &[u8]) -> bool {
        matches!(
            n,
            b"applet"
                | b"caption"
                | b"html"
                | b"table"
                | b"td"
                | b"th"
                | b"marquee"
                | b"object"
                | b"template"
        )
    }

    fn is_special(n: &[u8]) -> bool {
        is_block(n)
            || is_heading(n)
            || matches!(
                n,
                b"li"
                    | b"dd"
                    | b"dt"
                    | b"p"
                    | b"table"
                    | b"tbody"
                    | b"thead"
                    | b"tfoot"
                    | b"tr"
                    | b"td"
                    | b"th"
                    | b"caption"
                    | b"colgroup"
                    | b"body"
                    | b"html"
                    | b"head"
                    | b"select"
                    | b"template"
            )
    }

    /// FNV-1a of a tag as written (name and attributes): formatting elements alike.
    fn ident(source: &[u8]) -> u64 {
        source.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
            (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
        })
    }

    #[derive(Clone, Copy)]
    struct Open {
        tag: Tag,
        id: u32,
    }

    /// An entry of the list of active formatting elements: where its element is (or was) on
    /// the stack; `ident` is `None` for a marker.
    #[derive(Clone, Copy)]
    struct Active {
        tag: Tag,
        ident: Option<u64>,
        pos: usize,
        id: u32,
    }

    struct Builder {
        stack: Vec<Open>,
        active: Vec<Active>,
        next: u32,
        foreign: usize,
        reopened: usize,
    }

    impl Builder {
        fn top(&self) -> &[u8] {
            self.stack.last().map(|o| name(&o.tag)).unwrap_or_default()
        }

        fn push(&mut self, t: Tag) -> (usize, u32) {
            self.next = self.next.wrapping_add(1);
            self.stack.push(Open {
                tag: t,
                id: self.next,
            });
            (self.stack.len() - 1, self.next)
        }

        fn push_name(&mut self, n: &[u8]) {
            self.push(tag(n));
        }

        fn is_open(&self, a: &Active) -> bool {
            self.stack.get(a.pos).is_some_and(|o| o.id == a.id)
        }

        /// Pops through the nearest element matching `hit`, unless an element matching `stop`
        /// comes first. Returns whether anything was popped.
        fn pop_to(&mut self, hit: impl Fn(&[u8]) -> bool, stop: impl Fn(&[u8]) -> bool) -> bool {
            for pos in (0..self.stack.len()).rev() {
                let n = name(&self.stack[pos].tag);
                if hit(n) {
                    self.stack.truncate(pos);
                    return true;
                }
                if stop(n) {
                    return false;
                }
            }
            false
        }

        fn close_p(&mut self) {
            self.pop_to(|n| n == b"p", |n| is_scope(n) || n == b"button");
        }

        /// Drops the entries after a marker whose element is closed (a cell that ended).
        fn clear_closed_markers(&mut self) {
            while let Some(m) = self.active.iter().rposition(|a| a.ident.is_none()) {
                if self.is_open(&self.active[m]) {
                    break;
                }
                self.active.truncate(m);
            }
        }

        /// Opens again the active formatting elements that were closed implicitly.
        fn reconstruct(&mut self) {
            self.clear_closed_markers();
            let mut k = self.active.len();
            while k > 0 {
                let a = self.active[k - 1];
                if a.ident.is_none() || self.is_open(&a) {
                    break;
                }
                k -= 1;
            }
            for j in k..self.active.len() {
                let (pos, id) = self.push(self.active[j].tag);
                self.active[j].pos = pos;
                self.active[j].id = id;
                self.reopened += 1;
            }
        }

        fn start(&mut self, t: Tag, source: &[u8], self_closing: bool) {
            let n = name(&t);
            if matches!(n, b"html" | b"head" | b"body") {
                return;
            }
            if self.foreign > 0 {
                if !self_closing && !is_void(n) {
                    self.push(t);
                }
                return;
            }
            if !is_special(n) && !closes_p(n) {
                self.reconstruct();
            }
            if is_void(n) {
                return;
            }
            match n {
                b"li" => {
                    self.pop_to(
                        |n| n == b"li",
                        |n| is_scope(n) || matches!(n, b"ul" | b"ol"),
                    );
                    self.close_p();
                }
                b"dd" | b"dt" => {
                    self.pop_to(
                        |n| matches!(n, b"dd" | b"dt"),
                        |n| is_scope(n) || n == b"dl",
                    );
                    self.close_p();
                }
                b"td" | b"th" | b"tr" => {
                    self.pop_to(|n| matches!(n, b"td" | b"th"), |n| n == b"table");
                    if n == b"tr" && self.top() == b"tr" {
                        self.stack.pop();
                    }
                    let implied: &[&[u8]] = match (self.top(), n) {
                        (b"tr", b"td" | b"th") => &[],
                        (b"tbody" | b"thead" | b"tfoot", b"td" | b"th") => &[b"tr"],
                        (b"table", b"td" | b"th") => &[b"tbody", b"tr"],
                        (b"tbody" | b"thead" | b"tfoot", _) => &[],
                        (b"table", _) => &[b"tbody"],
                        // A cell or row outside a table is ignored.
                        _ => return,
                    };
                    for &i in implied {
                        self.push_name(i);
                    }
                }
                b"tbody" | b"thead" | b"tfoot" | b"caption" | b"colgroup" => {
                    match self.stack.iter().rposition(|o| name(&o.tag) == b"table") {
                        Some(pos) => self.stack.truncate(pos + 1),
                        None => return,
                    }
                }
                b"option" | b"optgroup" => {
                    if self.top() == b"option" {
                        self.stack.pop();
                    }
                    if n == b"optgroup" && self.top() == b"optgroup" {
                        self.stack.pop();
                    }
                }
                b"a" | b"nobr" | b"button" => {
                    self.pop_to(|x| x == n, is_scope);
                }
                _ if is_heading(n) => {
                    self.close_p();
                    if is_heading(self.top()) {
                        self.stack.pop();
                    }
                }
                _ if closes_p(n) => self.close_p(),
                _ => {}
            }
            let foreign = matches!(n, b"svg" | b"math");
            if foreign && self_closing {
                return;
            }
            if foreign {
                self.foreign += 1;
            }
            let (pos, id) = self.push(t);
            if is_marker(n) {
                self.active.push(Active {
                    tag: t,
                    ident: None,
                    pos,
                    id,
                });
            } else if is_formatting(n) {
                self.clear_closed_markers();
                let ident = ident(source);
                let from = self
                    .active
                    .iter()
                    .rposition(|a| a.ident.is_none())
                    .map_or(0, |m| m + 1);
                let alike: Vec<usize> = (from..self.active.len())
                    .filter(|&j| self.active[j].ident == Some(ident))
                    .collect();
                if alike.len() >= 3 {
                    self.active.remove(alike[0]);
                }
                self.active.push(Active {
                    tag: t,
                    ident: Some(ident),
                    pos,
                    id,
                });
            }
        }

        fn end(&mut self, n: &[u8]) {
            if self.foreign > 0 {
                if self.pop_to(|x| x == n, |_| false) && matches!(n, b"svg" | b"math") {
                    self.foreign -= 1;
                }
                self.foreign = self.foreign.min(self.stack.len());
                return;
            }
            match n {
                b"html" | b"body" | b"head" | b"br" => {}
                b"p" => self.close_p(),
                b"li" => {
                    self.pop_to(|x| x == n, |x| is_scope(x) || matches!(x, b"ul" | b"ol"));
                }
                b"td" | b"th" | b"tr" | b"tbody" | b"thead" | b"tfoot" | b"caption"
                | b"colgroup" => {
                    self.pop_to(|x| x == n, |x| x == b"table");
                }
                b"table" => {
                    self.pop_to(|x| x == n, |x| x == b"template");
                }
                _ if is_heading(n) => {
                    self.pop_to(is_heading, is_scope);
                }
                _ if is_block(n) || matches!(n, b"dd" | b"dt") => {
                    self.pop_to(|x| x == n, is_scope);
                }
                _ if is_formatting(n) => {
                    // The adoption agency: the element leaves the list; with a block inside
                    // it, only the formatting element itself leaves the stack.
                    self.clear_closed_markers();
                    let from = self
                        .active
                        .iter()
                        .rposition(|a| a.ident.is_none())
                        .map_or(0, |m| m + 1);
                    if let Some(j) = (from..self.active.len())
                        .rev()
                        .find(|&j| name(&self.active[j].tag) == n)
                    {
                        self.active.remove(j);
                    }
                    let Some(pos) = (0..self.stack.len()).rev().find(|&p| {
                        let x = name(&self.stack[p].tag);
                        x == n || is_scope(x)
                    }) else {
                        return;
                    };
                    if name(&self.stack[pos].tag) != n {
                        return;
                    }
                    if self.stack[pos + 1..]
                        .iter()
                        .any(|o| is_special(name(&o.tag)))
                    {
                        self.stack.remove(pos);
                    } else {
                        self.stack.truncate(pos);
                    }
                }
                _ => {
                    self.pop_to(|x| x == n, is_special);
                }
            }
        }
    }

    fn find(b: &[u8], from: usize, what: u8) -> Option<usize> {
        b.get(from..)?
            .iter()
            .position(|&x| x == what)
            .map(|p| from + p)
    }

    fn find_seq(b: &[u8], from: usize, what: &[u8]) -> Option<usize> {
        b.get(from..)?
            .windows(what.len())
            .position(|w| w == what)
            .map(|p| from + p)
    }

    /// The `>` that ends a tag whose name ends at `from`, quoted attribute values skipped; and
    /// whether the tag is self-closing.
    fn tag_end(b: &[u8], from: usize) -> Option<(usize, bool)> {
        let mut i = from;
        let mut after_eq = false;
        while i < b.len() {
            match b[i] {
                b'>' => return Some((i, i > from && b[i - 1] == b'/')),
                q @ (b'"' | b'\'') if after_eq => {
                    i = find(b, i + 1, q)?;
                    after_eq = false;
                }
                b'=' => after_eq = true,
                c if c.is_ascii_whitespace() => {}
                _ => after_eq = false,
            }
            i += 1;
        }
        None
    }

    /// The `<` of the end tag closing a raw text element (`</script`), or the end.
    fn raw_end(b: &[u8], from: usize, n: &[u8]) -> usize {
        let mut i = from;
        while let Some(p) = find_seq(b, i, b"</") {
            let after = &b[p + 2..];
            if after.len() >= n.len() && after[..n.len()].eq_ignore_ascii_case(n) {
                return p;
            }
            i = p + 2;
        }
        b.len()
    }

    /// Whether the page would nest elements deeper than `limit`, or reopen far more formatting
    /// elements than it has bytes to spare (estimated from its tags).
    pub(super) fn check(s: &str, limit: usize) -> Option<Refusal> {
        let b = s.as_bytes();
        let budget = 100_000 + b.len() / 64;
        let mut builder = Builder {
            stack: Vec::new(),
            active: Vec::new(),
            next: 0,
            foreign: 0,
            reopened: 0,
        };
        let mut i = 0;
        while let Some(lt) = find(b, i, b'<') {
            if lt > i && builder.foreign == 0 {
                // Text: the formatting elements closed implicitly open again around it.
                builder.reconstruct();
            }
            i = lt + 1;
            let Some(&c) = b.get(i) else {
                break;
            };
            if c == b'!' {
                i = if b[i..].starts_with(b"!--") {
                    find_seq(b, i + 3, b"-->").map_or(b.len(), |p| p + 3)
                } else {
                    find(b, i, b'>').map_or(b.len(), |p| p + 1)
                };
                continue;
            }
            if c == b'?' {
                i = find(b, i, b'>').map_or(b.len(), |p| p + 1);
                continue;
            }
            let closing = c == b'/';
            let from = if closing { i + 1 } else { i };
            if !b.get(from).is_some_and(u8::is_ascii_alphabetic) {
                if closing {
                    i = find(b, i, b'>').map_or(b.len(), |p| p + 1);
                }
                continue;
            }
            let mut j = from;
            while j < b.len()
                && !matches!(b[j], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')
            {
                j += 1;
            }
            let t = tag(&b[from..j]);
            let Some((gt, self_closing)) = tag_end(b, j) else {
                break;
            };
            i = gt + 1;
            let n = name(&t);
            if closing {
                builder.end(n);
                continue;
            }
            if builder.foreign == 0 && is_raw(n) {
                i = raw_end(b, i, n);
                continue;
            }
            if builder.foreign == 0 && n == b"plaintext" {
                break;
            }
            builder.start(t, &b[from..gt], self_closing);
            if builder.stack.len() > limit {
                return Some(Refusal::Deep);
            }
            if builder.reopened > budget {
                return Some(Refusal::Reopened);
            }
        }
        None
    }
}
