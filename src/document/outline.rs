//! The outline of a plan: its numbered, lettered and bulleted items,
//! paragraphs and Markdown table rows, each with its section path.
//!
//! Markers recognised at the start of a logical line (soft line breaks are
//! already joined, so a hard-wrapped paragraph is one unit; Markdown `#`
//! heading marks are skipped):
//!
//! | kind | examples | adds a section level |
//! |---|---|---|
//! | part | `A.`, `B.` | yes (outermost) |
//! | roman | `I.`, `II-`, `IV)` | yes |
//! | arabic | `1.`, `2-`, `2.1.`, `4.2)` | yes (a dotted number holds its parent: `2.1` under `2` is `III.2.1`) |
//! | letter | `a)`, `đ)`, `b.` | yes |
//! | bullet | `-`, `+`, `•`, `*`, `–` | no |
//! | row | a Markdown `\| … \|` row (header rows name the columns) | no |
//!
//! Nesting follows first appearance: a marker of a kind already open closes
//! everything opened after it; a new kind nests under the current item;
//! parts and Roman numerals always close deeper kinds. Labels are kept as
//! written (a plan that numbers two sections "III" has two "III" paths).
//!
//! Three things of printed plans are not items of their own:
//! * a footnote line ("¹ Thực hiện thí điểm …", " 1 Kế hoạch số 25/…") is
//!   skipped (it stays inside the extent of the item it interrupts);
//! * a paragraph that continues a sentence cut by a page break (the line
//!   before is long and does not end a sentence, or this one starts in lower
//!   case after a skipped footnote) extends the item before it (its `head`);
//! * a paragraph after a bullet list belongs to the enclosing numbered or
//!   lettered item, not to the last bullet, unless it only times that
//!   bullet ("Thời gian hoàn thành …").
//!
//! What this module does not do: decide which items are tasks (see
//! `extract/tasks.rs`).

use std::ops::Range;

use super::Document;
use super::joined::starts_item;

/// What starts an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// `A.` — a part of the plan.
    Part,
    /// `Điều 2.` — an article of a decision (label "Điều 2").
    Article,
    /// `I.`, `II-`.
    Roman,
    /// `1.`, `2.1.`: the number of components.
    Arabic(usize),
    /// `a)`.
    Letter,
    /// `-`, `+`, `•` …: the bullet character.
    Bullet(char),
    /// A Markdown table data row.
    Row,
    /// No marker: a paragraph under the current item.
    Paragraph,
}

impl Marker {
    /// Does this kind add a level to the section path?
    pub fn is_level(&self) -> bool {
        matches!(
            self,
            Marker::Part | Marker::Article | Marker::Roman | Marker::Arabic(_) | Marker::Letter
        )
    }

    fn rank(&self) -> usize {
        match self {
            Marker::Part | Marker::Article => 0,
            Marker::Roman => 1,
            Marker::Arabic(n) => 1 + n,
            Marker::Letter => 20,
            Marker::Bullet(_) => 30,
            Marker::Row => 40,
            Marker::Paragraph => 50,
        }
    }
}

/// One unit of the outline.
#[derive(Debug, Clone)]
pub struct Item {
    /// What starts it.
    pub marker: Marker,
    /// The marker as written without punctuation ("III", "2.1", "a", "-").
    pub label: String,
    /// Section path of the item ("III.2.a"; bullets, rows and paragraphs
    /// have their enclosing item's path).
    pub section: String,
    /// Index of the enclosing item.
    pub parent: Option<usize>,
    /// Byte range of the item's own logical line (marker included).
    pub head: Range<usize>,
    /// Byte offset where the item's text starts (after the marker).
    pub text_start: usize,
    /// Byte range of the item with every following paragraph and sub-item,
    /// up to the next item of the same or an outer level.
    pub extent: Range<usize>,
    /// Table cells for a row (trimmed).
    pub cells: Vec<String>,
    /// Column names of the table a row belongs to.
    pub columns: Vec<String>,
}

/// The outline of a document.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Items in text order.
    pub items: Vec<Item>,
    /// Where the body ends: the start of the recipients block ("Nơi nhận:"),
    /// or the end of the text. Nothing after it is an item.
    pub body_end: usize,
    /// In a decision that promulgates an attached plan, the decision's own
    /// back matter between its articles and the attached plan: recipients,
    /// signature, and the attached plan's title up to its "(Ban hành kèm
    /// theo …)" line. No item comes from it; the attached plan's items
    /// follow it (SPEC section 4: both belong to the record).
    pub back_matter: Option<Range<usize>>,
}

/// How far after "Nơi nhận:" the "(Ban hành kèm theo …)" line of an
/// attached plan is looked for, in logical lines.
const ATTACHMENT_LOOKAHEAD: usize = 40;

/// Does this logical line hold the "(Ban hành kèm theo Quyết định số …)" or
/// "(Kèm theo …)" line under the title of an attached document? (A wrapped
/// title may be joined to it.)
fn is_attachment_line(line: &str) -> bool {
    let lower = line.to_lowercase();
    let t = lower.trim_start_matches(['#', '*', '_', ' ', '\t']);
    t.starts_with("ban hành kèm theo")
        || t.starts_with("kèm theo")
        || lower.contains("(ban hành kèm theo")
        || lower.contains("(kèm theo")
}

/// Where the back matter that opens at `from` ("Nơi nhận:") ends, when an
/// attached document follows it: the end of its "(Ban hành kèm theo …)" line.
fn attachment_start(doc: &Document<'_>, from: usize) -> Option<usize> {
    doc.logical_lines()
        .skip_while(|r| r.start <= from)
        .take(ATTACHMENT_LOOKAHEAD)
        .find(|r| is_attachment_line(doc.quote(r.start, r.end)))
        .map(|r| r.end)
}

/// Does this logical line open the recipients block of the signature?
fn is_back_matter(line: &str) -> bool {
    let t = line.trim_start().trim_start_matches(['|', ' ']);
    // The first eight characters, lower-cased, are exactly "nơi nhận".
    let mut head = t.chars().take(8).flat_map(char::to_lowercase);
    "nơi nhận".chars().all(|w| head.next() == Some(w)) && head.next().is_none()
}

/// Does `t`, lower-cased, start with `want` (lower case)? Allocation-free.
fn lower_starts_with(t: &str, want: &str) -> bool {
    let mut lower = t.chars().flat_map(char::to_lowercase);
    want.chars().all(|w| lower.next() == Some(w))
}

/// A line this long that does not end a sentence was cut by a page break.
const CUT_LINE: usize = 160;

/// Is this logical line a footnote ("¹ …", "⁽¹⁾ …", "1 Kế hoạch số …")?
fn is_footnote(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some('¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁽') => true,
        Some(c) if c.is_ascii_digit() => {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &t[digits..];
            digits <= 2
                && rest.starts_with(' ')
                && rest
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        }
        _ => false,
    }
}

/// Does `line` end a sentence, a heading with a colon, or a table row?
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches([' ', '\t', '*', '_']);
    t.is_empty() || t.ends_with(['.', ';', ':', '!', '?', '|', ')'])
}

/// Does this paragraph only time the item before it ("Thời gian hoàn thành
/// …", not "Thời gian thực hiện các nhiệm vụ trên …")?
pub fn is_timing_line(line: &str) -> bool {
    let t = line.trim_start();
    if !(lower_starts_with(t, "thời gian") || lower_starts_with(t, "thời hạn")) {
        return false;
    }
    let t = t.to_lowercase();
    ![
        "nhiệm vụ trên",
        "nội dung trên",
        "công việc trên",
        "nêu trên",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// Is `s` a Roman numeral from 1 to 39?
fn is_roman(s: &str) -> bool {
    const ROMANS: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    let tens = s.trim_start_matches('X');
    (s.len() - tens.len() <= 3) && (tens.is_empty() || ROMANS.contains(&tens))
}

/// Parse a marker at the start of `line`; returns (marker, label, byte
/// length of the marker and the white space after it).
pub fn parse_marker(line: &str) -> Option<(Marker, String, usize)> {
    let lead = line.len() - line.trim_start().len();
    let t = &line[lead..];
    let first = t.chars().next()?;
    if matches!(
        first,
        '-' | '+' | '•' | '*' | '–' | '—' | '·' | '●' | '○' | '▪' | '\u{F0B7}' | '\u{F0A7}'
    ) {
        let rest = &t[first.len_utf8()..];
        let spaced = rest.starts_with([' ', '\t']);
        // "-Thực hiện" (no space) is still a bullet; "-5%" is not.
        if spaced || rest.chars().next().is_some_and(char::is_uppercase) {
            let ws = rest.len() - rest.trim_start().len();
            return Some((
                Marker::Bullet(first),
                first.to_string(),
                lead + first.len_utf8() + ws,
            ));
        }
        return None;
    }
    if let Some(found) = part_or_article(t) {
        let (marker, label, len) = found;
        return Some((marker, label, lead + len));
    }
    if !starts_item(t) {
        return None;
    }
    let head = t
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(t, |(i, _)| &t[..i]);
    let label = head.trim_end_matches('.').to_string();
    let rest = &t[label.len()..];
    let punct = rest.chars().next()?;
    let after = &rest[punct.len_utf8()..];
    let ws = after.len() - after.trim_start().len();
    let len = lead + label.len() + punct.len_utf8() + ws;
    let marker = if label
        .split('.')
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        Marker::Arabic(label.split('.').count())
    } else if is_roman(&label) {
        Marker::Roman
    } else if label.chars().count() == 1 {
        let c = label.chars().next()?;
        if c.is_uppercase() && punct == '.' {
            Marker::Part
        } else if c.is_lowercase()
            && (punct == ')' || after.trim_start().starts_with(char::is_uppercase))
        {
            Marker::Letter
        } else {
            return None;
        }
    } else {
        return None;
    };
    Some((marker, label, len))
}

/// "Phần I", "PHẦN II." (a Roman level labelled "I") and "Điều 2." (an
/// article labelled "Điều 2").
fn part_or_article(t: &str) -> Option<(Marker, String, usize)> {
    let (word, rest) = t.split_once(' ')?;
    let article = match word {
        "Phần" | "PHẦN" => false,
        "Điều" | "ĐIỀU" => true,
        _ => return None,
    };
    let num: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let after = &rest[num.len()..];
    let ends = after.is_empty() || after.starts_with(['.', ':', ' ', '\t']);
    if num.is_empty() || !ends {
        return None;
    }
    let marker = if article && num.bytes().all(|b| b.is_ascii_digit()) && num.len() <= 3 {
        Marker::Article
    } else if !article && is_roman(&num) {
        Marker::Roman
    } else {
        return None;
    };
    // An article needs its full stop ("Điều 2. Giao …"), so "Điều 2 của
    // Quyết định …" in running text is not one.
    if article && !after.starts_with('.') {
        return None;
    }
    let punct = after.chars().next().filter(|c| matches!(c, '.' | ':'));
    let tail = &after[punct.map_or(0, char::len_utf8)..];
    let ws = tail.len() - tail.trim_start().len();
    let label = if article {
        format!("Điều {num}")
    } else {
        num.clone()
    };
    let len = word.len() + 1 + num.len() + punct.map_or(0, char::len_utf8) + ws;
    Some((marker, label, len))
}

fn split_cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| c.trim().to_string()).collect()
}

fn is_separator_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|')
        && t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Path of the levels on `stack` ending at `upto` (inclusive).
fn path(items: &[Item], stack: &[usize]) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let mut last_arabic: Option<usize> = None;
    for &i in stack {
        let it = &items[i];
        if !it.marker.is_level() {
            continue;
        }
        if let (Marker::Arabic(_), Some(prev)) = (&it.marker, last_arabic) {
            // "2.1" under "2": the dotted number holds its parent.
            if it.label.starts_with(&format!("{}.", parts[prev])) {
                parts[prev] = &it.label;
                continue;
            }
        }
        if matches!(it.marker, Marker::Arabic(_)) {
            last_arabic = Some(parts.len());
        }
        parts.push(&it.label);
    }
    parts.join(".")
}

impl Outline {
    /// Parse the outline of `doc`.
    pub fn parse(doc: &Document<'_>) -> Outline {
        let mut items: Vec<Item> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        let mut columns: Vec<String> = Vec::new();
        let mut in_table = false;
        let mut body_end = doc.text.trim_end().len();
        let mut back_matter: Option<Range<usize>> = None;
        // The last content line, and whether a footnote followed it.
        let mut last_line: Option<Range<usize>> = None;
        let mut after_note = false;
        for range in doc.logical_lines() {
            let line = doc.quote(range.start, range.end);
            if line.trim().is_empty() {
                continue;
            }
            if back_matter.as_ref().is_some_and(|b| range.start < b.end) {
                continue;
            }
            if is_back_matter(line) {
                if back_matter.is_none()
                    && let Some(end) = attachment_start(doc, range.start)
                {
                    // The attached plan starts its own outline.
                    back_matter = Some(range.start..end);
                    stack.clear();
                    columns.clear();
                    in_table = false;
                    last_line = None;
                    after_note = false;
                    continue;
                }
                body_end = range.start;
                break;
            }
            if is_footnote(line) && !items.is_empty() {
                after_note = true;
                continue;
            }
            // A sentence cut by a page break (or by a footnote) goes on here.
            if let (Some(prev), Some(last)) = (&last_line, items.last_mut())
                && parse_marker(line).is_none()
                && !line.trim_start().starts_with(['|', '#'])
                && last.head.end == prev.end
            {
                let prev_text = doc.quote(prev.start, prev.end);
                let lower = line
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase);
                if !ends_sentence(prev_text)
                    && (prev_text.trim().chars().count() >= CUT_LINE || (after_note && lower))
                {
                    last.head.end = range.end;
                    last_line = Some(range.clone());
                    after_note = false;
                    continue;
                }
            }
            after_note = false;
            last_line = Some(range.clone());
            // Markdown heading marks: "## 1. Sở Nội vụ".
            let hashes = line.trim_start().bytes().take_while(|&b| b == b'#').count();
            let skip = if hashes > 0 {
                let lead = line.len() - line.trim_start().len() + hashes;
                lead + (line[lead..].len() - line[lead..].trim_start().len())
            } else {
                0
            };
            let body = &line[skip..];
            let (marker, label, mlen, cells) = if body.trim_start().starts_with('|') {
                if is_separator_row(body) {
                    // The row before was the header.
                    if let Some(last) = items
                        .last_mut()
                        .filter(|i| i.marker == Marker::Row && !in_table)
                    {
                        columns = std::mem::take(&mut last.cells);
                        last.marker = Marker::Paragraph;
                    }
                    in_table = true;
                    continue;
                }
                (Marker::Row, String::new(), 0, split_cells(body))
            } else {
                in_table = false;
                columns.clear();
                match parse_marker(body) {
                    Some((m, l, len)) => (m, l, skip + len, Vec::new()),
                    None => (Marker::Paragraph, String::new(), skip, Vec::new()),
                }
            };
            // Close what this item ends.
            if marker.is_level() {
                if let Some(p) = stack.iter().rposition(|&i| items[i].marker == marker) {
                    stack.truncate(p);
                } else if matches!(marker, Marker::Part | Marker::Roman) {
                    while stack
                        .last()
                        .is_some_and(|&i| items[i].marker.rank() > marker.rank())
                    {
                        stack.pop();
                    }
                }
                // Bullets, rows and paragraphs under a closed level go too.
                while stack.last().is_some_and(|&i| !items[i].marker.is_level()) {
                    stack.pop();
                }
            } else if let Marker::Bullet(_) = marker
                && let Some(p) = stack.iter().rposition(|&i| items[i].marker == marker)
            {
                stack.truncate(p);
            } else if marker == Marker::Paragraph && !is_timing_line(&line[skip..]) {
                // A paragraph after a bullet list belongs to the enclosing item.
                while stack
                    .last()
                    .is_some_and(|&i| matches!(items[i].marker, Marker::Bullet(_)))
                {
                    stack.pop();
                }
            }
            let parent = if marker == Marker::Paragraph || marker == Marker::Row {
                stack
                    .iter()
                    .rev()
                    .copied()
                    .find(|&i| items[i].marker != Marker::Paragraph)
            } else {
                stack.last().copied()
            };
            let index = items.len();
            items.push(Item {
                marker: marker.clone(),
                label,
                section: String::new(),
                parent,
                head: range.clone(),
                text_start: range.start + mlen,
                extent: range.clone(),
                cells,
                columns: if marker == Marker::Row {
                    columns.clone()
                } else {
                    Vec::new()
                },
            });
            let mut levels: Vec<usize> = stack.clone();
            if marker.is_level() {
                levels.push(index);
            }
            items[index].section = path(&items, &levels);
            if marker != Marker::Paragraph && marker != Marker::Row {
                stack.push(index);
            }
        }
        // Extents: up to the next item that is not inside this one.
        let text_end = doc.text[..body_end].trim_end().len();
        for i in 0..items.len() {
            // Items of a decision end where its back matter starts.
            let cap = match &back_matter {
                Some(b) if items[i].head.start < b.start => b.start,
                _ => text_end,
            };
            let mut end = cap;
            for j in i + 1..items.len() {
                if !is_inside(&items, j, i) {
                    end = items[j].head.start;
                    break;
                }
            }
            let end = end.min(cap);
            let end = doc.text[..end.max(items[i].head.end)].trim_end().len();
            items[i].extent = items[i].head.start..end.max(items[i].head.end);
        }
        Outline {
            items,
            body_end,
            back_matter,
        }
    }

    /// The innermost item whose extent holds byte `offset`.
    pub fn item_at(&self, offset: usize) -> Option<usize> {
        self.items
            .iter()
            .rposition(|it| it.head.start <= offset && offset < it.extent.end.max(it.head.end + 1))
    }

    /// `index` and its ancestors, innermost first.
    pub fn ancestors(&self, index: usize) -> impl Iterator<Item = (usize, &Item)> {
        std::iter::successors(Some(index), move |&i| self.items[i].parent)
            .map(move |i| (i, &self.items[i]))
    }

    /// Indices of the items whose parent is `index`.
    pub fn children(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        self.items
            .iter()
            .enumerate()
            .filter(move |(_, it)| it.parent == Some(index))
            .map(|(i, _)| i)
    }
}

/// Is item `j` inside item `i` (a descendant, or a paragraph of it)?
fn is_inside(items: &[Item], j: usize, i: usize) -> bool {
    let mut p = items[j].parent;
    while let Some(k) = p {
        if k == i {
            return true;
        }
        p = items[k].parent;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections(text: &str) -> Vec<(String, String)> {
        let doc = Document::new(text);
        Outline::parse(&doc)
            .items
            .iter()
            .filter(|i| i.marker != Marker::Paragraph)
            .map(|i| {
                (
                    i.section.clone(),
                    doc.quote(i.text_start, i.head.end)
                        .chars()
                        .take(12)
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn markers() {
        assert_eq!(
            parse_marker("III- TỔ CHỨC").map(|m| (m.0, m.1)),
            Some((Marker::Roman, "III".into()))
        );
        assert_eq!(
            parse_marker("2.1. Các nhiệm vụ").map(|m| (m.0, m.1)),
            Some((Marker::Arabic(2), "2.1".into()))
        );
        assert_eq!(
            parse_marker("đ) Thực hiện").map(|m| (m.0, m.1)),
            Some((Marker::Letter, "đ".into()))
        );
        assert_eq!(parse_marker("B. NHIỆM VỤ").map(|m| m.0), Some(Marker::Part));
        assert_eq!(
            parse_marker("- Tham mưu").map(|m| (m.0, m.2)),
            Some((Marker::Bullet('-'), 2))
        );
        assert_eq!(parse_marker("+  Năm 2023: 1.643").map(|m| m.2), Some(3));
        assert!(parse_marker("18-NQ/TW của").is_none());
        assert!(parse_marker(" 1 Kế hoạch số 25").is_none());
        assert!(parse_marker("-5% so với").is_none());
    }

    #[test]
    fn section_paths() {
        let text = "B. NHIỆM VỤ\nI- MỤC ĐÍCH\n1. Các cấp ủy\nII- NHIỆM VỤ\n1. Công tác\nNội dung.\n2. Lãnh đạo\n2.1. Về Nghị quyết 18\n- Thực hiện\n- Tiếp tục\n2.2. Về 19\nHoàn thành.\na) Việc một\n+ chi tiết\nb) Việc hai\nIII. TỔ CHỨC\n1. Sở Nội vụ\n";
        let got = sections(text);
        let want = [
            ("B", "NHIỆM VỤ"),
            ("B.I", "MỤC ĐÍCH"),
            ("B.I.1", "Các cấp ủy"),
            ("B.II", "NHIỆM VỤ"),
            ("B.II.1", "Công tác"),
            ("B.II.2", "Lãnh đạo"),
            ("B.II.2.1", "Về Nghị quyế"),
            ("B.II.2.1", "Thực hiện"),
            ("B.II.2.1", "Tiếp tục"),
            ("B.II.2.2", "Về 19"),
            ("B.II.2.2.a", "Việc một"),
            ("B.II.2.2.a", "chi tiết"),
            ("B.II.2.2.b", "Việc hai"),
            ("B.III", "TỔ CHỨC"),
            ("B.III.1", "Sở Nội vụ"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn extents_cover_paragraphs_and_sub_items() {
        let text = "1. Sở Nội vụ\nNgoài nhiệm vụ:\n- Tham mưu\n2. Sở Y tế\n";
        let doc = Document::new(text);
        let o = Outline::parse(&doc);
        let first = &o.items[0];
        assert_eq!(
            &doc.text[first.extent.clone()],
            "1. Sở Nội vụ\nNgoài nhiệm vụ:\n- Tham mưu"
        );
        let bullet = o.items.iter().position(|i| i.label == "-").unwrap();
        assert_eq!(
            o.ancestors(bullet)
                .map(|(_, i)| i.label.as_str())
                .collect::<Vec<_>>(),
            ["-", "1"]
        );
        assert_eq!(o.item_at(text.find("Tham").unwrap()), Some(bullet));
    }

    #[test]
    fn recipients_block_ends_the_body() {
        let text = "1. Sở Nội vụ chủ trì.\nNơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT.\n";
        let doc = Document::new(text);
        let o = Outline::parse(&doc);
        assert_eq!(o.items.len(), 1);
        assert_eq!(o.body_end, text.find("Nơi").unwrap());
        assert_eq!(&text[o.items[0].extent.clone()], "1. Sở Nội vụ chủ trì.");
    }

    #[test]
    fn a_plan_attached_after_the_recipients_block_is_read() {
        let text = "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\n\
                    Điều 2. Giao Sở Nội vụ theo dõi.\n\nNơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT.\n\n\
                    KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn A\n\nKẾ HOẠCH\n\n\
                    Thực hiện Nghị quyết số 19-NQ/TW\n\
                    (Ban hành kèm theo Quyết định số 10/QĐ-UBND ngày 07/5/2018)\n\n\
                    Phần II\nNHIỆM VỤ\n\n1. Sở Y tế chủ trì.\n";
        let doc = Document::new(text);
        let o = Outline::parse(&doc);
        let b = o.back_matter.clone().expect("back matter");
        assert_eq!(b.start, text.find("Nơi nhận").unwrap());
        assert!(
            text[b.clone()].ends_with("ngày 07/5/2018)"),
            "{:?}",
            &text[b]
        );
        assert_eq!(o.body_end, text.trim_end().len());
        let sections: Vec<(&str, &str)> = o
            .items
            .iter()
            .map(|i| (i.section.as_str(), text[i.head.clone()].trim()))
            .collect();
        assert_eq!(
            sections,
            [
                ("", "QUYẾT ĐỊNH:"),
                (
                    "Điều 1",
                    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch."
                ),
                ("Điều 2", "Điều 2. Giao Sở Nội vụ theo dõi."),
                ("II", "Phần II"),
                ("II", "NHIỆM VỤ"),
                ("II.1", "1. Sở Y tế chủ trì."),
            ]
        );
        // The article before the back matter ends where the back matter starts.
        assert_eq!(
            text[o.items[2].extent.clone()].trim_end(),
            "Điều 2. Giao Sở Nội vụ theo dõi."
        );
    }

    #[test]
    fn recipients_without_an_attached_plan_still_end_the_body() {
        let text = "1. Sở Nội vụ chủ trì.\nNơi nhận:\n- Bộ Nội vụ;\n\nKẾ HOẠCH KHÁC\n2. Sở Y tế.\n";
        let o = Outline::parse(&Document::new(text));
        assert!(o.back_matter.is_none());
        assert_eq!(o.items.len(), 1);
    }

    #[test]
    fn parts_and_articles() {
        fn label(l: &str) -> Option<(Marker, String, &str)> {
            parse_marker(l).map(|(m, label, len)| (m, label, &l[len..]))
        }
        assert_eq!(
            label("Phần I. MỤC TIÊU"),
            Some((Marker::Roman, "I".into(), "MỤC TIÊU"))
        );
        assert_eq!(label("PHẦN II"), Some((Marker::Roman, "II".into(), "")));
        assert_eq!(
            label("Điều 3. Chánh Văn phòng"),
            Some((Marker::Article, "Điều 3".into(), "Chánh Văn phòng"))
        );
        assert_eq!(label("Điều 3 của Quyết định này"), None);
        assert_eq!(label("Phần việc còn lại"), None);
        assert_eq!(label("Phần lớn các đơn vị"), None);
    }

    #[test]
    fn markdown_tables() {
        let text = "1. Nhiệm vụ cụ thể\n| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |\n|---|---|---|---|\n| 1 | Rà soát | Sở Nội vụ | Quý II/2025 |\n| 2 | Sắp xếp | Sở Y tế | Năm 2025 |\n";
        let doc = Document::new(text);
        let o = Outline::parse(&doc);
        let rows: Vec<_> = o.items.iter().filter(|i| i.marker == Marker::Row).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].columns,
            ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]
        );
        assert_eq!(rows[1].cells, ["2", "Sắp xếp", "Sở Y tế", "Năm 2025"]);
        assert_eq!(rows[0].section, "1");
    }

    #[test]
    fn footnotes_and_page_breaks() {
        let long = "Chú trọng cơ cấu lại và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức khi tiến hành tinh giản biên chế, hoàn thiện hệ thống danh mục vị trí việc làm trong hệ thống chính";
        let text = format!(
            "1. Công tác cán bộ\n{long}\n\n¹ Thực hiện thí điểm tại huyện Tân Hiệp.\n\ntrị. Thực hiện kịp thời các chế độ.\n2. Sở Y tế\n"
        );
        let doc = Document::new(&text);
        let o = Outline::parse(&doc);
        let labels: Vec<_> = o
            .items
            .iter()
            .map(|i| (i.label.as_str(), i.marker.clone()))
            .collect();
        assert_eq!(
            labels,
            [
                ("1", Marker::Arabic(1)),
                ("", Marker::Paragraph),
                ("2", Marker::Arabic(1))
            ]
        );
        // The paragraph goes on after the footnote.
        assert!(text[o.items[1].head.clone()].ends_with("Thực hiện kịp thời các chế độ."));
        assert!(is_footnote(" 1 Kế hoạch số 25/KH-UBND ngày 09/02/2018"));
        assert!(!is_footnote("1. Sở Nội vụ"));
    }

    #[test]
    fn paragraphs_after_bullets() {
        let text = "1. Sở Y tế\n- Việc một.\nThời gian hoàn thành trong quý II năm 2025.\n- Việc hai.\nGiao Sở Tài chính bố trí kinh phí.\n";
        let doc = Document::new(text);
        let o = Outline::parse(&doc);
        let parent = |needle: &str| {
            let i = o
                .items
                .iter()
                .position(|i| text[i.head.clone()].starts_with(needle))
                .unwrap();
            o.items[i].parent.map(|p| o.items[p].label.clone())
        };
        // A timing paragraph stays with its bullet; another paragraph goes
        // to the numbered item.
        assert_eq!(parent("Thời gian").as_deref(), Some("-"));
        assert_eq!(parent("Giao").as_deref(), Some("1"));
        assert!(is_timing_line("Thời hạn: quý III/2025"));
        assert!(!is_timing_line(
            "Thời gian thực hiện các nhiệm vụ trên: năm 2025"
        ));
    }
}
